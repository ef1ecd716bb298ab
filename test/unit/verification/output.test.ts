/** src/verification/output.ts: a recorded output made fit for a page. */
import { describe, expect, it } from 'vitest';
import { pageOutput } from '../../../src/verification/output.ts';

const shortened = (lines: number): string => `… ${lines} lines left out …`;

describe('pageOutput', () => {
	it('shortens a long output with a marker the reader sees', () => {
		const build = Array.from({ length: 60 }, (_, i) => `#${i + 1} step`);
		const shown = pageOutput(build.join('\n'), shortened).split('\n');
		expect(shown.slice(0, 2)).toEqual(['#1 step', '#2 step']);
		expect(shown).toContain('… 20 lines left out …');
		expect(shown.at(-1)).toBe('#60 step');
	});

	it('leaves a short output as recorded and keeps host folders out', () => {
		expect(pageOutput('/tmp/layerbook-abc/work\n', shortened)).toBe('[HOST]');
	});
});
