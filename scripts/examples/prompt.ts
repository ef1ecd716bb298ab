/**
 * The prompts a tty block's transcript shows before each typed line, so input is typed when the
 * program asks for it (expect-style) rather than when the screen has been quiet for a while.
 */
import { linePattern } from '../../src/contract/pattern.ts';
import { normalise } from './match.ts';

export interface Prompt {
	/** As the transcript writes it, placeholders included, without trailing spaces. */
	shown: string;
	/** Matches the screen's last line, normalised, while the program waits at this prompt. */
	pattern: RegExp;
}

/**
 * For each typed line, the prompt shown before it in the expected output: a transcript shows typed
 * input as the terminal echoes it, after the prompt on the same line (`> 1 + 2`,
 * `[..]node@[ID]:/app$ whoami`). Looked for in order
 * after the previous one's line; undefined where the transcript shows none (the input on a line
 * of its own, or not shown at all), which leaves the typist to its quiet-period rule.
 */
export function expectedPrompts(expected: string, typed: readonly string[]): (Prompt | undefined)[] {
	const lines = expected.split('\n').map((line) => line.trimEnd());
	let from = 0;
	return typed.map((raw) => {
		const text = raw.trimEnd();
		if (text.trim() === '') return undefined;
		for (let index = from; index < lines.length; index += 1) {
			const line = lines[index] ?? '';
			if (line === text) {
				// Echoed on a line of its own: no prompt before it.
				from = index + 1;
				return undefined;
			}
			if (line === '...' || !line.endsWith(text)) continue;
			const shown = line.slice(0, line.length - text.length).trimEnd();
			if (shown === '') continue;
			from = index + 1;
			const pattern = linePattern(shown);
			// A prompt that an empty line matches (`[..]`) tells nothing about when to type.
			return pattern.test('') ? undefined : { shown, pattern };
		}
		return undefined;
	});
}

/**
 * Whether the program waits at the prompt: the screen's last line shows it, and that line came
 * after the line on which the previous input was typed (which may show the same prompt).
 * `screen` is the pseudo-terminal's raw output; `typedAt` its line count when input was last typed.
 */
export function atPrompt(screen: string, typedAt: number, prompt: Prompt, workspace?: string): boolean {
	const lines = screen.split('\n');
	if (lines.length <= typedAt) return false;
	return prompt.pattern.test(normalise(lines.at(-1) ?? '', workspace));
}

/** The screen's line count, partial last line included: where the next input's prompt must come after. */
export function screenLines(screen: string): number {
	return screen.split('\n').length;
}
