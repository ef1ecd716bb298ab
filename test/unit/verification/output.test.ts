import { describe, expect, it } from 'vitest';
import { pageTranscript } from '../../../src/verification/output.ts';

const shortened = (lines: number): string => `… ${lines} lines left out …`;

describe('pageTranscript', () => {
	it('keeps every command and shortens each long output on its own', () => {
		const build = Array.from({ length: 60 }, (_, i) => `#${i + 1} step`);
		const text = ['$ docker build \\', '    -t x .', ...build, '$ docker image ls -q', '0123456789ab'].join('\n');
		const shown = pageTranscript(text, shortened).split('\n');
		expect(shown.slice(0, 3)).toEqual(['$ docker build \\', '    -t x .', '#1 step']);
		expect(shown).toContain('… 20 lines left out …');
		expect(shown.slice(-3)).toEqual(['#60 step', '$ docker image ls -q', '0123456789ab']);
	});

	it('leaves a short transcript as recorded and keeps host folders out', () => {
		expect(pageTranscript('$ pwd\n/tmp/layerbook-abc/work\n', shortened)).toBe('$ pwd\n[HOST]');
	});
});
