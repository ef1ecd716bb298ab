/** scripts/host/format.ts: durations and errors as the scripts print them. */
import { describe, expect, it } from 'vitest';
import { causes, failureText, seconds } from '../../../scripts/host/format.ts';

describe('seconds', () => {
	it('gives one decimal', () => {
		expect(seconds(12_345)).toBe('12.3 s');
		expect(seconds(0)).toBe('0.0 s');
	});
});

describe('an error and its causes', () => {
	it('lists the messages outermost first', () => {
		const error = new Error('engine up failed', { cause: new Error('apt-get exited 100', { cause: new Error('no network') }) });
		expect(causes(error)).toEqual(['engine up failed', 'apt-get exited 100', 'no network']);
		expect(failureText(error)).toBe('engine up failed\n  caused by: apt-get exited 100\n  caused by: no network');
	});

	it('says what was thrown when no message says anything', () => {
		expect(causes('a string')).toEqual(['a string']);
		expect(causes(new Error(''))).toEqual(['Error']);
		expect(causes(undefined)).toEqual(['undefined']);
	});
});
