/**
 * Declares a chapter as a vitest suite: one test per executable block, named `slug:line` and
 * its first command, run in order in one shell. Blocks after a failure are skipped as "not run".
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Engine } from '../../scripts/engine/index.ts';
import { blockLabel } from '../../src/contract/block.ts';
import { cachedResult, storeResult } from '../../scripts/examples/cache.ts';
import { type Chapter, storeBlocks } from '../../scripts/examples/chapter.ts';
import type { ImageStore } from '../../src/contract/store.ts';
import { defaultTimeoutSeconds } from '../../scripts/examples/execute.ts';
import { formatFailure } from '../../scripts/examples/report.ts';
import type { BlockResult, ChapterResult } from '../../scripts/examples/result.ts';
import { ChapterRun } from '../../scripts/examples/runner.ts';

/** Reset and session start, or the reset after the last block. */
const chapterSetupMs = 300_000;

export class BlockFailure extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'BlockFailure';
		// The harness's stack says nothing about the chapter: the message has file:line.
		this.stack = `${this.name}: ${message}`;
	}
}

export interface SuiteOptions {
	engine: () => Engine;
	/** The image store the engine runs: a store pair's other half is not the suite's (known before the engine is). */
	store: ImageStore;
	/** Use results of unchanged chapters that passed before. */
	useCache: boolean;
	/** Asserts on a block's result; by default a failure fails the test. */
	check?: (result: BlockResult, index: number) => void;
	/** Called with the chapter's result after it ran. */
	onFinished?: (result: ChapterResult) => void;
	name?: string;
}

export function chapterSuite(chapter: Chapter, options: SuiteOptions): void {
	const blocks = storeBlocks(chapter, options.store);
	describe(options.name ?? chapter.slug, () => {
		let run: ChapterRun | undefined;
		let cached: ChapterResult | undefined;

		beforeAll(async () => {
			const engine = options.engine();
			cached = options.useCache ? await cachedResult(chapter, engine) : undefined;
			if (cached === undefined) run = await ChapterRun.start(chapter, engine);
		}, chapterSetupMs);

		afterAll(async () => {
			if (run === undefined) return;
			const result = await run.finish();
			options.onFinished?.(result);
			if (options.useCache) await storeResult(chapter, options.engine(), result);
		}, chapterSetupMs);

		for (const [index, block] of blocks.entries()) {
			const limitMs = ((block.meta.timeout ?? defaultTimeoutSeconds) + (block.meta.retry ?? 0)) * 1000;
			// Selecting one block with -t runs the blocks before it first, so the time is theirs too.
			const timeoutMs =
				blocks.slice(0, index).reduce((sum, earlier) => sum + ((earlier.meta.timeout ?? defaultTimeoutSeconds) + (earlier.meta.retry ?? 0)) * 1000, limitMs) +
				60_000;
			it(
				`${chapter.slug}:${block.line} ${blockLabel(block)}`,
				async (context) => {
					const result = cached?.blocks[index] ?? (await run?.runThrough(index));
					if (result === undefined) throw new Error(`${chapter.file}:${block.line}: the chapter did not start`);
					if (options.check !== undefined) {
						options.check(result, index);
						return;
					}
					if (result.status === 'skipped') context.skip(`skip: ${result.reason ?? ''}`);
					if (result.status === 'not run') context.skip(result.reason ?? 'not run');
					if (result.failure !== undefined) throw new BlockFailure(formatFailure(result.failure));
				},
				timeoutMs,
			);
		}
	});
}
