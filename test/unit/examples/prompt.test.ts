/** scripts/examples/prompt.ts: a tty block's input is typed at the prompt the transcript shows. */
import { describe, expect, it } from 'vitest';
import { atPrompt, expectedPrompts, screenLines } from '../../../scripts/examples/prompt.ts';

describe('expectedPrompts', () => {
	it('reads the prompt before each typed line, placeholders included, in order', () => {
		const expected = '...\nWelcome to Node.js v24.[..].\nType ".help" for more information.\n> 1 + 2\n3\n> process.platform\n\'linux\'\n> .exit';
		const prompts = expectedPrompts(expected, ['1 + 2', 'process.platform', '.exit']);
		expect(prompts.map((prompt) => prompt?.shown)).toEqual(['>', '>', '>']);
		const [shell] = expectedPrompts('[..]node@[ID]:/app$ whoami\nnode\n[..]node@[ID]:/app$ exit\nexit', ['whoami', 'exit']);
		expect(shell?.shown).toBe('[..]node@[ID]:/app$');
		expect(shell?.pattern.test('\u0007node@0123456789ab:/app$')).toBe(true);
		expect(shell?.pattern.test('node@0123456789ab:/tmp$')).toBe(false);
	});

	it('gives no prompt where the transcript shows none, so the quiet-period rule applies', () => {
		expect(expectedPrompts('typed\ntyped', ['typed'])).toEqual([undefined]);
		expect(expectedPrompts('...', ['hello'])).toEqual([undefined]);
		expect(expectedPrompts('[..]hello', ['hello'])).toEqual([undefined]);
		// Echoed on a line of its own: a later line ending the same way is not its prompt.
		expect(expectedPrompts('exit\nbye, exit', ['exit'])).toEqual([undefined]);
		expect(expectedPrompts('a> ', [''])).toEqual([undefined]);
	});
});

describe('atPrompt', () => {
	const [prompt] = expectedPrompts('in> one\ngot one\nin> two', ['one', 'two']);

	it("matches the screen's last line, terminal escapes and trailing space aside", () => {
		if (prompt === undefined) throw new Error('no prompt');
		expect(atPrompt('\u001b[?2004hin> ', 0, prompt)).toBe(true);
		expect(atPrompt('starting\n', 0, prompt)).toBe(false);
		expect(atPrompt('in', 0, prompt)).toBe(false);
	});

	it('waits for the prompt on a line after the one the last input was typed on', () => {
		if (prompt === undefined) throw new Error('no prompt');
		const typedAt = screenLines('in> ');
		expect(atPrompt('in> ', typedAt, prompt)).toBe(false);
		expect(atPrompt('in> one\r\ngot one\r\n', typedAt, prompt)).toBe(false);
		expect(atPrompt('in> one\r\ngot one\r\nin> ', typedAt, prompt)).toBe(true);
	});
});
