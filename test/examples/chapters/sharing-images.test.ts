import { declareChapter } from '../declare-chapter.ts';

await declareChapter('sharing-images');
