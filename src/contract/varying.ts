/**
 * What varied in a recorded output: the same expected pattern the check matched (pattern.ts), laid
 * over what the engine really printed, says which characters a placeholder stood for and which
 * lines a `...` line absorbed. The page shows the real output and marks those parts.
 */
import { capturingLinePattern, ellipsis } from './pattern.ts';

/** Characters `start` (inclusive) to `end` (exclusive) of a line. */
interface Range {
	start: number;
	end: number;
}

export type OutputPiece =
	/** A line the pattern matched line for line; `varying` is what its placeholders matched. */
	| { kind: 'line'; text: string; varying: Range[] }
	/** Lines a `...` line absorbed (at least one). */
	| { kind: 'skipped'; lines: string[] };

function lines(text: string): string[] {
	return text === '' ? [] : text.split('\n');
}

/**
 * The actual output, line by line, with what varied; undefined when the pattern does not match it
 * (a record older than its pattern), so the caller shows the output without marks.
 */
export function varyingParts(expected: string, actual: string): OutputPiece[] | undefined {
	const pattern = lines(expected);
	const output = lines(actual);
	const regexps = pattern.map((line) => (line === ellipsis ? undefined : capturingLinePattern(line)));
	// matches[i][j]: pattern[i..] matches output[j..]
	const matches: boolean[][] = Array.from({ length: pattern.length + 1 }, () => new Array<boolean>(output.length + 1).fill(false));
	for (let i = pattern.length; i >= 0; i -= 1) {
		const row = matches[i] as boolean[];
		for (let j = output.length; j >= 0; j -= 1) {
			if (i === pattern.length) {
				row[j] = j === output.length;
				continue;
			}
			const next = matches[i + 1] as boolean[];
			const regexp = regexps[i];
			if (regexp === undefined) row[j] = (next[j] as boolean) || (j < output.length && (row[j + 1] as boolean));
			else row[j] = j < output.length && (next[j + 1] as boolean) && regexp.test(output[j] as string);
		}
	}
	if (!(matches[0] as boolean[])[0]) return undefined;
	const pieces: OutputPiece[] = [];
	let i = 0;
	let j = 0;
	while (i < pattern.length) {
		const regexp = regexps[i];
		if (regexp === undefined) {
			// A `...` absorbs as many lines as it can, as the check's own alignment does.
			let end = output.length;
			while (!(matches[i + 1] as boolean[])[end]) end -= 1;
			if (end > j) pieces.push({ kind: 'skipped', lines: output.slice(j, end) });
			i += 1;
			j = end;
			continue;
		}
		const text = output[j] as string;
		pieces.push({ kind: 'line', text, varying: capturedRanges(regexp, text) });
		i += 1;
		j += 1;
	}
	return pieces;
}

function capturedRanges(regexp: RegExp, text: string): Range[] {
	const indices = regexp.exec(text)?.indices ?? [];
	const ranges: Range[] = [];
	for (const group of indices.slice(1)) {
		if (group === undefined || group[1] <= group[0]) continue;
		ranges.push({ start: group[0], end: group[1] });
	}
	return ranges;
}
