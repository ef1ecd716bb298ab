/**
 * CI's examples job spreads chapters across runners by their recorded durations, not by how many
 * files there are (vitest's own --shard). The vitest sequencer (test/examples/chapter-order.ts),
 * `npm run shard` and `npm run bench` all plan with this.
 */
import { readdir } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { chapterOfTestFile } from '../../src/contract/chapter-tests.ts';
import type { StoreColumn } from '../../src/contract/record.ts';
import type { ImageStore } from '../../src/contract/store.ts';
import { engineConfig } from '../engine/config.ts';
import { seconds } from '../host/format.ts';
import { repositoryRoot } from '../host/repository.ts';
import { executableBlocks, loadChapter } from './chapter.ts';
import { readRecord } from './record.ts';

export interface Job {
	/** A chapter's slug, or another test file's name: for people; the file is what a job stands for. */
	name: string;
	/** Its expected duration. */
	ms: number;
	/** Where the time comes from: the record, or an estimate. */
	source: 'recorded' | 'estimated';
	/** The test file, once planned for files. */
	file?: string | undefined;
}

export interface Shard {
	jobs: Job[];
	ms: number;
}

/**
 * Test files of the examples suite that are not chapters, with what they took on a warm engine on
 * the 2-core development machine: the harness's fixtures and its own checks.
 */
export const otherFileMs: Readonly<Record<string, number>> = {
	fixtures: 35_000,
	'chapter-script': 100_000,
	watch: 10_000,
	scaffold: 5000,
	// In CI's matrix only the store pair fixtures, on both stores (an engine switch each way).
	stores: 30_000,
};
/** A test file nothing is known about. */
const unknownFileMs = 30_000;

/**
 * Greedy longest-first: `count` shards, each job to the shard with the least time so far (of two
 * as light, the one with fewer jobs), which keeps the longest shard close to the shortest. No shard is ever empty: a shard that ran nothing would pass
 * while testing nothing, so fewer jobs than shards is an error.
 */
export function planShards(jobs: readonly Job[], count: number): Shard[] {
	if (!Number.isInteger(count) || count < 1) throw new RangeError(`a shard count must be a whole number of at least 1, not ${count}`);
	if (jobs.length < count) {
		throw new RangeError(`${jobs.length} test file${jobs.length === 1 ? '' : 's'} for ${count} shards: a shard would run nothing; plan fewer shards`);
	}
	const shards: Shard[] = Array.from({ length: count }, () => ({ jobs: [], ms: 0 }));
	// Ties broken by name and file, so every runner computes the same plan.
	const sorted = [...jobs].sort((a, b) => b.ms - a.ms || a.name.localeCompare(b.name) || (a.file ?? '').localeCompare(b.file ?? ''));
	for (const job of sorted) {
		let lightest = shards[0] as Shard;
		for (const shard of shards) if (shard.ms < lightest.ms || (shard.ms === lightest.ms && shard.jobs.length < lightest.jobs.length)) lightest = shard;
		lightest.jobs.push(job);
		lightest.ms += job.ms;
	}
	return shards;
}

/**
 * Each test file's expected duration: a recorded chapter's total time; a chapter not recorded yet
 * by its number of executable blocks at the record's mean time per block; other files from
 * `otherFileMs`. A file is a chapter's by its path (test/examples/chapters/), never by its name
 * alone: a harness file may share its name with a chapter.
 */
export function expectedDurations(
	files: readonly string[],
	record: Pick<StoreColumn, 'chapters'> | undefined,
	blockCounts: Readonly<Record<string, number>> = {},
): Job[] {
	const recorded = Object.values(record?.chapters ?? {});
	const blocks = recorded.reduce((sum, chapter) => sum + chapter.blocks.length, 0);
	const perBlock = blocks === 0 ? 1000 : recorded.reduce((sum, chapter) => sum + chapter.durationMs, 0) / blocks;
	return files.map((file) => {
		const slug = chapterOfTestFile(file);
		if (slug === undefined) {
			const name = testFileName(file);
			return { name, file, ms: otherFileMs[name] ?? unknownFileMs, source: 'estimated' };
		}
		const chapter = record?.chapters[slug];
		if (chapter !== undefined) return { name: slug, file, ms: chapter.durationMs, source: 'recorded' };
		const count = blockCounts[slug];
		return { name: slug, file, ms: count === undefined ? unknownFileMs : Math.round(count * perBlock), source: 'estimated' };
	});
}

/** `2/3` as shard 2 of 3 (1-based, as vitest's --shard). */
export function parseShard(text: string): { index: number; count: number } {
	const match = /^(\d+)\/(\d+)$/.exec(text.trim());
	const index = Number(match?.[1]);
	const count = Number(match?.[2]);
	if (match === null || index < 1 || count < 1 || index > count) throw new Error(`a shard is written index/count, e.g. 2/3 (1 ≤ index ≤ count), not "${text}"`);
	return { index, count };
}

/** The plan as lines for people: each shard's time and files. */
export function formatPlan(shards: readonly Shard[]): string[] {
	const lines = shards.map(
		(shard, index) =>
			`shard ${index + 1}/${shards.length}: ${seconds(shard.ms).padStart(8)}  ${shard.jobs.map((job) => `${job.name}${job.source === 'estimated' ? '*' : ''}`).join(', ')}`,
	);
	const times = shards.map((shard) => shard.ms);
	const shortest = Math.min(...times);
	if (shortest > 0)
		lines.push(
			`longest / shortest: ${(Math.max(...times) / shortest).toFixed(2)} (* not a recorded chapter: the harness's own test files, or a chapter estimated by its blocks)`,
		);
	return lines;
}

/** A test file's name for the plan: `test/examples/chapters/intro.test.ts` is `intro`. */
function testFileName(path: string): string {
	return basename(path).replace(/\.test\.ts$/, '');
}

/** The examples suite's test files, relative to the repository. */
export async function examplesTestFiles(root = repositoryRoot): Promise<string[]> {
	const directory = join(root, 'test', 'examples');
	const entries = await readdir(directory, { recursive: true, withFileTypes: true });
	return entries
		.filter((entry) => entry.isFile() && entry.name.endsWith('.test.ts') && !relative(directory, entry.parentPath).startsWith('fixtures'))
		.map((entry) => relative(root, join(entry.parentPath, entry.name)))
		.sort();
}

/**
 * The plan for these test files, from the committed record's column of the store the examples run
 * on (CI's matrix runs each store on shards of its own) and the chapters as they are.
 */
export async function planTestFiles(files: readonly string[], count: number, store: ImageStore = engineConfig().imageStore): Promise<Shard[]> {
	const record = (await readRecord().catch(() => undefined))?.stores[store];
	const blockCounts: Record<string, number> = {};
	for (const file of files) {
		const slug = chapterOfTestFile(file);
		if (slug === undefined || record?.chapters[slug] !== undefined) continue;
		// A chapter not recorded yet, estimated by its blocks; without its .mdx it stays unknown.
		const chapter = await loadChapter(slug).catch(() => undefined);
		if (chapter !== undefined) blockCounts[slug] = executableBlocks(chapter).length;
	}
	return planShards(expectedDurations(files, record, blockCounts), count);
}
