import { declareChapter } from '../declare-chapter.ts';

await declareChapter('running-safely');
