// @ts-check
/**
 * An Expressive Code plugin: the copy button of a `console` transcript copies the commands only,
 * read as the harness reads them (src/contract/transcript.mjs), without prompts or output.
 * JavaScript with checked types, as the other Expressive Code plugins.
 */
import { select } from '@astrojs/starlight/expressive-code/hast';
import { transcriptCommandLines } from '../contract/transcript.mjs';

/** @returns {import('@astrojs/starlight/expressive-code').ExpressiveCodePlugin} */
export function pluginConsoleCopy() {
	return {
		name: 'layerbook-console-copy',
		hooks: {
			postprocessRenderedBlock: ({ codeBlock, renderData }) => {
				if (codeBlock.language !== 'console') return;
				const button = select('.copy button', renderData.blockAst);
				if (button === undefined) return;
				// The frames plugin's copy script turns U+007F back into line breaks.
				button.properties['dataCode'] = transcriptCommandLines(codeBlock.code).join('\u007f');
			},
		},
	};
}
