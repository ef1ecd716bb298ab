/**
 * A remark plugin that puts the record beside every executable block of a chapter, and two rehype
 * steps that keep the pages it makes light.
 */
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import type { Code, Paragraph, Parent, PhrasingContent, Root, RootContent, Text } from 'mdast';
import type { MdxJsxAttribute, MdxJsxFlowElement } from 'mdast-util-mdx-jsx';
import type { VFile } from 'vfile';
import { chapters } from '../contract/chapters.ts';
import { fenceBlocks, treeFences } from '../contract/extract.ts';
import { type GuideLanguage, pageIdentity } from '../contract/locales.ts';
import { ChapterProblems, formatProblem, type Problem } from '../contract/problem.ts';
import { SKIP, visit } from 'unist-util-visit';
import { readRecordSync } from './record-file.ts';
import { imageStores } from '../contract/store.ts';
import { type BlockVerification, type PageVerification, verifyPage } from './block-status.ts';
import { consoleDisplay, encodeMarks } from './console-output.ts';
import { recordDay, type VerificationLabels } from './labels.ts';
import type { LazyBlocks } from './ec-lazy.ts';
import { pageOutput } from './output.ts';
import { outputQuotesAsCode, quoteProblems } from './quotes.ts';
import { storeNoteProblems, storePairTabs } from './store-tabs.ts';

export interface VerifiedBlocksOptions {
	/** The project root (Astro's `root`), from which the docs and the record are found. */
	root: string;
	/** Fail on a block the record does not cover (the build); otherwise mark it on the page (dev). */
	failOnStale: boolean;
	/** The labels in the language of the page at this path (Starlight's translations). */
	labelsFor: (absolutePath: string) => VerificationLabels;
	/** In a build, where each page's shell outputs wait for its blocks file (ec-lazy.ts). */
	lazy?: LazyBlocks | undefined;
}

class StaleBlocksError extends Error {
	constructor(readonly problems: readonly Problem[]) {
		super(`${problems.map(formatProblem).join('\n')}\nRecord the chapters again with: npm run record`);
		this.name = 'StaleBlocksError';
	}
}

class QuotedOutputError extends Error {
	constructor(readonly problems: readonly Problem[]) {
		super(`${problems.map(formatProblem).join('\n')}\nQuote what the record shows on each store (CONTRIBUTING.md, "Quoting output")`);
		this.name = 'QuotedOutputError';
	}
}

/**
 * The record on the page: a line at the chapter's top, a mark under each block that ran or was not
 * run, under a passed shell block its recorded output, a verified transcript as the engine printed
 * it, store pairs as tabs (store-tabs.ts), each half with its own mark, and `<Setup>` groups folded.
 */
