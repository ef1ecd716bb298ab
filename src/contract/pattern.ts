/**
 * An expected output line as the check reads it (CONTRIBUTING.md, "Expected output"):
 * literal text with placeholders, each standing for what it matches. The harness matches with
 * it; the page uses the same patterns to mark, in a recorded output, what each placeholder matched.
 */

/** What each placeholder stands for, as a regular expression source. */
const placeholders: Readonly<Record<string, string>> = {
	'[..]': '.*',
	'[ID]': '[0-9a-f]{12}',
	'[DIGEST]': 'sha256:[0-9a-f]{64}',
	'[SIZE]': '\\d+(?:\\.\\d+)?\\s?(?:B|kB|KB|MB|GB|TB)',
	'[AGO]': '(?:Less than a second|About a minute|About an hour|\\d+ (?:second|minute|hour|day|week|month|year)s?) ago',
	'[NAME]': '[a-z]+_[a-z]+\\d*',
	'[CWD]': '\\[CWD\\]',
};

/** A line that is only this matches any number of lines. */
export const ellipsis = '...';

const placeholderPattern = new RegExp(
	Object.keys(placeholders)
		.map((key) => key.replace(/[.[\]]/g, '\\$&'))
		.join('|'),
	'g',
);

/** An expected line as a pattern: literal text, with each placeholder standing for what it matches. */
export function linePattern(line: string): RegExp {
	return new RegExp(`^${patternSource(line, false).source}$`);
}

/**
 * The same pattern with each placeholder that stands for a varying value (all but `[CWD]`, which
 * the page shows as written) in a capture group of its own, in order.
 */
export function capturingLinePattern(line: string): RegExp {
	return new RegExp(`^${patternSource(line, true).source}$`, 'd');
}

function patternSource(line: string, capture: boolean): { source: string } {
	let source = '';
	let last = 0;
	for (const match of line.matchAll(placeholderPattern)) {
		source += escapeRegExp(line.slice(last, match.index));
		const stands = placeholders[match[0]] ?? '';
		source += capture && match[0] !== '[CWD]' ? `(${stands})` : stands;
		last = match.index + match[0].length;
	}
	source += escapeRegExp(line.slice(last));
	return { source };
}

/** A string matched literally inside a regular expression. */
export function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
