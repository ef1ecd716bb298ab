/**
 * Pulls every fenced block out of a chapter, the way MDX itself reads the file: remark-mdx, so
 * fences inside components (`<Aside>`, `<Tabs>`) are found and malformed MDX fails here, at its
 * line, rather than when the site builds.
 */
import type { Code, Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { VFileMessage } from 'vfile-message';
import { type Block, blockHash, blockKind, isDockerfile, misleadingLanguages } from './block.ts';
import { withoutCommentLines } from './comments.ts';
import { lintDockerfile } from './lint-dockerfile.ts';
import { type BlockMeta, parseMeta, titlePathProblem } from './meta.ts';
import { portabilityProblems, shellBlockCommands } from './portable.ts';
import { ChapterProblems, type Problem } from './problem.ts';
import { parseTranscript } from './transcript.ts';

const parser = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkMdx);

/** A fence as MDX reads it, before the contract is applied. */
export interface Fence {
	line: number;
	/** Offsets of the whole fence in the source, for rewriting its expected output. */
	start: number;
	end: number;
	lang: string;
	rawMeta: string;
	code: string;
	/** Whether the fence comes right after another one, nothing between them: how a store pair is found. */
	afterFence?: boolean;
}

/** A chapter's tree as MDX reads it; malformed MDX fails at its line. */
export function parseChapter(file: string, source: string): Root {
	try {
		return parser.parse(source);
	} catch (error) {
		const reason = error instanceof VFileMessage ? error.reason : error instanceof Error ? error.message : String(error);
		throw new ChapterProblems([{ file, line: errorLine(error), message: `malformed MDX: ${reason}` }], { cause: error });
	}
}

function parseFences(file: string, source: string): Fence[] {
	return treeFences(parseChapter(file, source)).map(({ fence }) => fence);
}

/**
 * The fences of an already parsed tree, each with its node: the page reads the tree Astro parsed
 * (its front matter blanked line for line, so positions are the file's) instead of the file again.
 */
export function treeFences(tree: Root): { node: Code; fence: Fence }[] {
	const fences: { node: Code; fence: Fence }[] = [];
	visit(tree, 'code', (node: Code, index, parent) => {
		const position = node.position;
		if (position === undefined) return;
		const before = index === undefined || index === 0 ? undefined : parent?.children[index - 1];
		fences.push({
			node,
			fence: {
				line: position.start.line,
				start: position.start.offset ?? 0,
				end: position.end.offset ?? 0,
				lang: node.lang ?? '',
				rawMeta: node.meta ?? '',
				code: node.value,
				afterFence: before?.type === 'code',
			},
		});
	});
	return fences;
}

/**
 * Every block of a chapter with its kind, checked against the contract. All problems of the file
 * are thrown together, each at its `file:line`.
 */
export function extractBlocks(file: string, source: string): Block[] {
	return fenceBlocks(file, parseFences(file, source));
}

