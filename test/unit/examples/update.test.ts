/** scripts/examples/update.ts: `verify --update` rewrites only the output lines that differed, in the block that ran. */
import { describe, expect, it } from 'vitest';
import { updatePattern } from '../../../scripts/examples/match.ts';
import { applyUpdates } from '../../../scripts/examples/update.ts';
import type { ChapterResult } from '../../../scripts/examples/result.ts';
import { extractBlocks } from '../../../src/contract/extract.ts';

/** The block of `source` that starts on `line`, as a run of it reports it, with the updates it found. */
function block(source: string, line: number, updates: { command: number; actual: string }[]): ChapterResult['blocks'][number] {
	const ran = extractBlocks('x.mdx', source).find((candidate) => candidate.line === line);
	if (ran === undefined) throw new Error(`no block on line ${line}`);
	return { file: 'x.mdx', line, kind: 'console', hash: ran.hash, label: '', status: 'passed', durationMs: 0, updates };
}

function result(source: string, line: number, updates: { command: number; actual: string }[]): ChapterResult {
	return { slug: 'x', file: 'x.mdx', status: 'passed', date: '', durationMs: 0, blocks: [block(source, line, updates)] };
}

describe('applyUpdates', () => {
	it('replaces only the output lines of the commands that differed', () => {
		const source = ['Text', '', '```console', '$ echo a', 'old', 'older', '', '$ echo b', 'b', '```', ''].join('\n');
		expect(applyUpdates('x.mdx', source, result(source, 3, [{ command: 0, actual: 'a' }]))).toBe(
			['Text', '', '```console', '$ echo a', 'a', '', '$ echo b', 'b', '```', ''].join('\n'),
		);
	});

	it('keeps the indentation of a fence inside a component, and fills an empty output', () => {
		const source = ['<Aside>', '  ```console', '  $ ls', '  ```', '</Aside>'].join('\n');
		expect(applyUpdates('x.mdx', source, result(source, 2, [{ command: 0, actual: 'Dockerfile\nserver.js' }]))).toBe(
			['<Aside>', '  ```console', '  $ ls', '  Dockerfile', '  server.js', '  ```', '</Aside>'].join('\n'),
		);
	});
});

describe('applyUpdates on a chapter edited between the run and the update', () => {
	const ran = ['```console', '$ echo a', 'a', '```', '', '```console', '$ echo b', 'old b', '```', ''].join('\n');

	it('finds the block that ran by its content, wherever it is now, and leaves the block now on its old line alone', () => {
		const edited = ['```console', '$ echo new', 'new', '```', '', '```console', '$ echo c', 'c', '```', '', ran].join('\n');
		expect(applyUpdates('x.mdx', edited, result(ran, 6, [{ command: 0, actual: 'b' }]))).toBe(
			['```console', '$ echo new', 'new', '```', '', '```console', '$ echo c', 'c', '```', '', ran.replace('old b', 'b')].join('\n'),
		);
	});

	it('fails at the file and line the block ran on when its content is no longer in the file', () => {
		const edited = ran.replace('$ echo b', '$ echo B');
		expect(() => applyUpdates('x.mdx', edited, result(ran, 6, [{ command: 0, actual: 'b' }]))).toThrow(/^x\.mdx:6: .*no longer in the file/);
		expect(edited).toContain('old b');
	});

	it('fails rather than guess when the block ran is now in the file twice and neither on its line', () => {
		const edited = ['text', '', ran.slice(ran.indexOf('```console', 1)), ran.slice(ran.indexOf('```console', 1))].join('\n');
		expect(() => applyUpdates('x.mdx', edited, result(ran, 6, [{ command: 0, actual: 'b' }]))).toThrow(/^x\.mdx:6: .*more than once/);
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
		expect(applyUpdates('x.mdx', source, result(source, 1, [{ command: 0, actual: '0123456789ab' }]))).toBe(
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
			...result(source, 5, [
				{ command: 0, actual: '#1 [internal] load build definition\n#8 naming to docker.io/library/app:latest done' },
				{ command: 1, actual: 'REPOSITORY   TAG       IMAGE ID       CREATED         SIZE\napp          latest    0123456789ab   2 seconds ago   12MB' },
			]),
		};
		chapter.blocks.push(block(source, 14, [{ command: 0, actual: 'hello from version 2\nlistening on :8080' }]));
		const updated = applyUpdates('x.mdx', source, chapter).split('\n');
		const before = source.split('\n');
		expect(updated).toHaveLength(before.length);
		const changed = before.flatMap((line, index) => (line === updated[index] ? [] : [[line, updated[index]]]));
		expect(changed).toEqual([['hello from version 1', 'hello from version 2']]);
	});
});
