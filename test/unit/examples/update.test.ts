import { describe, expect, it } from 'vitest';
import { updatePattern } from '../../../scripts/examples/match.ts';
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

describe('updatePattern', () => {
	it('keeps lines whose placeholders still match and replaces only the changed line', () => {
		const expected = ['IMAGE ID       SIZE', '[ID]   [SIZE]', 'writing image [DIGEST] done'].join('\n');
		const actual = ['IMAGE ID       SIZE', '0123456789ab   12MB', 'naming to docker.io/library/x:latest done'].join('\n');
		expect(updatePattern(expected, actual)).toBe(['IMAGE ID       SIZE', '[ID]   [SIZE]', 'naming to docker.io/library/x:latest done'].join('\n'));
	});

	it('keeps a `...` run that still absorbs lines, and one that absorbs nothing', () => {
		const expected = ['#1 start', '...', '#9 old end', '...'].join('\n');
		const actual = ['#1 start', '#2 a', '#3 b', '#9 new end'].join('\n');
		expect(updatePattern(expected, actual)).toBe(['#1 start', '...', '#9 new end', '...'].join('\n'));
	});

	it('adds lines the output gained and drops lines it lost', () => {
		expect(updatePattern('a\nb\nc', 'a\nc\nd')).toBe('a\nc\nd');
	});

	it('keeps placeholders in the rewritten chapter through applyUpdates', () => {
		const source = ['```console', '$ docker images -q', '[ID]', 'gone', '```'].join('\n');
		expect(applyUpdates('x.mdx', source, result(1, [{ command: 0, actual: '0123456789ab' }]))).toBe(
			['```console', '$ docker images -q', '[ID]', '```'].join('\n'),
		);
	});
});

describe('--update on a chapter with one changed output line', () => {
	it('changes exactly that line of the file', () => {
		const source = [
			'---',
			'title: x',
			'---',
			'',
			'```console',
			'$ docker build -t app .',
			'...',
			'#8 naming to docker.io/library/app:latest done',
			'$ docker image ls app',
			'REPOSITORY   TAG       IMAGE ID       CREATED[..]SIZE',
			'app          latest    [ID]   [AGO]   [SIZE]',
			'```',
			'',
			'```console',
			'$ docker run --rm app',
			'hello from version 1',
			'listening on [..]',
			'```',
			'',
		].join('\n');
		const chapter: ChapterResult = {
			...result(5, [
				{ command: 0, actual: '#1 [internal] load build definition\n#8 naming to docker.io/library/app:latest done' },
				{ command: 1, actual: 'REPOSITORY   TAG       IMAGE ID       CREATED         SIZE\napp          latest    0123456789ab   2 seconds ago   12MB' },
			]),
		};
		chapter.blocks.push({
			...(chapter.blocks[0] as ChapterResult['blocks'][number]),
			line: 14,
			updates: [{ command: 0, actual: 'hello from version 2\nlistening on :8080' }],
		});
		const updated = applyUpdates('x.mdx', source, chapter).split('\n');
		const before = source.split('\n');
		expect(updated).toHaveLength(before.length);
		const changed = before.flatMap((line, index) => (line === updated[index] ? [] : [[line, updated[index]]]));
		expect(changed).toEqual([['hello from version 1', 'hello from version 2']]);
	});
});
