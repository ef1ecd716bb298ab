/**
 * Store pairs (src/contract/store.ts): two adjacent fences read as one block per image store, and
 * every malformed pair refused at its line.
 */
import { describe, expect, it } from 'vitest';
import { extractBlocks } from '../../../src/contract/extract.ts';
import { ChapterProblems, formatProblem } from '../../../src/contract/problem.ts';
import { runsOn, storesOf } from '../../../src/contract/store.ts';

function problems(lines: string[]): string[] {
	try {
		extractBlocks('x.mdx', lines.join('\n'));
	} catch (error) {
		if (error instanceof ChapterProblems) return error.problems.map(formatProblem);
		throw error;
	}
	return [];
}

const pair = [
	'```console store=containerd',
	'$ docker info -f "{{.Driver}}"',
	'overlayfs',
	'```',
	'```console store=classic',
	'$ docker info -f "{{.Driver}}"',
	'overlay2',
	'```',
];

describe('store pairs', () => {
	it('reads two adjacent fences as the halves of a pair, each running on its own store', () => {
		const blocks = extractBlocks('x.mdx', ['# x', '', ...pair, '', '```sh', 'docker ps', '```'].join('\n'));
		expect(blocks.map((block) => [block.line, block.meta.store, storesOf(block)])).toEqual([
			[3, 'containerd', ['containerd']],
			[7, 'classic', ['classic']],
			[12, undefined, ['containerd', 'classic']],
		]);
		expect(runsOn(blocks[0] as never, 'classic')).toBe(false);
		// The store is part of what runs: the two halves never share a record entry.
		expect(blocks[0]?.hash).not.toBe(extractBlocks('x.mdx', pair.slice(0, 4).join('\n').replace(' store=containerd', ''))[0]?.hash);
	});

	it('accepts a blank line between the halves', () => {
		expect(problems([...pair.slice(0, 4), '', ...pair.slice(4)])).toEqual([]);
	});

	it('refuses a half without the other, at its line', () => {
		expect(problems(pair.slice(0, 4))).toEqual([
			'x.mdx:1: store=containerd is the first half of a store pair: the store=classic block must follow it, with nothing between the two fences',
		]);
		expect(problems(pair.slice(4))).toEqual([
			'x.mdx:1: store=classic is the second half of a store pair: it must come right after a store=containerd block (the page shows the containerd half first)',
		]);
	});

	it('refuses halves with a paragraph between them, or in the wrong order', () => {
		const apart = problems([...pair.slice(0, 4), '', 'Between.', '', ...pair.slice(4)]);
		expect(apart).toHaveLength(2);
		expect(apart[0]).toMatch(/^x\.mdx:1: store=containerd is the first half/);
		expect(apart[1]).toMatch(/^x\.mdx:8: store=classic is the second half/);
		expect(problems([...pair.slice(4), ...pair.slice(0, 4)])).toHaveLength(2);
	});

	it('refuses halves of different kinds, an unknown store, and store on a block that is not run', () => {
		expect(problems([pair[0] ?? '', ...pair.slice(1, 4), '```sh store=classic', 'docker info', '```'])).toEqual([
			"x.mdx:1: a store pair's halves are the same kind of block: this one is console, the store=classic one shell",
		]);
		expect(problems(['```console store=podman', '$ true', '```'])).toEqual(['x.mdx:1: store is one of containerd, classic']);
		expect(problems(['```text store=classic', 'x', '```'])).toEqual([
			'x.mdx:1: a "text" fence is never run, so its meta (skip, exit, timeout, retry, background, tty, stdin, store) means nothing',
		]);
		expect(problems(['```js title="a.js" store=classic', 'x', '```'])).toEqual(['x.mdx:1: a file block is written, not run: only skip applies to it']);
	});
});
