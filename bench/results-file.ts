/**
 * bench/RESULTS.md: one file, its by-hand part (what a script cannot measure, such as the
 * fresh-machine check) kept as people wrote it between two markers, its measured part written anew.
 */

export const byHandStart = '<!-- by hand: edited by people; `npm run bench` keeps everything up to the end marker as it is -->';
export const byHandEnd = '<!-- by hand: end -->';
const measuredNote = '<!-- measured: written by `npm run bench` (bench/run.ts) on every run; raw numbers in bench/results.json -->';

/** The by-hand part of a results file, markers excluded; empty when there is none. */
function byHandPart(text: string | null): string {
	if (text === null) return '';
	const start = text.indexOf(byHandStart);
	const end = text.indexOf(byHandEnd);
	if (start === -1 || end === -1 || end < start) return '';
	return text.slice(start + byHandStart.length, end).trim();
}

/** The whole file: the title, the by-hand part of `existing` as it was, then the measured sections. */
export function composeResults(existing: string | null, title: string[], measured: string[]): string {
	const byHand = byHandPart(existing);
	const lines = [...title, '', byHandStart, '', ...(byHand === '' ? [] : [byHand, '']), byHandEnd, '', measuredNote, '', ...measured];
	return `${lines.join('\n').trimEnd()}\n`;
}
