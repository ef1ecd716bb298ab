/** src/contract/varying.ts: what a placeholder or a `...` stood for in a recorded output, for the page to mark. */
import { describe, expect, it } from 'vitest';
import { linePattern } from '../../../src/contract/pattern.ts';
import { varyingParts } from '../../../src/contract/varying.ts';

describe('varyingParts', () => {
	it('marks what each placeholder matched, and nothing literal', () => {
		const pieces = varyingParts('hello-layerbook   v1   [ID]   [AGO]   [SIZE]', 'hello-layerbook   v1   0123456789ab   2 minutes ago   77.1MB');
		expect(pieces).toEqual([
			{
				kind: 'line',
				text: 'hello-layerbook   v1   0123456789ab   2 minutes ago   77.1MB',
				varying: [
					{ start: 23, end: 35 },
					{ start: 38, end: 51 },
					{ start: 54, end: 60 },
				],
			},
		]);
	});

	it('leaves [CWD] unmarked and an empty [..] out', () => {
		expect(varyingParts('[CWD]/app[..]', '[CWD]/app')).toEqual([{ kind: 'line', text: '[CWD]/app', varying: [] }]);
	});

	it('gives the lines a ... absorbed, as many as it can take', () => {
		const pieces = varyingParts('#0 building\n...\n#9 DONE', '#0 building\n#1 a\n#2 b\n#9 DONE');
		expect(pieces).toEqual([
			{ kind: 'line', text: '#0 building', varying: [] },
			{ kind: 'skipped', lines: ['#1 a', '#2 b'] },
			{ kind: 'line', text: '#9 DONE', varying: [] },
		]);
		expect(varyingParts('a\n...\nb', 'a\nb')).toEqual([
			{ kind: 'line', text: 'a', varying: [] },
			{ kind: 'line', text: 'b', varying: [] },
		]);
	});

	it('is undefined when the pattern does not match the output', () => {
		expect(varyingParts('[SIZE]', 'big')).toBeUndefined();
		expect(varyingParts('a', 'a\nb')).toBeUndefined();
	});

	it('reads placeholders as the check does', () => {
		expect(linePattern('[DIGEST] x').test(`sha256:${'a'.repeat(64)} x`)).toBe(true);
		expect(linePattern('a.b').test('axb')).toBe(false);
	});
});
