/**
 * `--update`: writes what console commands actually printed into the chapter as their expected
 * output, for the author to review in the diff. Only the output lines that no longer match change:
 * the author's placeholders, `[..]` and `...` lines stay wherever they still match.
 */
import { readFile, writeFile } from 'node:fs/promises';
import type { Block } from '../../src/contract/block.ts';
import { extractBlocks } from '../../src/contract/extract.ts';
import { parseTranscript } from '../../src/contract/transcript.ts';
import { updatePattern } from './match.ts';
import type { BlockResult, ChapterResult } from './result.ts';

interface Replacement {
	/** 1-based file line of the first expected line, and how many lines it spans. */
	line: number;
	length: number;
	lines: string[];
}

/**
 * The block that ran, found in the chapter as it is now by its content hash, not by its line alone:
 * the file may have been edited since the run, and another block may now stand on that line.
 */
function blockThatRan(file: string, blocks: readonly Block[], ran: BlockResult): Block {
	const same = blocks.filter((candidate) => candidate.hash === ran.hash);
	const found = same.find((candidate) => candidate.line === ran.line) ?? (same.length === 1 ? same[0] : undefined);
	if (found !== undefined) return found;
	if (same.length === 0) {
		throw new Error(`${file}:${ran.line}: the block that ran here is no longer in the file (it was edited since the run): run it again to update it`);
	}
	throw new Error(
		`${file}:${ran.line}: the block that ran here has moved, and the same block is now in the file more than once (lines ${same.map((candidate) => candidate.line).join(', ')}): run it again to update it`,
	);
}

/** The chapter's text with the updated outputs; the same text when there is nothing to update. */
export function applyUpdates(file: string, source: string, result: ChapterResult): string {
	const blocks = extractBlocks(file, source);
	const sourceLines = source.split('\n');
	const replacements: Replacement[] = [];
	for (const ran of result.blocks) {
		if (ran.updates === undefined) continue;
		const block = blockThatRan(file, blocks, ran);
		const indent = /^\s*/.exec(sourceLines[block.line - 1] ?? '')?.[0] ?? '';
		const { commands } = parseTranscript(block.code, block.codeLine);
		for (const update of ran.updates) {
			const command = commands[update.command];
			if (command === undefined) continue;
			const text = updatePattern(command.expected, update.actual);
			const lines = text === '' ? [] : text.split('\n').map((text) => (text === '' ? '' : `${indent}${text}`));
			replacements.push({ line: command.outputLine, length: command.outputLength, lines });
		}
	}
	// From the bottom up, so earlier line numbers stay valid.
	for (const replacement of replacements.sort((a, b) => b.line - a.line)) {
		sourceLines.splice(replacement.line - 1, replacement.length, ...replacement.lines);
	}
	return sourceLines.join('\n');
}

/** Rewrites the chapter file; returns how many command outputs changed. */
export async function updateChapter(absolutePath: string, file: string, result: ChapterResult): Promise<number> {
	const count = result.blocks.reduce((sum, block) => sum + (block.updates?.length ?? 0), 0);
	if (count === 0) return 0;
	const source = await readFile(absolutePath, 'utf8');
	await writeFile(absolutePath, applyUpdates(file, source, result));
	return count;
}
