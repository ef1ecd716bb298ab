/**
 * Quoted output, checked against the record (CONTRIBUTING.md, "Quoting output"): a sentence that
 * quotes what a command printed (`Image is up to date`) must be true on every image store where the
 * blocks it describes ran.
 */
import type { Code, InlineCode, Parent, Root, RootContent } from 'mdast';
import type { MdxJsxTextElement } from 'mdast-util-mdx-jsx';
import { toString as textOf } from 'mdast-util-to-string';
import { visitParents } from 'unist-util-visit-parents';
import type { Problem } from '../contract/problem.ts';
import { type ImageStore, imageStores } from '../contract/store.ts';
import { parseTranscript } from '../contract/transcript.ts';
import type { BlockVerification } from './block-status.ts';
import { storeNoteStore } from './store-tabs.ts';

/** The element a writer wraps a quote in so the check must find it: `<Output>Image is up to date</Output>`. */
const outputElement = 'Output';

/** What one block printed on each store it ran on, and what the reader typed into it. */
interface SectionBlock {
	line: number;
	printed: Partial<Record<ImageStore, string>>;
	typed: string;
}

interface Quote {
	text: string;
	line: number;
	explicit: boolean;
	/** The stores the quote speaks for, when its note or sentence names them. */
	named: ImageStore[] | undefined;
}

/** Runs of blanks as one space: tables pad their columns, a sentence quotes one cell. */
const squeeze = (text: string): string => text.replace(/[ \t]+/g, ' ').trim();

/**
 * The problems of every quote of a page. A quote is looked up in the recorded output of the blocks
 * of its section (from its heading to the next heading; in a section without blocks, the blocks of
 * the page before it). `blocks` are the page's verifications, one for each of `fences`, in order.
 */
export function quoteProblems(file: string, tree: Root, fences: readonly { node: Code }[], blocks: readonly BlockVerification[]): Problem[] {
	const verificationOf = new Map(fences.map(({ node }, index) => [node, blocks[index]]));
	const sections: { blocks: SectionBlock[]; quotes: Quote[] }[] = [{ blocks: [], quotes: [] }];
	visitParents(tree, (node, ancestors) => {
		const section = sections.at(-1) as (typeof sections)[number];
		if (node.type === 'heading') {
			sections.push({ blocks: [], quotes: [] });
			return;
		}
		if (node.type === 'code') {
			const verification = verificationOf.get(node);
			if (verification?.status === 'passed') section.blocks.push(sectionBlock(verification));
			return;
		}
		const explicit = node.type === 'mdxJsxTextElement' && node.name === outputElement;
		if (node.type !== 'inlineCode' && !explicit) return;
		if (ancestors.some((ancestor) => ancestor.type === 'mdxJsxTextElement' && ancestor.name === outputElement)) return;
		const line = node.position?.start.line ?? 0;
		const text = node.type === 'inlineCode' ? node.value : textOf(node as MdxJsxTextElement);
		section.quotes.push({ text, line, explicit, named: namedStores(node as InlineCode | MdxJsxTextElement, ancestors) });
	});

	const problems: Problem[] = [];
	let before: SectionBlock[] = [];
	for (const section of sections) {
		const scope = section.blocks.length > 0 ? section.blocks : before;
		before = [...before, ...section.blocks];
		for (const quote of section.quotes) {
			const problem = quoteProblem(quote, scope);
			if (problem !== undefined) problems.push({ file, line: quote.line, message: problem });
		}
	}
	return problems;
}

function sectionBlock(verification: Extract<BlockVerification, { status: 'passed' }>): SectionBlock {
	const { block } = verification;
	const printed: Partial<Record<ImageStore, string>> = {};
	for (const store of imageStores) {
		const output = verification.byStore[store]?.output;
		if (output === undefined) continue;
		// A console block's record is its transcript: only what the commands printed is output.
		printed[store] =
			block.kind === 'console'
				? squeeze(
						parseTranscript(output, 1)
							.commands.map(({ expected }) => expected)
							.join('\n'),
					)
				: squeeze(output);
	}
	const typed =
		block.kind === 'console'
			? parseTranscript(block.code, 1)
					.commands.map(({ command }) => command)
					.join('\n')
			: block.code;
	return { line: block.line, printed, typed: squeeze(typed) };
}

/** A letter, digit or underscore, in any script: what a word is made of. */
const wordCharacter = /[\p{L}\p{N}_]/u;

/**
 * Whether the output holds the text where it stands as a word: an edge of the text that is a word
 * character must not run on into another one, so `db` is not found inside a container ID.
 */
