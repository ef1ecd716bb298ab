/**
 * Expected against actual output (CONTRIBUTING.md, "Expected output"): both sides are
 * normalised, then the expected text is a pattern of literal text, `...` lines and placeholders
 * (src/contract/pattern.ts, which the page reads too, to mark what varied).
 */
import { stripVTControlCharacters } from 'node:util';
import { linePattern } from '../../src/contract/pattern.ts';

/**
 * A carriage return alone moves back to the start of the line, as in a terminal: what follows
 * overwrites what was there (progress counters, a pseudo-terminal's echo).
 */
function overwrite(line: string): string {
	if (!line.includes('\r')) return line;
	let shown: string[] = [];
	for (const segment of line.split('\r')) {
		const characters = Array.from(segment);
		shown = [...characters, ...shown.slice(characters.length)];
	}
	return shown.join('');
}

/**
 * Operating system commands (`ESC ]` … BEL or `ESC \\`), such as the window title bash sets in an
 * interactive shell: Node's stripVTControlCharacters leaves those whose text holds a space.
 */
const operatingSystemCommand = /\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g;

/** CRLF to LF, no ANSI escapes, no trailing spaces, no trailing blank lines, workspace as `[CWD]`. */
export function normalise(text: string, workspace?: string): string {
	let result = stripVTControlCharacters(text.replace(operatingSystemCommand, '')).replace(/\r+\n/g, '\n');
	if (workspace !== undefined && workspace !== '') result = result.replaceAll(workspace, '[CWD]');
	return result
		.split('\n')
		.map((line) => overwrite(line).replace(/[ \t]+$/, ''))
		.join('\n')
		.replace(/\n+$/, '');
}

const ellipsis = '...';
/** Absorbed lines shown beside a change. */
const contextLines = 3;

function splitLines(text: string): string[] {
	return text === '' ? [] : text.split('\n');
}

type Step =
	| { op: 'same'; expected: string; actual: string }
	| { op: 'skipped'; actual: string }
	/** Where a `...` line ends, whether or not it absorbed anything. */
	| { op: 'dots' }
	| { op: 'expected'; expected: string }
	| { op: 'actual'; actual: string };

/**
 * The cheapest alignment of expected pattern lines against actual lines: a `...` line absorbs
 * any run of actual lines for free, a matching line is free, anything else costs one.
 */
function align(expected: readonly string[], actual: readonly string[]): { cost: number; steps: Step[] } {
	const patterns = expected.map((line) => (line === ellipsis ? undefined : linePattern(line)));
	const rows = expected.length + 1;
	const columns = actual.length + 1;
	// cost[i][j]: cheapest way to match expected[i..] against actual[j..]
	const cost: number[][] = Array.from({ length: rows }, () => new Array<number>(columns).fill(0));
	for (let i = expected.length; i >= 0; i -= 1) {
		for (let j = actual.length; j >= 0; j -= 1) {
			const row = cost[i] as number[];
			if (i === expected.length) {
				row[j] = actual.length - j;
				continue;
			}
			const next = cost[i + 1] as number[];
			const pattern = patterns[i];
			if (pattern === undefined) {
				row[j] = Math.min(next[j] as number, j < actual.length ? (row[j + 1] as number) : Number.POSITIVE_INFINITY);
				continue;
			}
			let best = (next[j] as number) + 1;
			if (j < actual.length) {
				best = Math.min(best, (row[j + 1] as number) + 1);
				// A changed line costs one, like a missing or an extra line, so it shows as a pair.
				best = Math.min(best, (next[j + 1] as number) + (pattern.test(actual[j] as string) ? 0 : 1));
			}
			row[j] = best;
		}
	}
	const steps: Step[] = [];
	let i = 0;
	let j = 0;
	while (i < expected.length || j < actual.length) {
		const here = (cost[i] as number[])[j] as number;
		const pattern = patterns[i];
		if (i < expected.length && pattern === undefined) {
			if (j < actual.length && (cost[i] as number[])[j + 1] === here) {
				steps.push({ op: 'skipped', actual: actual[j] as string });
				j += 1;
			} else {
				steps.push({ op: 'dots' });
				i += 1;
			}
			continue;
		}
		if (i < expected.length && j < actual.length && pattern?.test(actual[j] as string) === true && (cost[i + 1] as number[])[j + 1] === here) {
			steps.push({ op: 'same', expected: expected[i] as string, actual: actual[j] as string });
			i += 1;
			j += 1;
		} else if (i < expected.length && j < actual.length && (cost[i + 1] as number[])[j + 1] === here - 1) {
			steps.push({ op: 'expected', expected: expected[i] as string }, { op: 'actual', actual: actual[j] as string });
			i += 1;
			j += 1;
		} else if (i < expected.length && (cost[i + 1] as number[])[j] === here - 1) {
			steps.push({ op: 'expected', expected: expected[i] as string });
			i += 1;
		} else {
			steps.push({ op: 'actual', actual: actual[j] as string });
			j += 1;
		}
	}
	return { cost: (cost[0] as number[])[0] as number, steps };
}

