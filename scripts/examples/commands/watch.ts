/** `npm run verify -- --watch <chapter>`: the chapter again on every save of it or a translation. */
import { existsSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { translationLocales } from '../../../src/contract/locales.ts';
import { ChapterProblems, formatProblem } from '../../../src/contract/problem.ts';
import type { EngineConfig } from '../../engine/config.ts';
import { seconds } from '../../host/format.ts';
import { repositoryRoot } from '../../host/repository.ts';
import { cachedResult, storeResult } from '../cache.ts';
import { type Chapter, chapterPath, loadChapter, loadChapterFile, storeBlocks } from '../chapter.ts';
import { translationProblems } from '../record-check.ts';
import { formatFailure } from '../report.ts';
import { type BlockResult, at } from '../result.ts';
import { ChapterRun } from '../runner.ts';
import { watchLoop } from '../watch.ts';
import { progressLine, type RunOptions, readChapter, startEngine, write } from './shared.ts';

/** The chapter's translations that exist, as files to watch and to hold to the original. */
function translationPaths(chapter: Chapter): { locale: string; path: string }[] {
	// A chapter of the guide has its translation under docs/<locale>/; a draft, beside it in <locale>/.
	const inDocs = chapter.absolutePath === chapterPath(chapter.slug);
	return translationLocales
		.map((locale) => ({
			locale,
			path: inDocs ? chapterPath(chapter.slug, locale) : join(dirname(chapter.absolutePath), locale, basename(chapter.absolutePath)),
		}))
		.filter((entry) => existsSync(entry.path));
}

/**
 * `verify --watch <chapter>`: runs the chapter now and again after every save of its original or
 * a translation, prints the first failing block with its diff, and checks that the translations
 * still hold the original's blocks. Ctrl-C during a run stops it and resets the engine as any run
 * does (runner.ts); between runs nothing is running.
 */
export async function watchChapter(name: string, options: RunOptions, config: EngineConfig): Promise<number> {
	const first = await readChapter(name);
	const engine = await startEngine(config);
	const files = [first.absolutePath, ...translationPaths(first).map((entry) => entry.path)];
	write(`watching ${files.map((file) => relative(repositoryRoot, file)).join(' and ')} (Ctrl-C stops)`);
	const loop = watchLoop(files, async (signal, changed) => {
		if (changed.length > 0) write(`\n${changed.map((file) => relative(repositoryRoot, file)).join(', ')} changed: running ${first.slug} again`);
		let chapter: Chapter;
		try {
			chapter = name.endsWith('.mdx') ? await loadChapterFile(first.absolutePath, first.slug) : await loadChapter(first.slug);
		} catch (error) {
			if (!(error instanceof ChapterProblems)) throw error;
			write(error.message);
			write('watching for the next save (Ctrl-C stops)');
			return;
		}
		for (const { locale, path } of translationPaths(chapter)) {
			try {
				for (const problem of translationProblems(chapter, await loadChapterFile(path, `${locale}/${chapter.slug}`))) write(formatProblem(problem));
			} catch (error) {
				if (!(error instanceof ChapterProblems)) throw error;
				write(error.message);
			}
		}
		const blocks = storeBlocks(chapter, engine.store);
		const cached = options.force ? undefined : await cachedResult(chapter, engine);
		if (cached !== undefined) {
			write(`✓ ${chapter.file}: unchanged since it passed (${blocks.length} blocks)`);
			write('watching for the next save (Ctrl-C stops)');
			return;
		}
		const progress = progressLine();
		const run = await ChapterRun.start(chapter, engine, {
			onBlock: (result) => progress.update(`  ${run.results.length}/${blocks.length} ${result.status === 'failed' ? '✗' : '✓'} ${at(result)} ${result.label}`),
		});
		let failed: BlockResult | undefined;
		try {
			for (let index = 0; index < blocks.length && failed === undefined && !signal.aborted; index += 1) {
				const result = await run.runThrough(index);
				if (result.status === 'failed') failed = result;
			}
		} finally {
			await run.finish();
		}
		const result = await run.finish();
		if (signal.aborted && failed === undefined && run.results.length < blocks.length) {
			progress.done(`  stopped after ${run.results.length}/${blocks.length} blocks: the chapter changed, starting again`);
			return;
		}
		if (failed?.failure !== undefined) {
			progress.done(`✗ ${at(failed)} ${failed.label} (block ${run.results.length} of ${blocks.length}, ${seconds(result.durationMs)})`);
			write(formatFailure(failed.failure).replace(/^/gm, '    '));
		} else {
			progress.done(`✓ ${chapter.file}: ${blocks.length} blocks passed in ${seconds(result.durationMs)}`);
			await storeResult(chapter, engine, result);
		}
		write('watching for the next save (Ctrl-C stops)');
	});
	// Runs until Ctrl-C: during a run the runner stops it, resets the engine and exits; between
	// runs nothing runs but the watch, which is closed before exiting as a Ctrl-C would.
	return new Promise<number>(() => {
		process.once('SIGINT', () => {
			if (process.listenerCount('SIGINT') > 0) return;
			void loop.close().finally(() => {
				write('stopped watching');
				process.exit(130);
			});
		});
	});
}
