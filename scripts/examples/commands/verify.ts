/** `npm run verify`: chapters, one block after the blocks before it, or (--watch) one chapter on every save. */
import { blockLabel } from '../../../src/contract/block.ts';
import type { EngineConfig } from '../../engine/config.ts';
import { seconds } from '../../host/format.ts';
import { type Chapter, storeBlocks } from '../chapter.ts';
import { formatBlock, formatFailure, formatSummary } from '../report.ts';
import { type BlockResult, at } from '../result.ts';
import { ChapterRun } from '../runner.ts';
import { blockIndexAt, parseTarget } from '../target.ts';
import { updateChapter } from '../update.ts';
import { progressLine, type RunOptions, readChapter, readChapters, runChapters, startEngine, write } from './shared.ts';
import { watchChapter } from './watch.ts';

export async function verify(positionals: string[], options: RunOptions & { watch: boolean }, config: EngineConfig): Promise<number> {
	const targets = positionals.map(parseTarget);
	const lines = targets.filter((target) => target.line !== undefined);
	if (options.watch) {
		if (positionals.length !== 1 || lines.length > 0) throw new Error('--watch takes one chapter: npm run verify -- --watch <chapter>');
		return watchChapter(positionals[0] ?? '', options, config);
	}
	if (lines.length > 0) {
		if (positionals.length !== 1) throw new Error('a block is verified on its own: npm run verify -- <chapter>:<line>');
		const [target] = lines;
		const chapter = await readChapter(target?.name ?? '', target?.line);
		return verifyBlock(chapter, blockIndexAt(chapter, target?.line ?? 0, config.imageStore), options, config);
	}
	const chapters = await readChapters(positionals);
	const engine = await startEngine(config);
	const results = await runChapters(chapters, engine, options);
	write(formatSummary(results));
	return results.every((result) => result.status === 'passed') ? 0 : 1;
}

/**
 * `verify <chapter>:<line>`: runs the blocks before it (the state it needs) and shows them as one
 * progress line, then runs that block, reports it in full and stops. With --update only that
 * block is rewritten; the blocks before it do not stop at an output that differs.
 */
async function verifyBlock(chapter: Chapter, index: number, options: RunOptions, config: EngineConfig): Promise<number> {
	const blocks = storeBlocks(chapter, config.imageStore);
	const block = blocks[index];
	if (block === undefined) throw new Error(`${chapter.file}: no block ${index}`);
	const engine = await startEngine(config);
	write(`${chapter.file}:${block.line} ${blockLabel(block)} (after the ${index} block(s) before it)`);
	const progress = progressLine();
	let differed = 0;
	const run = await ChapterRun.start(chapter, engine, {
		keep: options.keep,
		update: options.update,
		onBlock: (result) => {
			if (result.line === block.line) return;
			if (result.updates !== undefined) differed += 1;
			progress.update(`  before it: ${run.results.length}/${index} ${result.status === 'failed' ? '✗' : '✓'} ${at(result)}`);
		},
	});
	let result: BlockResult;
	try {
		result = await run.runThrough(index);
	} finally {
		await run.finish();
	}
	const finished = await run.finish();
	const earlier = finished.blocks.slice(0, index);
	const failedEarlier = earlier.find((candidate) => candidate.status === 'failed');
	const earlierMs = earlier.reduce((sum, candidate) => sum + candidate.durationMs, 0);
	if (failedEarlier?.failure !== undefined) {
		progress.done(`  before it: ✗ ${at(failedEarlier)} failed, so ${at(block)} did not run`);
		write(formatFailure(failedEarlier.failure).replace(/^/gm, '      '));
		return 1;
	}
	progress.done(
		`  before it: ${index} block(s) passed in ${seconds(earlierMs)}${differed > 0 ? ` (${differed} printed something else than their transcript: not rewritten, only ${at(block)} is)` : ''}`,
	);
	write(formatBlock(result));
	if (result.failure !== undefined) write(formatFailure(result.failure).replace(/^/gm, '      '));
	else if (result.output !== undefined && result.output !== '') write(`      output:\n${result.output.replace(/^/gm, '        ')}`);
	if (options.keep) write(`  workspace kept: ${finished.workspace ?? ''}`);
	if (options.update) {
		const count = await updateChapter(chapter.absolutePath, chapter.file, { ...finished, blocks: [result] });
		if (count > 0) write(`  updated the expected output of ${count} command(s) of ${at(block)}: review the diff`);
	}
	return result.status === 'failed' ? 1 : 0;
}