function printsAsWord(output: string | undefined, text: string): boolean {
	if (output === undefined) return false;
	const startsWord = wordCharacter.test(text.charAt(0));
	const endsWord = wordCharacter.test(text.charAt(text.length - 1));
	for (let at = output.indexOf(text); at !== -1; at = output.indexOf(text, at + 1)) {
		const before = output.charAt(at - 1);
		const after = output.charAt(at + text.length);
		if ((!startsWord || !wordCharacter.test(before)) && (!endsWord || !wordCharacter.test(after))) return true;
	}
	return false;
}

/**
 * What is wrong with a quote, or undefined. An inline code span is a quote when some block of its
 * scope printed it, on some store, and none of their commands or files contain it
 * (`hello-layerbook:v1` is a name the reader typed, not a quote); every `<Output>…</Output>` is one,
 * which a writer uses for a quote the check must find (a mistyped quote is found by nothing). It must
 * hold on every store its blocks ran on, or on those it speaks for (namedStores).
 */
function quoteProblem(quote: Quote, scope: readonly SectionBlock[]): string | undefined {
	const text = squeeze(quote.text);
	if (text === '') return quote.explicit ? `an empty <${outputElement}>` : undefined;
	const ran = imageStores.filter((store) => scope.some((block) => block.printed[store] !== undefined));
	const holds = ran.filter((store) => scope.some((block) => printsAsWord(block.printed[store], text)));
	if (!quote.explicit && (holds.length === 0 || scope.some((block) => block.typed.includes(text)))) return undefined;
	const where = scope.length === 0 ? 'no block before it has run' : `blocks at line ${scope.map(({ line }) => line).join(', ')}`;
	if (holds.length === 0) return `"${text}" is quoted as output, but no block of its section printed it on any image store (${where})`;
	const needed = quote.named === undefined ? ran : ran.filter((store) => quote.named?.includes(store));
	// A sentence that names both stores compares them: each quote must hold on one of them.
	const enough = quote.named !== undefined && quote.named.length > 1 ? holds.length > 0 : needed.every((store) => holds.includes(store));
	if (enough && needed.length > 0) return undefined;
	const missing = (needed.length > 0 ? needed : (quote.named ?? [])).filter((store) => !holds.includes(store));
	return (
		`"${text}" is printed on the ${holds.join(' and ')} image store only, not on the ${missing.join(' and ')} one (${where}): ` +
		`say it inside that store's tab (<StoreNote store="${holds[0]}"> right after a store pair) or name the store in the sentence`
	);
}

/**
 * The stores a quote speaks for: its `<StoreNote store="…">`'s (store-tabs.ts), or those its
 * sentence names (containerd, overlayfs; classic, 클래식, overlay2); undefined when neither.
 */
function namedStores(node: InlineCode | MdxJsxTextElement, ancestors: readonly (Parent | Root)[]): ImageStore[] | undefined {
	for (const ancestor of [...ancestors].reverse()) {
		const store = storeNoteStore(ancestor as RootContent);
		if (store !== undefined) return [store];
	}
	const holder = [...ancestors].reverse().find((ancestor) => ancestor.type === 'paragraph' || ancestor.type === 'tableCell' || ancestor.type === 'heading');
	if (holder === undefined) return undefined;
	const sentence = sentenceAround(holder, node);
	const named = imageStores.filter((store) => storeNames[store].test(sentence));
	return named.length === 0 ? undefined : named;
}

const storeNames: Readonly<Record<ImageStore, RegExp>> = {
	containerd: /containerd|overlayfs/i,
	classic: /classic|클래식|overlay2/i,
};

/** The sentence of `holder` that holds `node`: its text between the sentence ends around the node. */
function sentenceAround(holder: Parent | Root, node: InlineCode | MdxJsxTextElement): string {
	let before = '';
	let found = false;
	const collect = (parent: Parent | Root): void => {
		for (const child of parent.children) {
			if (found) return;
			if (child === node) {
				found = true;
				return;
			}
			if ('children' in child) collect(child);
			else if ('value' in child && typeof child.value === 'string') before += child.value;
		}
	};
	collect(holder);
	const whole = textOf(holder);
	const start = before.length;
	const ends = /[.!?](?=\s|$)/g;
	let from = 0;
	let to = whole.length;
	for (let match = ends.exec(whole); match !== null; match = ends.exec(whole)) {
		if (match.index < start) from = match.index + 1;
		else {
			to = match.index + 1;
			break;
		}
	}
	return whole.slice(from, to);
}

/**
 * `<Output>text</Output>` becomes the inline code it stands for, so the page shows a quote like any
 * other and MDX needs no component of that name.
 */
export function outputQuotesAsCode(tree: Root): void {
	visitParents(tree, 'mdxJsxTextElement', (node, ancestors) => {
		if (node.name !== outputElement) return;
		const parent = ancestors.at(-1) as Parent;
		const code: InlineCode = { type: 'inlineCode', value: textOf(node) };
		if (node.position !== undefined) code.position = node.position;
		parent.children.splice(parent.children.indexOf(node), 1, code);
	});
}
