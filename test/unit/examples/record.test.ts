/** scripts/examples/record.ts: what a run writes into the record, per chapter and per image store. */
import { describe, expect, it } from 'vitest';
import { verificationRecordSchema } from '../../../src/contract/record.ts';
import { extractBlocks } from '../../../src/contract/extract.ts';
import { nextColumn, recordedChapter, recordedStores, referencedImages, withParity } from '../../../scripts/examples/record.ts';
import type { ChapterResult } from '../../../scripts/examples/result.ts';
import { testEngine } from './engine-fixture.ts';
import { storePairChapter } from './store-pair-chapter.ts';

const images = ['node:24-bookworm-slim', 'nginx:latest', 'nginx:1.22', 'busybox:latest', 'debian:bookworm', 'debian:bookworm-slim'].map((name) => ({
	name,
	digest: `sha256:${'0'.repeat(64)}`,
	standIn: name.startsWith('node') ? { builtFrom: 'debian:bookworm-slim plus Node.js' } : null,
}));

describe('referencedImages', () => {
	it('finds the base images a chapter names, a bare name meaning latest', () => {
		expect(referencedImages(['docker run --rm nginx', 'FROM node:24-bookworm-slim'], images)).toEqual(['node:24-bookworm-slim', 'nginx:latest']);
		expect(referencedImages(['docker pull nginx:1.22', 'docker run debian:bookworm-slim'], images)).toEqual(['nginx:1.22', 'debian:bookworm-slim']);
	});

	it('does not take a path or another tag for an image', () => {
		expect(referencedImages(['cat /usr/share/nginx/html/index.html', 'docker run busybox:1.36'], images)).toEqual([]);
	});
});

describe('recordedChapter', () => {
	const source = [
		'```console',
		'$ docker run --rm busybox true',
		'```',
		'',
		'```sh skip="needs Docker Hub"',
		'docker push x',
		'```',
		'',
		'```text title="x"',
		'x',
		'```',
	].join('\n');
	const blocks = extractBlocks('src/content/docs/intro.mdx', source);
	const [run, push, file] = blocks;

	it('keeps passed and skipped blocks with what the site shows, each with its parity', () => {
		const result: ChapterResult = {
			slug: 'intro',
			file: 'src/content/docs/intro.mdx',
			status: 'passed',
			date: '2026-01-01T00:00:00.000Z',
			durationMs: 1234,
			blocks: [
				{
					file: 'src/content/docs/intro.mdx',
					line: 1,
					kind: 'console',
					hash: run!.hash,
					label: 'docker run',
					status: 'passed',
					durationMs: 10,
					output: '$ docker run --rm busybox true',
					exitCode: 0,
				},
				{
					file: 'src/content/docs/intro.mdx',
					line: 5,
					kind: 'shell',
					hash: push!.hash,
					label: 'docker push',
					status: 'skipped',
					reason: 'needs Docker Hub',
					durationMs: 0,
				},
				{ file: 'src/content/docs/intro.mdx', line: 9, kind: 'file', hash: file!.hash, label: 'write x', status: 'passed', durationMs: 1, output: '' },
			],
		};
		const chapter = recordedChapter(result, blocks, testEngine({ baseImages: images }));
		expect(chapter.baseImages).toEqual(['busybox:latest']);
		expect(chapter.blocks.map((block) => [block.line, block.status, block.reason, block.output, block.parity])).toEqual([
			[1, 'passed', undefined, '$ docker run --rm busybox true', run!.parity],
			[5, 'skipped', 'needs Docker Hub', undefined, push!.parity],
			[9, 'passed', undefined, undefined, file!.parity],
		]);
		const record = {
			version: 2,
			date: result.date,
			baseImages: images,
			stores: { containerd: { date: result.date, engine: chapter.engine, chapters: { intro: chapter } } },
		};
		expect(verificationRecordSchema.parse(record)).toEqual(record);
	});

	it('gives entries recorded without parity theirs from the chapter as it is now', () => {
		const entry = { hash: run!.hash, file: 'x', line: 1, kind: 'console' as const, status: 'passed' as const, durationMs: 1 };
		const gone = { ...entry, hash: '0123456789abcdef' };
		const chapter = {
			slug: 'intro',
			file: 'x',
			date: '',
			engine: { version: '', store: 'containerd' as const, packages: [], source: null, os: '', arch: '' },
			baseImages: [],
			durationMs: 1,
			blocks: [entry, gone],
		};
		expect(withParity(chapter, blocks).blocks.map((block) => block.parity)).toEqual([run!.parity, undefined]);
	});
});

describe('nextColumn', () => {
	const file = 'src/content/docs/pair.mdx';
	const chapter = storePairChapter(file, 'pair');
	const blocks = chapter.blocks;
	const passed = (line: number, hash: string) => ({ file, line, kind: 'console' as const, hash, label: 'x', status: 'passed' as const, durationMs: 1 });
	const result = (status: 'passed' | 'failed'): ChapterResult => ({
		slug: 'pair',
		file,
		status,
		date: '2026-01-02T00:00:00.000Z',
		durationMs: 5,
		blocks: [passed(5, blocks[1]!.hash), { ...passed(10, blocks[2]!.hash), kind: 'shell' }],
	});
	const old = recordedChapter({ ...result('passed'), date: '2026-01-01T00:00:00.000Z' }, blocks, testEngine({ store: 'classic' }));

	it("records a passed chapter's blocks of that store, its pair half marked with the store", () => {
		const column = nextColumn(undefined, {
			store: 'classic',
			date: 'now',
			engine: testEngine({ store: 'classic' }),
			results: [result('passed')],
			chapters: [chapter],
			slugs: new Set(['pair']),
		});
		expect(column.engine.store).toBe('classic');
		expect(column.chapters['pair']?.blocks.map((block) => [block.line, block.store])).toEqual([
			[5, 'classic'],
			[10, undefined],
		]);
	});

	it("keeps a failed or unrun chapter's entry, and drops a chapter no longer in the guide", () => {
		const previous = { date: 'then', engine: old.engine, chapters: { pair: old, gone: { ...old, slug: 'gone' } } };
		const column = nextColumn(previous, {
			store: 'classic',
			date: 'now',
			engine: testEngine({ store: 'classic' }),
			results: [result('failed')],
			chapters: [chapter],
			slugs: new Set(['pair']),
		});
		expect(Object.keys(column.chapters)).toEqual(['pair']);
		expect(column.chapters['pair']?.date).toBe('2026-01-01T00:00:00.000Z');
	});
});

describe('recordedStores', () => {
	it('records containerd always, and the classic store too when asked for either way', () => {
		expect(recordedStores(false, 'containerd')).toEqual(['containerd']);
		expect(recordedStores(false, 'classic')).toEqual(['containerd', 'classic']);
		expect(recordedStores(true, 'containerd')).toEqual(['containerd', 'classic']);
	});
});
