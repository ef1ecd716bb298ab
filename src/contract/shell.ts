/**
 * Shell text as both the harness and the chapter scripts write and read it: a quoted word, and
 * where in a block's lines a command starts.
 */

/** A single-quoted shell word: safe to paste into bash whatever the value holds. */
export function shellQuote(value: string): string {
	return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The index of the line a command starts on, from one of its lines, walking back over `\` continuations. */
export function commandStart(lines: readonly string[], index: number): number {
	let start = index;
	while (start > 0 && /\\$/.test(lines[start - 1] ?? '')) start -= 1;
	return start;
}

/** The index of the line a block's last command starts on, skipping blank and comment lines at its end. */
export function lastCommandStart(lines: readonly string[]): number {
	let last = lines.length - 1;
	while (last > 0 && /^\s*(#.*)?$/.test(lines[last] ?? '')) last -= 1;
	return commandStart(lines, last);
}