export function remarkVerifiedBlocks(options: VerifiedBlocksOptions) {
	const docsDirectory = join(options.root, 'src', 'content', 'docs');
	return (tree: Root, file: VFile): void => {
		const path = file.path;
		if (!path.startsWith(`${docsDirectory}/`) || !path.endsWith('.mdx')) return;
		// The tree Astro parsed (its front matter blanked line for line, so positions are the
		// file's): each fence's node and its block, one to one.
		const fences = treeFences(tree);
		const source = relative(options.root, path);
		const blocks = fenceBlocks(
			source,
			fences.map(({ fence }) => fence),
		);
		const page = verifyPage({ ...pageIdentity(relative(docsDirectory, path)), blocks, record: readRecordSync(options.root) });

		const stale = page.blocks.filter((entry) => entry.status === 'stale');
		if (options.failOnStale && stale.length > 0) {
			throw new StaleBlocksError(
				stale.map(({ block, missing }) => ({
					file: block.file,
					line: block.line,
					message: `${block.kind} block is not in the record${missing.length === imageStores.length ? '' : ` of the ${missing.join(' and ')} image store`} (new or changed since it was recorded)`,
				})),
			);
		}

		// Before the notes move into their tabs: a quote in a note speaks for the note's store.
		const notes = storeNoteProblems(source, tree, fences, blocks);
		if (notes.length > 0) throw new ChapterProblems(notes);
		const quotes = quoteProblems(source, tree, fences, page.blocks);
		if (quotes.length > 0) {
			if (options.failOnStale) throw new QuotedOutputError(quotes);
			for (const problem of quotes) console.warn(formatProblem(problem));
		}
		outputQuotesAsCode(tree);

		const words = options.labelsFor(path);
		// Before the marks are placed, so each half's mark goes into its own tab, under its block.
		storePairTabs(tree, fences, blocks);
		const placements: { parent: Parent; node: (typeof fences)[number]['node']; verification: BlockVerification }[] = [];
		const indexOf = new Map(fences.map(({ node }, index) => [node, index]));
		visit(tree, 'code', (node, _position, parent) => {
			const verification = page.blocks[indexOf.get(node) ?? -1];
			if (parent !== undefined && verification !== undefined && verification.status !== 'shown') placements.push({ parent, node, verification });
		});
		// In a build, shell outputs wait in the page's blocks file until a reader opens one.
		const lazy = options.lazy;
		const pageKey = relative(docsDirectory, path).replace(/\.mdx$/, '');
		const outputs: string[] = [];
		if (lazy?.enabled === true) lazy.outputs.set(pageKey, outputs);
		const keep = lazy?.enabled === true ? (text: string): number => outputs.push(text) - 1 : undefined;
		for (const { parent, node, verification } of placements) {
			// A verified transcript shows what the engine printed, not the author's pattern.
			if (verification.status === 'passed' && verification.block.kind === 'console' && verification.recorded.output !== undefined) {
				const display = consoleDisplay(node.value, verification.recorded.output, words);
				node.value = display.text;
				if (display.marks.varying.length > 0 || display.marks.folds.length > 0) {
					node.meta = `${node.meta ?? ''} lb-marks=${encodeMarks(display.marks)} lb-vary="${words.varying}"`.trim();
				}
			}
			const mark = statusElement(verification, words, keep);
			if (mark === undefined) continue;
			parent.children.splice(parent.children.indexOf(node as RootContent) + 1, 0, mark as RootContent);
		}
		foldSetupGroups(tree, page.blocks, words, page.language);
		const top = chapterLine(page, words, options.root);
		if (top !== undefined) {
			// After the imports, before the first thing a reader sees.
			const first = tree.children.findIndex((child) => child.type !== 'mdxjsEsm');
			tree.children.splice(first === -1 ? tree.children.length : first, 0, top);
		}
	};
}

/** A hast or MDX element, as far as the two rehype steps below need it. */
interface AnyElement {
	type: string;
	tagName?: string;
	name?: string;
	properties?: Record<string, unknown>;
	attributes?: { name?: string; value?: unknown }[];
	children: AnyElement[];
}

const nameOf = (node: AnyElement): string | undefined => node.tagName ?? node.name;

/**
 * Expressive Code puts its stylesheet and script into a page's first block group. When that group
 * is in a folded setup, it is inside the `<noscript>`, which a browser running scripts reads as
 * text: every block on the page would lose its styles. This step, after Expressive Code's, moves
 * them out, before the setup group (starlight-plugin.ts, afterCodeBlocks). It also drops the group
 * wrapper of a block kept as plain text.
 */
export function rehypeHoistCodeAssets() {
	const walk = (parent: AnyElement): void => {
		const children = parent.children ?? [];
		for (let index = 0; index < children.length; index += 1) {
			const node = children[index] as AnyElement;
			const elements = (node.children ?? []).filter((child) => child.type !== 'text');
			// A block kept as plain text (ec-lazy.ts) needs no group around it: the page puts the
			// group back with the highlighted block.
			if (nameOf(node) === 'div' && hasClass(node, 'expressive-code') && elements.length === 1 && hasClass(elements[0] as AnyElement, 'lb-plain')) {
				children[index] = elements[0] as AnyElement;
				continue;
			}
			if (nameOf(node) !== 'div' || !hasClass(node, 'lb-setup')) {
				walk(node);
				continue;
			}
			const assets: AnyElement[] = [];
			const take = (element: AnyElement): void => {
				element.children = (element.children ?? []).filter((child) => {
					if (nameOf(child) === 'link' || nameOf(child) === 'script') {
						assets.push(child);
						return false;
					}
					take(child);
					return true;
				});
			};
			take(node);
			walk(node);
			children.splice(index, 0, ...assets);
			index += assets.length;
		}
	};
	return (tree: AnyElement): void => {
		walk(tree);
	};
}

