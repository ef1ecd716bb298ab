import { describe, expect, it } from 'vitest';
import { applyUpdates } from '../../../scripts/examples/update.ts';
import type { ChapterResult } from '../../../scripts/examples/result.ts';

function result(line: number, updates: { command: number; actual: string }[]): ChapterResult {
	return {
		slug: 'x',
		file: 'x.mdx',
		status: 'passed',
		date: '',
		durationMs: 0,
		blocks: [{ file: 'x.mdx', line, kind: 'console', hash: '0', label: '', status: 'passed', durationMs: 0, updates }],
	};
}

describe('applyUpdates', () => {
	it('replaces only the output lines of the commands that differed', () => {
		const source = ['Text', '', '```console', '$ echo a', 'old', 'older', '', '$ echo b', 'b', '```', ''].join('\n');
		expect(applyUpdates('x.mdx', source, result(3, [{ command: 0, actual: 'a' }]))).toBe(
			['Text', '', '```console', '$ echo a', 'a', '', '$ echo b', 'b', '```', ''].join('\n'),
		);
	});

	it('keeps the indentation of a fence inside a component, and fills an empty output', () => {
		const source = ['<Aside>', '  ```console', '  $ ls', '  ```', '</Aside>'].join('\n');
		expect(applyUpdates('x.mdx', source, result(2, [{ command: 0, actual: 'Dockerfile\nserver.js' }]))).toBe(
			['<Aside>', '  ```console', '  $ ls', '  Dockerfile', '  server.js', '  ```', '</Aside>'].join('\n'),
		);
	});
});
