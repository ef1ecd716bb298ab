import { declareChapter } from '../declare-chapter.ts';

await declareChapter('layers-and-cache');
