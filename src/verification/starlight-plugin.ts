/**
 * Wires "verified on the page" into Starlight: the remark plugin that marks every block, failing
 * the build (not the dev server) on a block the record does not cover, and the marks' styles.
 */
import type { StarlightPlugin } from '@astrojs/starlight/types';
import { fileURLToPath } from 'node:url';
import { remarkVerifiedBlocks } from './remark-verified-blocks.ts';

export function verifiedBlocks(): StarlightPlugin {
	return {
		name: 'layerbook-verified-blocks',
		hooks: {
			'config:setup'({ addIntegration, astroConfig, command, config, updateConfig }) {
				updateConfig({ customCss: [...(config.customCss ?? []), './src/styles/verified.css'] });
				const root = fileURLToPath(astroConfig.root).replace(/\/$/, '');
				addIntegration({
					name: 'layerbook-verified-blocks',
					hooks: {
						'astro:config:setup'({ updateConfig: updateAstroConfig }) {
							updateAstroConfig({
								markdown: { remarkPlugins: [[remarkVerifiedBlocks, { root, failOnStale: command === 'build' }]] },
							});
						},
					},
				});
			},
		},
	};
}
