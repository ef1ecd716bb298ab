/** Wires "verified on the page" into Starlight and Astro: the plugins, the marks' styles and the words. */
import type { StarlightPlugin } from '@astrojs/starlight/types';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pluginConsoleCopy } from './ec-console-copy.ts';
import { blocksAddress, blocksFile, lazyBlocks, pluginLazyBlocks } from './ec-lazy.ts';
import { pluginVaryingOutput } from './ec-varying.ts';
import type { AstroIntegration } from 'astro';
import { type VerificationLabels, verificationLabels } from './labels.ts';
import { rehypeHoistCodeAssets, rehypeLighterHeadings, remarkVerifiedBlocks } from './remark-verified-blocks.ts';
import { verificationTranslations } from './translations.ts';

/**
 * The remark plugin that marks every block, failing the build (not the dev server) on a block the
 * record does not cover, the Expressive Code plugins, and in a build each page's highlighted blocks
 * written beside it (ec-lazy.ts), from the state this plugin hands them.
 */
export function verifiedBlocks(): StarlightPlugin {
	return {
		name: 'layerbook-verified-blocks',
		hooks: {
			'i18n:setup'({ injectTranslations }) {
				injectTranslations(verificationTranslations);
			},
			'config:setup'({ absolutePathToLang, addIntegration, astroConfig, command, config, updateConfig, useTranslations }) {
				const root = fileURLToPath(astroConfig.root).replace(/\/$/, '');
				const lazy = lazyBlocks({ enabled: command === 'build', docs: join(root, 'src', 'content', 'docs') });
				const expressiveCode = typeof config.expressiveCode === 'object' ? config.expressiveCode : {};
				const shiki = typeof expressiveCode.shiki === 'object' ? expressiveCode.shiki : {};
				updateConfig({
					customCss: [...(config.customCss ?? []), './src/styles/verified.css'],
					// The lazy-blocks plugin last: it takes each block as the others left it.
					expressiveCode: {
						...expressiveCode,
						// Chapters write `.env` files as `env` fences, the name the contract's comment rules use.
						shiki: { ...shiki, langAlias: { env: 'dotenv', ...shiki.langAlias } },
						plugins: [...(expressiveCode.plugins ?? []), pluginConsoleCopy(), pluginVaryingOutput(), pluginLazyBlocks(lazy)],
					},
				});
				const labelsFor = (path: string): VerificationLabels => {
					const t = useTranslations(absolutePathToLang(path));
					// Our keys are injected above; i18next's types know only Starlight's own.
					return verificationLabels((key, options) => String(t(key as never, options as never)));
				};
				addIntegration({
					name: 'layerbook-verified-blocks',
					hooks: {
						'astro:config:setup'({ updateConfig: updateAstroConfig }) {
							updateAstroConfig({
								markdown: {
									remarkPlugins: [[remarkVerifiedBlocks, { root, failOnStale: command === 'build', labelsFor, lazy }]],
									rehypePlugins: [rehypeLighterHeadings],
								},
							});
						},
						'astro:build:done'({ dir }) {
							const out = fileURLToPath(dir);
							for (const page of new Set([...lazy.pages.keys(), ...lazy.outputs.keys()])) {
								const file = join(out, blocksAddress(page));
								mkdirSync(dirname(file), { recursive: true });
								writeFileSync(file, JSON.stringify(blocksFile(lazy, page)));
							}
						},
					},
				});
			},
		},
	};
}

/**
 * What must run after Expressive Code's own rehype step: list it after `starlight()` in the
 * config's integrations (Starlight puts Expressive Code right after itself).
 */
export function afterCodeBlocks(): AstroIntegration {
	return {
		name: 'layerbook-after-code-blocks',
		hooks: {
			'astro:config:setup'({ updateConfig }) {
				updateConfig({ markdown: { rehypePlugins: [rehypeHoistCodeAssets] } });
			},
		},
	};
}
