/** src/contract/lint-dockerfile.ts: a broken Dockerfile block is found before anything is built. */
import { describe, expect, it } from 'vitest';
import { lintDockerfile } from '../../../src/contract/lint-dockerfile.ts';

describe('lintDockerfile', () => {
	it('finds unknown instructions and bad arguments, by 0-based line', () => {
		expect(lintDockerfile('FROM busybox\nCOPPY a b\nEXPOSE http', { fragment: false })).toEqual([
			{ line: 1, message: 'Unknown instruction: COPPY' },
			{ line: 2, message: 'Invalid containerPort: http' },
		]);
	});

	it('asks a whole Dockerfile for FROM, not a fragment', () => {
		expect(lintDockerfile('RUN echo hi', { fragment: false })).toEqual([{ line: 0, message: 'No source image provided with `FROM`' }]);
		expect(lintDockerfile('RUN echo hi', { fragment: true })).toEqual([]);
	});

	it('leaves style warnings alone', () => {
		expect(lintDockerfile('FROM busybox\nWORKDIR app\nCMD ["a"]\nCMD ["b"]', { fragment: false })).toEqual([]);
	});
});
