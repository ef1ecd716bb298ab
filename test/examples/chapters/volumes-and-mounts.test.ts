import { declareChapter } from '../declare-chapter.ts';

await declareChapter('volumes-and-mounts');
