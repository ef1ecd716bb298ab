/**
 * A recorded output made fit for a page: the harness already wrote the workspace as `[CWD]`; this
 * keeps any other host path out and shortens long outputs with a marker the reader can see.
 */
const keptHead = 30;
const keptTail = 10;

/** Host folders the harness lives in, which say nothing to a reader and leak the machine. */
const hostPaths: readonly RegExp[] = [/\/(?:root|home\/[^/\s]+)\/\.cache\/layerbook\/[^\s'"]*/g, /\/tmp\/layerbook-[^\s'"]*/g];

/** The output with the harness's own folders written `[HOST]`. */
export function scrubHostPaths(output: string): string {
	let text = output;
	for (const path of hostPaths) text = text.replace(path, '[HOST]');
	return text;
}

export function pageOutput(output: string, shortened: (lines: number) => string): string {
	const text = scrubHostPaths(output.replace(/\n+$/, ''));
	const lines = text.split('\n');
	if (lines.length <= keptHead + keptTail + 1) return text;
	const left = lines.length - keptHead - keptTail;
	return [...lines.slice(0, keptHead), shortened(left), ...lines.slice(-keptTail)].join('\n');
}
