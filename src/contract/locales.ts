/**
 * The guide's languages, as Starlight's `locales` option takes them: Korean at the root (the
 * chapters the harness runs), translations under their own folder (never run again).
 */
export const guideLocales = {
	root: { label: '한국어', lang: 'ko' },
	en: { label: 'English', lang: 'en' },
} as const;

export type GuideLanguage = (typeof guideLocales)[keyof typeof guideLocales]['lang'];

/** The folders under src/content/docs/ that hold translations. */
export const translationLocales = Object.keys(guideLocales).filter((locale) => locale !== 'root') as readonly Exclude<keyof typeof guideLocales, 'root'>[];

/** A page's slug and language, from its path under the docs folder (`en/tags-and-digests.mdx`). */
export function pageIdentity(pathInDocs: string): { slug: string; language: GuideLanguage } {
	const path = pathInDocs.replace(/\.mdx?$/, '');
	const locale = translationLocales.find((candidate) => path.startsWith(`${candidate}/`));
	return locale === undefined ? { slug: path, language: guideLocales.root.lang } : { slug: path.slice(locale.length + 1), language: guideLocales[locale].lang };
}
