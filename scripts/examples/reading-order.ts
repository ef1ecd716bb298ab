/**
 * The reading order: every chapter in the sidebar's order on one engine, without the reset between
 * chapters, as a reader who follows along keeps what earlier chapters left (the images they pulled,
 * what a cleanup section leaves on purpose).
 */
import type { ReadingOrderRun } from '../../src/contract/record.ts';
import { type Engine, reset } from '../engine/index.ts';
import type { Chapter } from './chapter.ts';
import { engineInfo } from './record.ts';
import { blockReporter } from './report.ts';
import type { ChapterResult } from './result.ts';
import { runChapter } from './runner.ts';

export interface ReadingOrderResult {
	results: ChapterResult[];
	/** What the record keeps of it, when every chapter passed. */
	run: ReadingOrderRun | undefined;
}

/**
 * Each chapter starts in a folder of its own, as each chapter's first commands make one. The engine
 * is reset before the first chapter and after the last, after a failure or a signal too.
 */
export async function runInReadingOrder(chapters: readonly Chapter[], engine: Engine, write: (text: string) => void): Promise<ReadingOrderResult> {
	if (engine.config.externalHost !== null) {
		// Without the resets between chapters, what a chapter made cannot be told from the daemon's own.
		throw new Error('the reading order runs on the sandbox engine only: unset LAYERBOOK_DOCKER_HOST');
	}
	const started = Date.now();
	const results: ChapterResult[] = [];
	let finished = false;
	try {
		for (const [index, chapter] of chapters.entries()) {
			write(
				`${index + 1}/${chapters.length} ${chapter.slug} (reading order: ${index === 0 ? 'from a reset engine' : 'keeping what the chapters before it left'})`,
			);
			const result = await runChapter(chapter, engine, {
				carryOver: { fromPrevious: index > 0, toNext: index < chapters.length - 1 },
				...blockReporter(write),
			});
			results.push(result);
		}
		finished = true;
	} finally {
		// The last chapter resets the engine as it finishes; a chapter that threw did not reach it.
		if (!finished) await reset(engine);
	}
	const blocks = results.flatMap((result) => result.blocks);
	const passed = results.every((result) => result.status === 'passed');
	return {
		results,
		run: passed
			? {
					date: new Date(started).toISOString(),
					engine: engineInfo(engine),
					chapters: chapters.map(({ slug }) => slug),
					passed: blocks.filter((block) => block.status === 'passed').length,
					skipped: blocks.filter((block) => block.status === 'skipped').length,
					durationMs: Date.now() - started,
				}
			: undefined,
	};
}