export interface MatchResult {
	ok: boolean;
	/** A diff of expected (`-`) against actual (`+`); empty when they match. */
	diff: string;
}

/** Matches already normalised output against the expected pattern. */
export function matchOutput(expected: string, actual: string): MatchResult {
	const aligned = align(splitLines(expected), splitLines(actual));
	if (aligned.cost === 0) return { ok: true, diff: '' };
	const steps = aligned.steps.filter((step) => step.op !== 'dots');
	const lines: string[] = ['- expected', '+ actual'];
	// Lines a `...` absorbed are collapsed, but those next to a change are shown as context:
	// they are usually what the expected line should have been.
	let index = 0;
	while (index < steps.length) {
		const step = steps[index] as Step;
		if (step.op !== 'skipped') {
			if (step.op === 'same') lines.push(`  ${step.actual}`);
			else if (step.op === 'expected') lines.push(`- ${step.expected}`);
			else if (step.op === 'actual') lines.push(`+ ${step.actual}`);
			index += 1;
			continue;
		}
		let end = index;
		while (end < steps.length && steps[end]?.op === 'skipped') end += 1;
		const run = steps.slice(index, end).map((skipped) => (skipped.op === 'skipped' ? skipped.actual : ''));
		const changed = (neighbour: Step | undefined): boolean => neighbour !== undefined && (neighbour.op === 'expected' || neighbour.op === 'actual');
		const head = changed(steps[index - 1]) ? run.slice(0, contextLines) : [];
		const tail = changed(steps[end]) ? run.slice(Math.max(head.length, run.length - contextLines)) : [];
		const hidden = run.length - head.length - tail.length;
		lines.push(...head.map((text) => `  ${text}`));
		if (hidden > 0) lines.push(`  ... (${hidden} line${hidden === 1 ? '' : 's'})`);
		lines.push(...tail.map((text) => `  ${text}`));
		index = end;
	}
	return { ok: false, diff: lines.join('\n') };
}

/**
 * The expected text rewritten to match the actual output, line by line, keeping the author's
 * patterns: a line that still matches stays as written (placeholders and all), a `...` line that
 * still absorbs stays, and only lines that no longer match take the actual text.
 */
export function updatePattern(expected: string, actual: string): string {
	const { steps } = align(splitLines(expected), splitLines(actual));
	const lines: string[] = [];
	// The lines the last `...` absorbed: a pattern line after it that matched nothing gives way to
	// the last of them (a `...` absorbs greedily, so the changed line is among them).
	let absorbed: string[] = [];
	for (const [index, step] of steps.entries()) {
		if (step.op === 'skipped') {
			absorbed.push(step.actual);
			continue;
		}
		if (step.op === 'dots') {
			lines.push(ellipsis);
			continue;
		}
		if (step.op === 'expected') {
			const paired = steps[index + 1]?.op === 'actual';
			let unpaired = 0;
			for (let k = index; steps[k]?.op === 'expected' && !paired; k += 1) unpaired += 1;
			if (!paired && absorbed.length > 0 && steps[index - 1]?.op !== 'expected') {
				const taken = absorbed.splice(Math.max(0, absorbed.length - unpaired));
				lines.push(...taken);
			}
			continue;
		}
		absorbed = [];
		lines.push(step.op === 'same' ? step.expected : step.actual);
	}
	return lines.join('\n');
}
