/**
 * A `console` block read as a terminal transcript: `$ ` starts a command, a trailing `\`
 * continues it, and the lines up to the next `$ ` are what that command printed. The harness runs
 * transcripts by it, and the copy button (ec-console-copy.ts) copies their commands by it.
 */
interface TranscriptCommand {
	/** The command as typed, continuation lines included (without the `$ `). */
	command: string;
	/** The file line of its `$ `. */
	line: number;
	/** The expected output, lines joined with `\n` (empty when it prints nothing). */
	expected: string;
	/** The file line of the first expected output line. */
	outputLine: number;
	/** How many lines of the block the expected output spans. */
	outputLength: number;
}

export interface Transcript {
	commands: TranscriptCommand[];
	/** File lines of text before the first command, which belong to no command. */
	strayLines: number[];
}

/** A prompt: `$ `, or a bare `$`, which is a command too (an empty one, as the harness types it). */
const prompt = /^\$(?: |$)/;

export function parseTranscript(code: string, firstLine: number): Transcript {
	const lines = code.split('\n');
	const commands: TranscriptCommand[] = [];
	const strayLines: number[] = [];
	let index = 0;
	while (index < lines.length) {
		const text = lines[index] ?? '';
		if (!prompt.test(text)) {
			if (text.trim() !== '') strayLines.push(firstLine + index);
			index += 1;
			continue;
		}
		const line = firstLine + index;
		const commandLines = [text.slice(2)];
		index += 1;
		while (/\\$/.test(commandLines.at(-1) ?? '') && index < lines.length) {
			commandLines.push(lines[index] ?? '');
			index += 1;
		}
		const outputStart = index;
		while (index < lines.length && !prompt.test(lines[index] ?? '')) index += 1;
		const output = lines.slice(outputStart, index);
		// A blank line before the next prompt is spacing on the page, not output.
		while (output.length > 0 && output.at(-1)?.trim() === '') output.pop();
		commands.push({
			command: commandLines.join('\n'),
			line,
			expected: output.join('\n'),
			outputLine: firstLine + outputStart,
			outputLength: output.length,
		});
	}
	return { commands, strayLines };
}

/** What a reader pastes into a terminal: the commands, continuation lines as lines of their own, without prompts or output. */
export function transcriptCommandLines(code: string): string[] {
	return parseTranscript(code, 1).commands.flatMap((command) => command.command.split('\n'));
}
