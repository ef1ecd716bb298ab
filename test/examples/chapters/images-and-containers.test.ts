import { declareChapter } from '../declare-chapter.ts';

await declareChapter('images-and-containers');
