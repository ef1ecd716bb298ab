// @ts-check
/**
 * An Expressive Code plugin: the copy button of a `console` transcript copies the commands only,
 * without their `$ ` prompts and without the output, so a reader can paste it into a terminal.
 * Plain JavaScript because ec.config.mjs is loaded by Node, not by Vite.
 */
import { select } from '@astrojs/starlight/expressive-code/hast';

/**
 * The commands of a transcript (CONTRIBUTING.md, "Fences", the `console` row): `$ ` starts one, a
 * trailing `\` continues it.
 * @param {string} transcript
 * @returns {string[]}
 */
function transcriptCommands(transcript) {
	/** @type {string[]} */
	const commands = [];
	let continuing = false;
	for (const line of transcript.split('\n')) {
		if (continuing) {
			commands.push(line);
		} else if (line.startsWith('$ ')) {
			commands.push(line.slice(2));
		} else {
			continue;
		}
		continuing = line.endsWith('\\');
	}
	return commands;
}

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
				button.properties['dataCode'] = transcriptCommands(codeBlock.code).join('\u007f');
			},
		},
	};
}
