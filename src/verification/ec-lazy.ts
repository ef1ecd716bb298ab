/**
 * An Expressive Code plugin that keeps a long page light: past its first blocks, a block's
 * highlighted markup comes from a file of the page's blocks. A chapter with seventy blocks would
 * otherwise carry thousands of elements and a hundred kilobytes of token markup.
 */
import type { ExpressiveCodePlugin } from '@astrojs/starlight/expressive-code';
import { h, toHtml } from '@astrojs/starlight/expressive-code/hast';

/** Blocks rendered at once at the top of a page: what a reader sees before scrolling. */
const eagerBlocks = 2;

/**
 * What this plugin, the remark plugin (each page's shell outputs) and the integration that writes
 * the files share: made by the integration (starlight-plugin.ts) and given to each of them.
 */
export interface LazyBlocks {
	/** Blocks are kept lazy: a build, not the dev server. */
	enabled: boolean;
	/** The docs folder, which pages are named from. */
	docs: string;
	pages: Map<string, (string | null)[]>;
	eager: Map<string, number>;
	outputs: Map<string, string[]>;
}

export function lazyBlocks(settings: { enabled: boolean; docs: string }): LazyBlocks {
	return { ...settings, pages: new Map(), eager: new Map(), outputs: new Map() };
}

/**
 * What a page's blocks file holds: each block's highlighted markup by its place on the page (null
 * for one rendered in the page), and the recorded outputs of its shell blocks.
 */
export function blocksFile(state: LazyBlocks, page: string): { blocks: (string | null)[]; outputs: string[] } {
	return { blocks: state.pages.get(page) ?? [], outputs: state.outputs.get(page) ?? [] };
}

/**
 * Where a page's blocks are served: `/_blocks/en/building-images.json` for
 * `/en/building-images/`, so the page finds them from its own address (MarkdownContent.astro);
 * `page` is the page's path under the docs folder, without extension.
 */
export function blocksAddress(page: string): string {
	return `/_blocks/${page}.json`;
}

/**
 * Past the page's first blocks, a block becomes one `<pre>` of plain text (it reads, copies and is
 * indexed for search without JavaScript) and its markup goes to the page's blocks file, which the
 * page fetches and swaps in as a block nears the screen (MarkdownContent.astro). Only in a
 * production build (`enabled`); the dev server renders every block at once.
 */
export function pluginLazyBlocks(state: LazyBlocks): ExpressiveCodePlugin {
	return {
		name: 'layerbook-lazy-blocks',
		hooks: {
			postprocessRenderedBlock: ({ codeBlock, renderData }) => {
				const source = codeBlock.parentDocument?.sourceFilePath;
				const index = codeBlock.parentDocument?.positionInDocument?.groupIndex;
				if (!state.enabled || source === undefined || index === undefined || state.docs === '') return;
				if (!source.startsWith(`${state.docs}/`) || !source.endsWith('.mdx')) return;
				const page = source.slice(state.docs.length + 1, -'.mdx'.length);
				// A page compiled again starts its list again.
				if (index === 0 || !state.pages.has(page)) {
					state.pages.set(page, []);
					state.eager.set(page, 0);
				}
				const blocks = state.pages.get(page) ?? [];
				// Folded setup (`lb-setup`, remark-verified-blocks.ts) is never on screen at first.
				const eager = state.eager.get(page) ?? 0;
				if (eager < eagerBlocks && !codeBlock.metaOptions.getBoolean('lb-setup')) {
					state.eager.set(page, eager + 1);
					blocks[index] = null;
					return;
				}
				blocks[index] = toHtml(renderData.blockAst);
				// One element: its group wrapper goes too (afterCodeBlocks), and a file's name is
				// drawn from data-title (verified.css).
				const title = codeBlock.props.title;
				renderData.blockAst = h(
					'pre.lb-plain',
					{ dataIndex: String(index), dataLanguage: codeBlock.language, tabIndex: 0, ...(title === undefined || title === '' ? {} : { dataTitle: title }) },
					codeBlock.code,
				);
			},
		},
	};
}
