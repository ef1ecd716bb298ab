import { declareChapter } from '../declare-chapter.ts';

await declareChapter('networks');
