/** scripts/examples/target.ts: `verify <chapter>:<line>` finds the block a line falls in, or says why not. */
import { describe, expect, it } from 'vitest';
import type { Chapter } from '../../../scripts/examples/chapter.ts';
import { blockIndexAt, parseTarget } from '../../../scripts/examples/target.ts';
import { extractBlocks } from '../../../src/contract/extract.ts';
import { storePairChapter } from './store-pair-chapter.ts';

const source = [
	'# A chapter', // 1
	'',
	'```sh', // 3
	'mkdir app',
	'```', // 5
	'',
	'```text', // 7
	'docker run [OPTIONS] IMAGE',
	'```',
	'',
	'```console', // 11
	'$ ls',
	'app',
	'```', // 14
	'',
].join('\n');
const chapter: Chapter = { slug: 'x', file: 'docs/x.mdx', absolutePath: '/docs/x.mdx', source, blocks: extractBlocks('docs/x.mdx', source) };

describe('parseTarget', () => {
	it('reads a slug or a file, with or without a line', () => {
		expect(parseTarget('building-images:211')).toEqual({ name: 'building-images', line: 211 });
		expect(parseTarget('src/content/docs/x.mdx:7')).toEqual({ name: 'src/content/docs/x.mdx', line: 7 });
		expect(parseTarget('building-images')).toEqual({ name: 'building-images' });
	});
});

describe('blockIndexAt', () => {
	it('finds the executable block a line falls in: its fence, its code or its closing fence', () => {
		for (const line of [3, 4, 5]) expect(blockIndexAt(chapter, line)).toBe(0);
		for (const line of [11, 12, 13, 14]) expect(blockIndexAt(chapter, line)).toBe(1);
	});

	it('refuses a line outside any block, at that file:line, naming the nearest blocks', () => {
		expect(() => blockIndexAt(chapter, 1)).toThrow('docs/x.mdx:1: no code block at this line (the nearest blocks the harness runs start at lines 3 and 11)');
	});

	it('refuses a block that is only shown', () => {
		expect(() => blockIndexAt(chapter, 8)).toThrow(/^docs\/x\.mdx:8: the block here \(a "text" fence\) is shown on the page, never run/);
	});

	it("counts a store's blocks only, and sends the other store's half of a pair to its store", () => {
		const paired = storePairChapter('docs/p.mdx', 'p');
		expect(blockIndexAt(paired, 10, 'containerd')).toBe(1);
		expect(blockIndexAt(paired, 10, 'classic')).toBe(1);
		expect(blockIndexAt(paired, 6, 'classic')).toBe(0);
		expect(() => blockIndexAt(paired, 6, 'containerd')).toThrow(
			'docs/p.mdx:6: the block here is the classic half of a store pair: run it with --store classic',
		);
	});
});
