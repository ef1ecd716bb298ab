// @ts-check
// The site's build: Starlight with the guide's languages and sidebar, and the plugins that put the record on every page.
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import starlightLinksValidator from 'starlight-links-validator';
import { guideLocales } from './src/contract/locales.ts';
import { sidebar } from './src/sidebar.ts';
import { afterCodeBlocks, verifiedBlocks } from './src/verification/starlight-plugin.ts';

// The repository the "edit page" and GitHub links point at. One place, so a fork changes one line.
const repository = 'https://github.com/layerbook-guide/layerbook';
// Where the guide is published: canonical URLs and the sitemap (Starlight adds it when `site` is set).
const site = 'https://layerbook-guide.github.io';

export default defineConfig({
	site,
	// Styles in one file, cached once for the whole site, rather than repeated in each page's HTML
	// or split into a request per component.
	build: { inlineStylesheets: 'never' },
	// Scripts too, however small (Astro inlines those under Vite's inline limit): each page's
	// HTML then carries none of the theme, tabs and lazy-block scripts, which the browser keeps
	// once for every page.
	vite: { build: { cssCodeSplit: false, assetsInlineLimit: 0 } },
	integrations: [
		starlight({
			title: { ko: 'Layerbook: 도커 이미지와 컨테이너', en: 'Layerbook: Docker images and containers' },
			description: 'A guide to Docker images and containers in which every example has been run against a real Docker engine.',
			defaultLocale: 'root',
			locales: guideLocales,
			sidebar,
			components: {
				// Pagefind's UI loads when the reader reaches for search, not on every page.
				Search: './src/components/Search.astro',
				// Folded setup opens its template the first time it is read.
				MarkdownContent: './src/components/MarkdownContent.astro',
			},
			editLink: { baseUrl: `${repository}/edit/main/` },
			lastUpdated: true,
			social: [{ icon: 'github', label: 'GitHub', href: repository }],
			// Broken internal links and anchors fail the build: a guide that cross-links every
			// command must not ship a dead one.
			// Korean pages link to Korean pages and English to English; only the 404 page, served
			// for every address, speaks to both.
			plugins: [
				verifiedBlocks(),
				starlightLinksValidator({
					errorOnFallbackPages: false,
					errorOnInconsistentLocale: true,
					// http://localhost:8080 and the like are the reader's own containers, opened in their browser.
					errorOnLocalLinks: false,
					// The chapter scripts (src/pages/scripts/) are files, not pages.
					exclude: ({ slug, link }) => slug === '404' || link.startsWith('/scripts/'),
				}),
			],
		}),
		// After Starlight, so after the Expressive Code integration it adds right behind itself.
		afterCodeBlocks(),
	],
});
