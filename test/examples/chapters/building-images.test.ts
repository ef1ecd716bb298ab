import { declareChapter } from '../declare-chapter.ts';

await declareChapter('building-images');
