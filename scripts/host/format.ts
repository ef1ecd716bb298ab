/** How the project's commands print a duration and a failure: one way for all of them. */

/** A duration in seconds with one decimal: `12.3 s`. */
export function seconds(ms: number): string {
	return `${(ms / 1000).toFixed(1)} s`;
}

/** An error's message, then its causes' (`cause`), outermost first; what was thrown, as text, when that says nothing. */
export function causes(error: unknown): string[] {
	const lines: string[] = [];
	for (let current: unknown = error; current instanceof Error; current = current.cause) lines.push(current.message);
	return lines.every((line) => line === '') ? [String(error)] : lines;
}

/** An error and its causes as a command prints it, one per line. */
export function failureText(error: unknown): string {
	return causes(error).join('\n  caused by: ');
}
