/**
 * `verify <chapter>:<line>`: one block, named the way an editor or a failure report names it
 * (`src/content/docs/building-images.mdx:211`, or `building-images:211`). Anything that does not
 * name a block the harness runs is an error at that `file:line`, before anything runs.
 */
import { type Block, isExecutable } from '../../src/contract/block.ts';
import { ChapterProblems } from '../../src/contract/problem.ts';
import { defaultStore, type ImageStore, runsOn } from '../../src/contract/store.ts';
import { type Chapter, storeBlocks } from './chapter.ts';

export interface Target {
	/** A slug, or a path to an `.mdx` file. */
	name: string;
	/** A line in that file: the block it falls in. */
	line?: number | undefined;
}

export function parseTarget(text: string): Target {
	const match = /^(.+):(\d+)$/.exec(text);
	if (match === null) return { name: text };
	return { name: match[1] ?? '', line: Number(match[2]) };
}

/** The file line a block's closing fence is on. */
function lastLine(block: Block): number {
	return block.codeLine + (block.code === '' ? 0 : block.code.split('\n').length);
}

/**
 * The index, among the blocks a run on `store` executes, of the block at `line` (its fence, its
 * code or its closing fence).
 */
export function blockIndexAt(chapter: Chapter, line: number, store: ImageStore = defaultStore): number {
	const executable: Block[] = storeBlocks(chapter, store);
	const block = chapter.blocks.find((candidate) => candidate.line <= line && line <= lastLine(candidate));
	const problem = (message: string): ChapterProblems => new ChapterProblems([{ file: chapter.file, line, message }]);
	if (block !== undefined && !isExecutable(block)) {
		throw problem(`the block here (a "${block.lang || 'plain'}" fence) is shown on the page, never run: name a block the harness runs`);
	}
	if (block?.meta.store !== undefined && !runsOn(block, store)) {
		throw problem(`the block here is the ${block.meta.store} half of a store pair: run it with --store ${block.meta.store}`);
	}
	if (block === undefined) {
		const nearest = [...executable]
			.sort((a, b) => Math.abs(a.line - line) - Math.abs(b.line - line))
			.slice(0, 2)
			.sort((a, b) => a.line - b.line)
			.map((candidate) => `${candidate.line}`);
		throw problem(`no code block at this line${nearest.length > 0 ? ` (the nearest blocks the harness runs start at lines ${nearest.join(' and ')})` : ''}`);
	}
	return executable.indexOf(block);
}
