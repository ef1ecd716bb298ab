// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import starlightLinksValidator from 'starlight-links-validator';
import { guideLocales } from './src/contract/locales.ts';
import { sidebar } from './src/sidebar.ts';
import { verifiedBlocks } from './src/verification/starlight-plugin.ts';

// The repository the "edit page" links point at. One place, so a fork changes one line.
const repository = 'https://github.com/layerbook/layerbook';

export default defineConfig({
	integrations: [
		starlight({
			title: { ko: 'Layerbook: 도커 이미지와 컨테이너', en: 'Layerbook: Docker images and containers' },
			description: 'A guide to Docker images and containers in which every example has been run against a real Docker engine.',
			defaultLocale: 'root',
			locales: guideLocales,
			sidebar,
			customCss: ['./src/styles/search.css'],
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
					exclude: ({ slug }) => slug === '404',
				}),
			],
		}),
	],
});
