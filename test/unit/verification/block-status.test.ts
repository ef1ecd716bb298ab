/** src/verification/block-status.ts: each block of a page found in the record, per image store, original or translation. */
import { describe, expect, it } from 'vitest';
import { type Block, isExecutable } from '../../../src/contract/block.ts';
import { extractBlocks } from '../../../src/contract/extract.ts';
import type { RecordedBlock, RecordedChapter, StoreColumn, VerificationRecord } from '../../../src/contract/record.ts';
import { type ImageStore, runsOn } from '../../../src/contract/store.ts';
import { verifyPage } from '../../../src/verification/block-status.ts';
import { chapterSummaries } from '../../../src/verification/summary.ts';

const fence = '```';
const source = [
	`${fence}sh`,
	'echo both',
	fence,
	'',
	`${fence}console store=containerd`,
	'$ docker image inspect -f {{.Id}} busybox',
	'sha256:[..]',
	fence,
	'',
	`${fence}console store=classic`,
	'$ docker image inspect -f {{.Id}} busybox',
	'sha256:[..]',
	fence,
	'',
	`${fence}sh skip="needs Docker Hub"`,
	'docker search nginx',
	fence,
	'',
].join('\n');
const blocks = extractBlocks('src/content/docs/introduction.mdx', source);
const [both, containerdHalf, classicHalf, skipped] = blocks as [Block, Block, Block, Block];

function entry(block: Block, store: ImageStore): RecordedBlock {
	return {
		hash: block.hash,
		parity: block.parity,
		file: block.file,
		line: block.line,
		kind: block.kind === 'console' ? 'console' : 'shell',
		...(block.meta.store === undefined ? {} : { store: block.meta.store }),
		...(block.meta.skip === undefined ? { status: 'passed' as const, output: `ran on ${store}` } : { status: 'skipped' as const, reason: block.meta.skip }),
		durationMs: 10,
	};
}

/** A column with the chapter's blocks that run on its store, less the ones `leaveOut` names. */
function column(store: ImageStore, leaveOut: readonly Block[] = []): StoreColumn {
	const engine = { version: '28.5.2', store, packages: [], source: null, os: 'Debian', arch: 'x86_64' };
	const chapter: RecordedChapter = {
		slug: 'introduction',
		file: 'src/content/docs/introduction.mdx',
		date: store === 'containerd' ? '2026-12-01T00:00:00.000Z' : '2026-12-02T00:00:00.000Z',
		engine,
		baseImages: [],
		durationMs: 1000,
		blocks: blocks.filter((block) => isExecutable(block) && runsOn(block, store) && !leaveOut.includes(block)).map((block) => entry(block, store)),
	};
	return { date: chapter.date, engine, chapters: { introduction: chapter } };
}

function record(stores: VerificationRecord['stores']): VerificationRecord {
	return { version: 2, date: '2026-12-02T00:00:00.000Z', baseImages: [], stores };
}

const verify = (stores: VerificationRecord['stores']) => verifyPage({ slug: 'introduction', language: 'ko', blocks, record: record(stores) });

describe('a page verified against a record with a column per image store', () => {
	it('finds a block on both stores, and shows the containerd entry', () => {
		const page = verify({ containerd: column('containerd'), classic: column('classic') });
		const first = page.blocks[0];
		expect(first?.status).toBe('passed');
		if (first?.status !== 'passed') return;
		expect(first.stores).toEqual(['containerd', 'classic']);
		expect(first.recorded.output).toBe('ran on containerd');
		expect(page.runs.map((run) => run.store)).toEqual(['containerd', 'classic']);
	});

	it("shows each half of a store pair with its own store's entry", () => {
		const page = verify({ containerd: column('containerd'), classic: column('classic') });
		const [, containerd, classic] = page.blocks;
		expect(containerd?.status === 'passed' && [containerd.stores, containerd.recorded.output]).toEqual([['containerd'], 'ran on containerd']);
		expect(classic?.status === 'passed' && [classic.stores, classic.recorded.output, classic.chapter.date]).toEqual([
			['classic'],
			'ran on classic',
			'2026-12-02T00:00:00.000Z',
		]);
		expect(page.blocks[3]).toEqual({ status: 'skipped', block: skipped, reason: 'needs Docker Hub' });
	});

	it('with the containerd column alone, passes the blocks that run there and calls the classic half stale', () => {
		const page = verify({ containerd: column('containerd') });
		expect(page.blocks.map((block) => block.status)).toEqual(['passed', 'passed', 'stale', 'skipped']);
		expect(page.blocks[2]).toEqual({ status: 'stale', block: classicHalf, missing: ['classic'] });
		expect(page.blocks[0]?.status === 'passed' && page.blocks[0].stores).toEqual(['containerd']);
		expect(page.runs.map((run) => run.store)).toEqual(['containerd']);
	});

	it('calls a block stale when a column that exists lacks it, on either store', () => {
		expect(verify({ containerd: column('containerd'), classic: column('classic', [both]) }).blocks[0]).toEqual({
			status: 'stale',
			block: both,
			missing: ['classic'],
		});
		expect(verify({ containerd: column('containerd', [both]), classic: column('classic') }).blocks[0]?.status).toBe('stale');
		expect(verify({ containerd: column('containerd'), classic: column('classic', [classicHalf]) }).blocks[2]?.status).toBe('stale');
		// The containerd half does not answer for the classic one, nor the other way round.
		expect(verify({ containerd: column('containerd', [containerdHalf]), classic: column('classic') }).blocks.map((block) => block.status)).toEqual([
			'passed',
			'stale',
			'passed',
			'skipped',
		]);
	});

	it("finds a translation's blocks by parity, on each store", () => {
		const translated = extractBlocks('src/content/docs/en/introduction.mdx', source.replace('echo both', '# a comment the original lacks\necho both'));
		const page = verifyPage({
			slug: 'introduction',
			language: 'en',
			blocks: translated,
			record: record({ containerd: column('containerd'), classic: column('classic') }),
		});
		expect(page.blocks.map((block) => block.status)).toEqual(['passed', 'passed', 'passed', 'skipped']);
	});
});

describe("the verification page's numbers", () => {
	it('count what passed on each store, and a store pair once', () => {
		const [summary] = chapterSummaries(record({ containerd: column('containerd'), classic: column('classic') }), 'ko');
		expect(summary).toMatchObject({
			slug: 'introduction',
			passed: { containerd: 2, classic: 2 },
			pairs: 1,
			skipped: [{ line: 15, reason: 'needs Docker Hub' }],
			// Each store's own run time, not the two together.
			durationMs: { containerd: 1000, classic: 1000 },
			date: '2026-12-02T00:00:00.000Z',
		});
	});

	it('leave out a store whose column does not hold the chapter', () => {
		const [summary] = chapterSummaries(record({ containerd: column('containerd') }), 'ko');
		expect(summary?.passed).toEqual({ containerd: 2 });
		expect(summary?.durationMs).toEqual({ containerd: 1000 });
		expect(summary?.pairs).toBe(1);
	});
});
