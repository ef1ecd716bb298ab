/** Text helpers, one of each for the project. */

/** A single-quoted shell word: safe to paste into bash whatever the value holds. */
export function shellQuote(value: string): string {
	return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** A string matched literally inside a regular expression. */
export function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
