/**
 * A verified `console` block as the page shows it: the commands as written, then what the engine
 * really printed, with the parts that vary from run to run marked.
 */
import { parseTranscript } from '../contract/transcript.ts';
import { varyingParts } from '../contract/varying.ts';
import { pageOutput, scrubHostPaths } from './output.ts';

/** A `...` that absorbed more lines than this becomes a fold. */
export const foldAfter = 3;

export interface ConsoleMarks {
	/** `[line, start, end]`: characters of a displayed line that vary. */
	varying: [number, number, number][];
	/** `[line, hidden lines]`: a displayed line that stands for a fold of these lines. */
	folds: [number, string][];
}

export interface ConsoleWords {
	shortened: (lines: number) => string;
	fold: (lines: number) => string;
}

export interface ConsoleDisplay {
	text: string;
	marks: ConsoleMarks;
	/** Whether every command's output lined up with its pattern (otherwise shown unmarked). */
	matched: boolean;
}

/**
 * The block's text and marks: what a placeholder matched is marked as varying, and the lines a
 * `...` absorbed are either shown as varying (a few) or folded behind one line (many).
 * @param pattern the block as the author wrote it (commands and expected output)
 * @param recorded the transcript as it ran, from the record
 */
export function consoleDisplay(pattern: string, recorded: string, words: ConsoleWords): ConsoleDisplay {
	const expected = parseTranscript(pattern, 1).commands;
	const actual = parseTranscript(recorded.replace(/\n+$/, ''), 1).commands;
	const lines: string[] = [];
	const marks: ConsoleMarks = { varying: [], folds: [] };
	let matched = expected.length === actual.length;
	for (const [index, command] of actual.entries()) {
		lines.push(...`$ ${command.command}`.split('\n'));
		const output = command.expected;
		if (output === '') continue;
		const want = expected[index];
		// Matched as recorded (the pattern was checked against it), shown without host folders.
		const pieces = want !== undefined && want.command === command.command ? varyingParts(want.expected, output) : undefined;
		if (pieces === undefined) {
			matched = false;
			lines.push(...pageOutput(output, words.shortened).split('\n'));
			continue;
		}
		for (const piece of pieces) {
			if (piece.kind === 'line') {
				const shown = scrubHostPaths(piece.text);
				// A line whose host folder went: what varies there is that folder.
				const ranges = shown === piece.text ? piece.varying : [{ start: shown.indexOf('[HOST]'), end: shown.indexOf('[HOST]') + '[HOST]'.length }];
				for (const range of ranges) marks.varying.push([lines.length, range.start, range.end]);
				lines.push(shown);
			} else if (piece.lines.length > foldAfter) {
				marks.folds.push([lines.length, scrubHostPaths(piece.lines.join('\n'))]);
				lines.push(words.fold(piece.lines.length));
			} else {
				for (const line of piece.lines) {
					if (line !== '') marks.varying.push([lines.length, 0, scrubHostPaths(line).length]);
					lines.push(scrubHostPaths(line));
				}
			}
		}
	}
	return { text: lines.join('\n'), marks, matched };
}

/** The marks as one meta value for Expressive Code (ec-varying.ts draws them): base64url JSON, which needs no quoting in a fence's meta. */
export function encodeMarks(marks: ConsoleMarks): string {
	return Buffer.from(JSON.stringify(marks)).toString('base64url');
}