/** The blocks of fences already read, checked against the contract (see extractBlocks). */
export function fenceBlocks(file: string, fences: readonly Fence[]): Block[] {
	const problems: Problem[] = [];
	const blocks: Block[] = [];
	/** Each block's fence, for the store pairs' check below. */
	const fenceOf = new Map<Block, Fence>();
	for (const fence of fences) {
		const at = (message: string, line = fence.line): void => {
			problems.push({ file, line, message });
		};
		const parsed = parseMeta(fence.rawMeta);
		if (!parsed.ok) {
			for (const error of parsed.errors) at(error);
			continue;
		}
		const meta: BlockMeta = parsed.meta;
		const instead = misleadingLanguages[fence.lang.toLowerCase()];
		if (instead !== undefined) at(`"${fence.lang}" is never run: write "${instead}" so the harness runs it, or "text" for a block only shown`);
		const kind = blockKind(fence.lang, meta);
		const codeLine = fence.line + 1;
		if (kind === 'shown' && hasHarnessMeta(meta)) {
			at(`a "${fence.lang || 'plain'}" fence is never run, so its meta (skip, exit, timeout, retry, background, tty, stdin, store) means nothing`);
		}
		if (kind === 'file' && meta.title !== undefined) {
			const problem = titlePathProblem(meta.title);
			if (problem !== undefined) at(problem);
			if (hasHarnessMeta(meta, ['skip'])) at('a file block is written, not run: only skip applies to it');
		}
		if (kind === 'dockerfile' && hasHarnessMeta(meta, ['skip'])) {
			at('a Dockerfile fragment is checked, not run: only skip applies to it');
		}
		if (kind === 'console') {
			const transcript = parseTranscript(fence.code, codeLine);
			if (transcript.commands.length === 0) at('a console block needs at least one "$ " command');
			for (const stray of transcript.strayLines) at('output before the first "$ " command', stray);
			if (meta.background === true && transcript.commands.some((command) => command.expected !== '')) {
				at('a background block is never waited for, so its output cannot be checked: show it in a later block (docker logs)');
			}
		}
		if (kind === 'shell' && fence.code.trim() === '') at('an empty shell block');
		// What a reader copies must run on macOS and Git Bash too.
		const typed = kind === 'console' ? parseTranscript(fence.code, codeLine).commands : kind === 'shell' ? shellBlockCommands(fence.code, codeLine) : [];
		for (const { command, line } of typed) {
			for (const problem of portabilityProblems(command)) at(`${problem.form} works with GNU tools only (not on macOS): ${problem.instead}`, line);
		}
		if (isDockerfile({ lang: fence.lang, meta, kind }) && meta.skip === undefined) {
			for (const problem of lintDockerfile(fence.code, { fragment: kind === 'dockerfile' })) {
				at(`Dockerfile: ${problem.message}`, codeLine + problem.line);
			}
		}
		const block: Block = {
			file,
			line: fence.line,
			codeLine,
			lang: fence.lang,
			rawMeta: fence.rawMeta,
			meta,
			code: fence.code,
			kind,
			hash: blockHash(kind, fence.lang, meta, fence.code),
			parity: blockHash(kind, fence.lang, meta, withoutCommentLines(fence.lang, fence.code)),
		};
		blocks.push(block);
		fenceOf.set(block, fence);
	}
	problems.push(...storePairProblems(file, blocks, fenceOf));
	if (problems.length > 0) throw new ChapterProblems(problems);
	return blocks;
}

/**
 * A store pair is a `store=containerd` block and, right after it (nothing between the two fences),
 * a `store=classic` block of the same kind: the page shows them as two tabs, the harness runs
 * each on its own store. Any other use of `store` is a mistake at its line.
 */
function storePairProblems(file: string, blocks: readonly Block[], fenceOf: ReadonlyMap<Block, Fence>): Problem[] {
	const problems: Problem[] = [];
	blocks.forEach((block, index) => {
		const store = block.meta.store;
		// On any other kind, `store` is already reported as meta that means nothing there.
		if (store === undefined || (block.kind !== 'console' && block.kind !== 'shell')) return;
		const at = (message: string): void => {
			problems.push({ file, line: block.line, message });
		};
		if (store === 'containerd') {
			const next = blocks[index + 1];
			const adjacent = next !== undefined && fenceOf.get(next)?.afterFence === true;
			if (next?.meta.store !== 'classic' || !adjacent) {
				at('store=containerd is the first half of a store pair: the store=classic block must follow it, with nothing between the two fences');
			} else if (next.kind !== block.kind) {
				at(`a store pair's halves are the same kind of block: this one is ${block.kind}, the store=classic one ${next.kind}`);
			}
		} else {
			const previous = blocks[index - 1];
			if (previous?.meta.store !== 'containerd' || fenceOf.get(block)?.afterFence !== true) {
				at('store=classic is the second half of a store pair: it must come right after a store=containerd block (the page shows the containerd half first)');
			}
		}
	});
	return problems;
}

/** The line a parser error points at; micromark's may come from another copy of vfile-message. */
function errorLine(error: unknown): number {
	if (typeof error !== 'object' || error === null) return 1;
	if ('line' in error && typeof error.line === 'number') return error.line;

	const place = 'place' in error ? error.place : undefined;
	if (typeof place === 'object' && place !== null) {
		if ('line' in place && typeof place.line === 'number') return place.line;
		if ('start' in place && typeof place.start === 'object' && place.start !== null && 'line' in place.start && typeof place.start.line === 'number')
			return place.start.line;
	}
	// Errors at the end of the file (an unclosed tag) name the opening's place only in the text.
	const named = error instanceof Error ? /\((\d+):\d+(?:-\d+:\d+)?\)/.exec(error.message) : null;
	return named === null ? 1 : Number(named[1]);
}

function hasHarnessMeta(meta: BlockMeta, allowed: readonly string[] = []): boolean {
	const keys = ['skip', 'exit', 'timeout', 'retry', 'background', 'tty', 'stdin', 'store'] as const;
	return keys.some((key) => !allowed.includes(key) && meta[key] !== undefined);
}
