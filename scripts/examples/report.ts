/**
 * Results in words for a contributor: a failure with everything needed to fix it without
 * running it again, and a summary of a whole run.
 */
import { seconds } from '../host/format.ts';
import { type Block, blockLabel } from '../../src/contract/block.ts';
import type { BlockResult, ChapterResult, Failure } from './result.ts';
import { at } from './result.ts';

function indent(text: string, prefix = '    '): string {
	return text
		.split('\n')
		.map((line) => `${prefix}${line}`)
		.join('\n');
}

export function formatFailure(failure: Failure): string {
	const parts = [`${at(failure)}: ${failure.message}`];
	if (failure.command !== undefined) parts.push(`  command:\n${indent(failure.command.startsWith('$ ') ? failure.command : `$ ${failure.command}`)}`);
	if (failure.exitCode !== undefined) parts.push(`  exit code: ${failure.exitCode}`);
	if (failure.diff !== undefined) parts.push(`  diff:\n${indent(failure.diff)}`);
	else if (failure.lastLines !== undefined && failure.lastLines !== '') parts.push(`  last lines of output:\n${indent(failure.lastLines)}`);
	if (failure.background !== undefined) parts.push(`  background blocks:\n${indent(failure.background)}`);
	if (failure.containers !== undefined) parts.push(`  the chapter's containers:\n${indent(failure.containers)}`);
	return parts.join('\n');
}

export function formatBlock(result: BlockResult): string {
	const mark = { passed: '✓', failed: '✗', skipped: '-', 'not run': '·' }[result.status];
	const time = result.durationMs >= 100 ? ` (${seconds(result.durationMs)})` : '';
	const note = result.reason !== undefined ? ` — ${result.reason}` : result.updates !== undefined ? ' — output updated' : '';
	return `  ${mark} ${at(result)} ${result.label}${time}${note}`;
}

interface Summary {
	passed: number;
	failed: number;
	skipped: number;
	notRun: number;
}

function summarise(results: readonly ChapterResult[]): Summary {
	const blocks = results.flatMap((result) => result.blocks);
	const count = (status: BlockResult['status']): number => blocks.filter((block) => block.status === status).length;
	return { passed: count('passed'), failed: count('failed'), skipped: count('skipped'), notRun: count('not run') };
}

/** A run's progress, block by block, as `verify` and the reading order print it: each block as it starts, then its result (and a failure in full). */
export function blockReporter(write: (text: string) => void): { onBlockStart: (block: Block) => void; onBlock: (result: BlockResult) => void } {
	return {
		onBlockStart: (block) => write(`  ▸ ${block.file}:${block.line} ${blockLabel(block)}`),
		onBlock: (result) => {
			write(formatBlock(result));
			if (result.failure !== undefined) write(formatFailure(result.failure).replace(/^/gm, '      '));
		},
	};
}

export function formatSummary(results: readonly (ChapterResult & { cached?: boolean })[]): string {
	const lines = ['', 'chapters:'];
	for (const result of results) {
		const time = seconds(result.durationMs);
		lines.push(
			`  ${result.status === 'passed' ? '✓' : '✗'} ${result.slug.padEnd(24)} ${time.padStart(8)}${result.cached === true ? ' (unchanged, from cache)' : ''}`,
		);
	}
	const skipped = results.flatMap((result) => result.blocks.filter((block) => block.status === 'skipped'));
	if (skipped.length > 0) {
		lines.push('', 'skipped:');
		for (const block of skipped) lines.push(`  ${at(block)} ${block.reason ?? ''}`);
	}
	const failures = results.flatMap((result) => result.blocks.flatMap((block) => (block.failure === undefined ? [] : [block.failure])));
	if (failures.length > 0) {
		lines.push('', 'failures:');
		for (const failure of failures) lines.push(formatFailure(failure), '');
	}
	const summary = summarise(results);
	lines.push('', `${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped${summary.notRun > 0 ? `, ${summary.notRun} not run` : ''}`);
	return lines.join('\n');
}
