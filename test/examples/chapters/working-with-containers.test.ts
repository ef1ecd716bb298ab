import { declareChapter } from '../declare-chapter.ts';

await declareChapter('working-with-containers');
