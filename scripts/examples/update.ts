/**
 * `--update`: writes what console commands actually printed into the chapter as their expected
 * output, for the author to review in the diff. Only the output lines that no longer match change:
 * the author's placeholders, `[..]` and `...` lines stay wherever they still match.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { parseFences } from '../../src/contract/extract.ts';
import type { ChapterResult } from './result.ts';
import { updatePattern } from './match.ts';
import { parseTranscript } from '../../src/contract/transcript.ts';

interface Replacement {
	/** 1-based file line of the first expected line, and how many lines it spans. */
	line: number;
	length: number;
	lines: string[];
}

/** The chapter's text with the updated outputs; the same text when there is nothing to update. */
export function applyUpdates(file: string, source: string, result: ChapterResult): string {
	const fences = parseFences(file, source);
	const sourceLines = source.split('\n');
	const replacements: Replacement[] = [];
	for (const block of result.blocks) {
		if (block.updates === undefined) continue;
		const fence = fences.find((candidate) => candidate.line === block.line);
		if (fence === undefined) throw new Error(`${file}:${block.line}: the block moved since it ran; run again`);
		const indent = /^\s*/.exec(sourceLines[fence.line - 1] ?? '')?.[0] ?? '';
		const { commands } = parseTranscript(fence.code, fence.line + 1);
		for (const update of block.updates) {
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