function hasClass(node: AnyElement, name: string): boolean {
	const fromProperties = node.properties?.['className'];
	if (Array.isArray(fromProperties) && fromProperties.includes(name)) return true;
	const attribute = node.attributes?.find((entry) => entry.name === 'class' || entry.name === 'className')?.value;
	return typeof attribute === 'string' && attribute.split(/\s+/).includes(name);
}

/**
 * The link icon Starlight puts beside every heading is an inline SVG (two elements and half a
 * kilobyte each time); verified.css draws the same icon as a mask instead.
 */
export function rehypeLighterHeadings() {
	return (tree: Parameters<typeof visit>[0]): void => {
		visit(tree, 'element', (node: AnyElement) => {
			if (node.tagName === 'span' && hasClass(node, 'sl-anchor-icon')) node.children = [];
			// Starlight marks every inline code `dir="auto"` so right-to-left pages isolate it. Both of
			// the guide's languages are left-to-right, where it changes nothing; on the longest page it
			// was 250 spans, 2.7 KB of the 100 KB budget (CONTRIBUTING.md, "What CI checks").
			if (node.tagName === 'code' && node.properties?.['dir'] === 'auto') delete node.properties['dir'];
		});
	};
}

function attribute(name: string, value: string): MdxJsxAttribute {
	return { type: 'mdxJsxAttribute', name, value };
}

function element(name: string, attributes: MdxJsxAttribute[], children: MdxJsxFlowElement['children']): MdxJsxFlowElement {
	return { type: 'mdxJsxFlowElement', name, attributes, children };
}

function text(value: string): Text {
	return { type: 'text', value };
}

/** Phrasing content as the HTML element `name` (a paragraph renamed on its way to HTML). */
function textElement(name: string, children: PhrasingContent[] | string, className?: string, properties: Record<string, string> = {}): Paragraph {
	return {
		type: 'paragraph',
		data: { hName: name, hProperties: { ...(className === undefined ? {} : { className: [className] }), ...properties } },
		children: typeof children === 'string' ? [text(children)] : children,
	};
}

/**
 * The mark under an executable block: one element. A file that is only written gets none (the
 * chapter's line says where everything ran); a shell block's output is behind its mark, as plain
 * text, in the page (dev) or fetched from the page's blocks file when opened (`keep`, a build).
 */
function statusElement(
	verification: BlockVerification,
	words: VerificationLabels,
	keep: ((text: string) => number) | undefined,
): Paragraph | MdxJsxFlowElement | undefined {
	if (verification.status === 'shown') return undefined;
	if (verification.status === 'passed' && verification.block.kind === 'file') return undefined;
	const properties = { dataStatus: verification.status };
	if (verification.status !== 'passed') {
		return textElement('p', verification.status === 'skipped' ? words.skipped(verification.reason) : words.stale, 'lb-verified', properties);
	}
	const passed = passedWords(verification, words);
	const output = verification.block.kind === 'shell' ? stripVTControlCharacters(verification.recorded.output ?? '') : '';
	if (output.trim() === '') return textElement('p', passed, 'lb-verified', properties);
	const shown = pageOutput(output, words.shortened);
	const place = keep?.(shown);
	return element(
		'details',
		[attribute('class', 'lb-verified'), attribute('data-status', 'passed'), ...(place === undefined ? [] : [attribute('data-output', String(place))])],
		[textElement('summary', `${passed} · ${words.output}`), textElement('pre', place === undefined ? shown : '', 'lb-output', { tabIndex: '0' })],
	);
}

/**
 * What a passed block's mark says of the stores: a pair's half names its own; a block the record
 * has on every store says so; one with only the containerd column so far says no more than the
 * chapter's line does.
 */
