/** scripts/examples/report.ts: a failure and a run's summary as a person reads them. */
import { describe, expect, it } from 'vitest';
import { formatFailure, formatSummary } from '../../../scripts/examples/report.ts';

describe('formatFailure', () => {
	it('puts file:line first, then the command, exit code, diff and containers', () => {
		expect(
			formatFailure({
				file: 'a.mdx',
				line: 7,
				message: 'output differs from the transcript',
				command: 'echo two',
				exitCode: 0,
				diff: '- expected\n+ actual\n- three\n+ two',
				containers: '$ docker ps -a\nCONTAINER ID',
			}),
		).toBe(
			[
				'a.mdx:7: output differs from the transcript',
				'  command:',
				'    $ echo two',
				'  exit code: 0',
				'  diff:',
				'    - expected',
				'    + actual',
				'    - three',
				'    + two',
				"  the chapter's containers:",
				'    $ docker ps -a',
				'    CONTAINER ID',
			].join('\n'),
		);
	});
});

describe('formatSummary', () => {
	it('counts blocks and lists time per chapter and skip reasons', () => {
		const summary = formatSummary([
			{
				slug: 'intro',
				file: 'intro.mdx',
				status: 'passed',
				date: '',
				durationMs: 1500,
				blocks: [
					{ file: 'intro.mdx', line: 3, kind: 'shell', hash: '0', label: 'ls', status: 'passed', durationMs: 1 },
					{ file: 'intro.mdx', line: 9, kind: 'shell', hash: '1', label: 'push', status: 'skipped', reason: 'needs Docker Hub', durationMs: 0 },
				],
			},
		]);
		expect(summary).toContain('✓ intro');
		expect(summary).toContain('1.5 s');
		expect(summary).toContain('intro.mdx:9 needs Docker Hub');
		expect(summary.trim().split('\n').at(-1)).toBe('1 passed, 0 failed, 1 skipped');
	});
});
