/** The site's content collections: Starlight's pages and its translations of the UI. */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { i18nLoader } from '@astrojs/starlight/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';

export const collections = {
	// Starlight's docsLoader (the same folder and extensions) without keeping each page's source
	// in the content store: nothing reads `entry.body`, and the store is bundled into every build,
	// where the guide's source would be half a megabyte of literals for the bundler to walk.
	docs: defineCollection({
		loader: glob({ base: './src/content/docs', pattern: '**/[^_]*.{markdown,mdown,mkdn,mkd,mdwn,md,mdx}', retainBody: false }),
		schema: docsSchema(),
	}),
	i18n: defineCollection({ loader: i18nLoader(), schema: i18nSchema() }),
};
