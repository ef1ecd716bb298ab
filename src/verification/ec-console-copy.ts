/**
 * An Expressive Code plugin: the copy button of a `console` transcript copies the commands only,
 * read as the harness reads them (src/contract/transcript.ts), without prompts or output.
 */
import type { ExpressiveCodePlugin } from '@astrojs/starlight/expressive-code';
import { select } from '@astrojs/starlight/expressive-code/hast';
import { transcriptCommandLines } from '../contract/transcript.ts';

export function pluginConsoleCopy(): ExpressiveCodePlugin {
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
