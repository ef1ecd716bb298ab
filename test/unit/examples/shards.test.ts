/** scripts/examples/shards.ts: CI's examples shards planned by recorded time, none empty. */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { TestSpecification } from 'vitest/node';
import { readRecord } from '../../../scripts/examples/record.ts';
import { examplesTestFiles, expectedDurations, formatPlan, otherFileMs, parseShard, planShards, planTestFiles } from '../../../scripts/examples/shards.ts';
import { repositoryRoot } from '../../../scripts/host/repository.ts';
import { ReadingOrderSequencer } from '../../examples/chapter-order.ts';

const job = (name: string, seconds: number) => ({ name, ms: seconds * 1000, source: 'recorded' as const });

describe('planShards', () => {
	it('puts each job, longest first, on the shard with the least time so far', () => {
		const plan = planShards([job('a', 6), job('b', 5), job('c', 4), job('d', 3), job('e', 2), job('f', 1)], 3);
		expect(plan.map((shard) => shard.jobs.map((planned) => planned.name))).toEqual([
			['a', 'f'],
			['b', 'e'],
			['c', 'd'],
		]);
		expect(plan.map((shard) => shard.ms)).toEqual([7000, 7000, 7000]);
	});

	it('plans the same whatever order the jobs come in', () => {
		const jobs = [job('x', 3), job('y', 3), job('z', 3), job('w', 1)];
		expect(planShards(jobs, 2)).toEqual(planShards([...jobs].reverse(), 2));
	});

	it('refuses a shard count below 1', () => {
		expect(() => planShards([], 0)).toThrow(/at least 1/);
	});

	it('never leaves a shard empty: fewer jobs than shards is an error, and jobs of no time still spread', () => {
		expect(() => planShards([job('a', 1), job('b', 1)], 3)).toThrow(/2 test files for 3 shards/);
		const plan = planShards([job('a', 0), job('b', 0), job('c', 0)], 3);
		expect(plan.map((shard) => shard.jobs.length)).toEqual([1, 1, 1]);
	});
});

describe('expectedDurations', () => {
	const record = {
		chapters: {
			long: { durationMs: 40_000, blocks: new Array(40).fill({}) },
			short: { durationMs: 10_000, blocks: new Array(10).fill({}) },
		},
	} as never;

	it("takes a chapter's recorded time, estimates an unrecorded one by its blocks, and a known other file by its measure", () => {
		const files = [
			'test/examples/chapters/long.test.ts',
			'test/examples/chapters/new.test.ts',
			'test/examples/fixtures.test.ts',
			'test/examples/mystery.test.ts',
		];
		expect(expectedDurations(files, record, { new: 5 })).toEqual([
			{ name: 'long', file: files[0], ms: 40_000, source: 'recorded' },
			{ name: 'new', file: files[1], ms: 5000, source: 'estimated' },
			{ name: 'fixtures', file: files[2], ms: otherFileMs['fixtures'], source: 'estimated' },
			{ name: 'mystery', file: files[3], ms: 30_000, source: 'estimated' },
		]);
	});

	it("does not take a harness file for the chapter of the same name, nor a chapter for the harness file's measure", () => {
		const [harness, chapter] = expectedDurations(['test/examples/long.test.ts', 'test/examples/chapters/fixtures.test.ts'], record, { fixtures: 5 });
		expect(harness).toMatchObject({ file: 'test/examples/long.test.ts', ms: 30_000, source: 'estimated' });
		expect(chapter).toMatchObject({ file: 'test/examples/chapters/fixtures.test.ts', ms: 5000, source: 'estimated' });
	});
});

describe('parseShard', () => {
	it('reads index/count as vitest does, and refuses anything else', () => {
		expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
		for (const bad of ['0/3', '4/3', '3', 'a/b', '1/0']) expect(() => parseShard(bad), bad).toThrow(/index\/count/);
	});
});

describe('the committed record', () => {
	it('splits the recorded chapters into 3 shards whose longest is at most 1.3 times the shortest', async () => {
		const record = (await readRecord())?.stores.containerd;
		const chapters = Object.keys(record?.chapters ?? {});
		const plan = planShards(
			expectedDurations(
				chapters.map((slug) => `test/examples/chapters/${slug}.test.ts`),
				record,
			),
			3,
		);
		const times = plan.map((shard) => shard.ms);
		expect(Math.max(...times) / Math.min(...times), formatPlan(plan).join('\n')).toBeLessThanOrEqual(1.3);
		expect(plan.flatMap((shard) => shard.jobs.map((planned) => planned.name)).sort()).toEqual([...chapters].sort());
	});
});

describe('planTestFiles', () => {
	it('plans each test file by its path: a harness file named like a chapter is still planned, once', async () => {
		const files = [...(await examplesTestFiles()), 'test/examples/introduction.test.ts'];
		const plan = await planTestFiles(files, 3);
		expect(plan.flatMap((shard) => shard.jobs.map((planned) => planned.file ?? '')).sort()).toEqual([...files].sort());
	});

	it('refuses more shards than there are test files', async () => {
		const files = await examplesTestFiles();
		await expect(planTestFiles(files, files.length + 1)).rejects.toThrow(/for \d+ shards/);
	});
});

describe("the examples' sequencer", () => {
	it('gives each shard the files the plan gives it, every file to exactly one shard', async () => {
		// A harness file named like a chapter (a chapter called "stores" or "watch" would be one).
		const files = [...(await examplesTestFiles()), 'test/examples/introduction.test.ts'];
		expect(files).toContain('test/examples/chapters/building-images.test.ts');
		expect(files).toContain('test/examples/chapters/introduction.test.ts');
		expect(files).toContain('test/examples/fixtures.test.ts');
		const specs = files.map((file) => ({ moduleId: join(repositoryRoot, file) }) as TestSpecification);
		const plan = await planTestFiles(files, 3);
		const seen: string[] = [];
		for (const index of [1, 2, 3]) {
			const sequencer = new ReadingOrderSequencer({ config: { shard: { index, count: 3 } } } as never);
			const chosen = (await sequencer.shard(specs)).map((spec) => spec.moduleId.slice(repositoryRoot.length + 1));
			expect(chosen.sort()).toEqual((plan[index - 1]?.jobs.map((job) => job.file ?? '') ?? []).sort());
			seen.push(...chosen);
		}
		expect(seen.sort()).toEqual([...files].sort());
	});

	it('fails a shard that would get no test file rather than pass it with nothing run', async () => {
		const specs = ['test/examples/chapters/introduction.test.ts'].map((file) => ({ moduleId: join(repositoryRoot, file) }) as TestSpecification);
		const sequencer = new ReadingOrderSequencer({ config: { shard: { index: 2, count: 2 } } } as never);
		await expect(sequencer.shard(specs)).rejects.toThrow(/1 test file for 2 shards/);
	});
});