function passedWords(verification: Extract<BlockVerification, { status: 'passed' }>, words: VerificationLabels): string {
	const half = verification.block.meta.store;
	if (half !== undefined) return words.passedOn(half);
	return verification.stores.length === imageStores.length ? words.passedOnBoth : words.passed;
}

/**
 * The line at the top of a chapter: the engine and image stores its examples ran on (each column
 * of the record that holds the chapter) and the day of the latest run, and the chapter as one
 * script when the site serves it.
 */
function chapterLine(page: PageVerification, words: VerificationLabels, root: string): Paragraph | undefined {
	const ran = page.blocks.find((entry) => entry.status === 'passed');
	if (ran?.status !== 'passed') return undefined;
	const engines = page.runs.map((run) => ({ version: run.chapter.engine.version, store: run.store }));
	// ISO dates sort as text.
	const latest =
		page.runs
			.map((run) => run.chapter.date)
			.sort()
			.at(-1) ?? ran.chapter.date;
	const children: PhrasingContent[] = [text(words.chapter(engines, recordDay(latest)))];
	// src/pages/scripts/ serves each chapter of the reading order as one script.
	const chapter = chapters.find((entry) => entry.slug === ran.chapter.slug);
	if (chapter !== undefined && chapter.kind !== 'reference' && existsSync(join(root, 'src', 'pages', 'scripts'))) {
		children.push(text(' '), {
			type: 'link',
			url: `/scripts/${chapter.slug}.sh`,
			data: { hProperties: { download: `${chapter.slug}.sh` } },
			children: [text(words.script)],
		});
	}
	return textElement('p', children, 'lb-chapter-verified');
}

/**
 * `<Setup from="building-images">` around the blocks that rebuild an earlier chapter's state: the
 * harness runs them like any other (it reads fences wherever they are); the page folds them into
 * one group. Their markup is in a `<noscript>`: text to a browser that runs scripts (no DOM at all)
 * until the reader opens the group (MarkdownContent.astro), and shown as it is without scripts.
 */
function foldSetupGroups(tree: Root, blocks: readonly BlockVerification[], words: VerificationLabels, language: GuideLanguage): void {
	visit(tree, 'mdxJsxFlowElement', (node, index, parent) => {
		if (node.name !== 'Setup' || parent === undefined || index === undefined) return;
		const from = node.attributes.find((entry): entry is MdxJsxAttribute => entry.type === 'mdxJsxAttribute' && entry.name === 'from')?.value;
		if (typeof from !== 'string') throw new Error(`<Setup> needs from="chapter-slug" (where its blocks were first explained)`);
		const [slug = '', anchor] = from.split('#');
		const chapter = chapters.find((entry) => entry.slug === slug);
		if (chapter === undefined) throw new Error(`<Setup from="${from}">: no chapter "${slug}" in src/contract/chapters.ts`);
		const inside = new Set<Code>();
		visit(node, 'code', (code) => {
			inside.add(code);
			// Tells ec-lazy.ts the block is folded away, so never among the first ones shown.
			code.meta = `${code.meta ?? ''} lb-setup`.trim();
		});
		const own = blocks.filter((entry) => [...inside].some((code) => code.position?.start.line === entry.block.line));
		const files = own.filter((entry) => entry.block.kind === 'file').map((entry) => entry.block.meta.title ?? '');
		const commands = own.filter((entry) => entry.block.kind === 'shell' || entry.block.kind === 'console').length;
		const href = `${language === 'ko' ? '' : `/${language}`}/${slug}/${anchor === undefined ? '' : `#${anchor}`}`;
		const group = element(
			'div',
			[attribute('class', 'lb-setup')],
			[
				element(
					'details',
					[],
					[
						textElement('summary', [{ type: 'strong', children: [text(words.setup)] }, text(` ${words.setupSummary(files, commands)}`)]),
						element('noscript', [attribute('class', 'lb-setup__body')], node.children),
					],
				),
				textElement('p', [text(`${words.setupFrom} `), { type: 'link', url: href, children: [text(chapter.label[language])] }], 'lb-setup__from'),
			],
		);
		parent.children.splice(index, 1, group as RootContent);
		return SKIP;
	});
}
