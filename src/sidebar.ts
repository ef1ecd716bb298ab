/** Starlight's sidebar, from the chapter list (src/contract/chapters.ts). */
import { chapters } from './contract/chapters.ts';

/** In reading order, with each label in both languages. */
export const sidebar = chapters.map((chapter) => ({
	label: chapter.label.ko,
	translations: { en: chapter.label.en },
	slug: chapter.slug,
}));
