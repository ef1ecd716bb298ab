/**
 * A recorded output made fit for a page: the harness already wrote the workspace as `[CWD]`; this
 * keeps any other host path out and shortens long outputs with a marker the reader can see.
 */
const keptHead = 30;
const keptTail = 10;

/** Host folders the harness lives in, which say nothing to a reader and leak the machine. */
const hostPaths: readonly RegExp[] = [/\/(?:root|home\/[^/\s]+)\/\.cache\/layerbook\/[^\s'"]*/g, /\/tmp\/layerbook-[^\s'"]*/g];

export function pageOutput(output: string, shortened: (lines: number) => string): string {
	let text = output.replace(/\n+$/, '');
	for (const path of hostPaths) text = text.replace(path, '[HOST]');
	const lines = text.split('\n');
	if (lines.length <= keptHead + keptTail + 1) return text;
	const left = lines.length - keptHead - keptTail;
	return [...lines.slice(0, keptHead), shortened(left), ...lines.slice(-keptTail)].join('\n');
}

/**
 * A recorded console transcript made fit for a page: each command as written, each command's
 * output cleaned and shortened on its own, so one long build never hides the commands after it.
 */
export function pageTranscript(transcript: string, shortened: (lines: number) => string): string {
	const lines = transcript.replace(/\n+$/, '').split('\n');
	const shown: string[] = [];
	let output: string[] = [];
	const flush = (): void => {
		if (output.length > 0) shown.push(pageOutput(output.join('\n'), shortened));
		output = [];
	};
	for (let index = 0; index < lines.length; index += 1) {
		const line = lines[index] ?? '';
		if (!line.startsWith('$ ')) {
			output.push(line);
			continue;
		}
		flush();
		shown.push(line);
		// A command continued with a trailing backslash goes on over the next lines.
		while (/\\$/.test(lines[index] ?? '') && index + 1 < lines.length) {
			index += 1;
			shown.push(lines[index] ?? '');
		}
	}
	flush();
	return shown.join('\n');
}
