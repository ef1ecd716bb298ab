import { declareChapter } from '../declare-chapter.ts';

await declareChapter('tags-and-digests');
