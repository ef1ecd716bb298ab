/** Shell quoting, where a command starts, and literal text in a pattern: one implementation each, for the harness and the chapter scripts. */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { escapeRegExp } from '../../../src/contract/pattern.ts';
import { commandStart, lastCommandStart, shellQuote } from '../../../src/contract/shell.ts';

describe('shellQuote', () => {
	it('gives bash back the value whatever it holds', () => {
		for (const value of ['plain', "it's", '$HOME `x` "y"', 'a\nb', '', "''"]) {
			expect(execFileSync('bash', ['-c', `printf %s ${shellQuote(value)}`], { encoding: 'utf8' })).toBe(value);
		}
	});
});

describe('where a command starts', () => {
	const lines = ['docker run \\', '  --rm \\', '  busybox true', 'echo one', '', '# done'];

	it('walks back over continuation lines', () => {
		expect(commandStart(lines, 2)).toBe(0);
		expect(commandStart(lines, 3)).toBe(3);
	});

	it('finds the last command, past blank and comment lines', () => {
		expect(lastCommandStart(lines)).toBe(3);
		expect(lastCommandStart(lines.slice(0, 3))).toBe(0);
		expect(lastCommandStart(['# only a comment'])).toBe(0);
	});
});

describe('escapeRegExp', () => {
	it('matches its text literally', () => {
		const text = 'a.b*c+d?e^f$g{h}i(j)k|l[m]n\\o';
		expect(new RegExp(`^${escapeRegExp(text)}$`).test(text)).toBe(true);
		expect(new RegExp(escapeRegExp('a.b')).test('axb')).toBe(false);
	});
});
