import { chapters } from './contract/chapters.ts';

/** Starlight's sidebar, in reading order, with each label in both languages. */
export const sidebar = chapters.map((chapter) => ({
	label: chapter.label.ko,
	translations: { en: chapter.label.en },
	slug: chapter.slug,
}));
