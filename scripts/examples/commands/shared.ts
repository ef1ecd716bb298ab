/** What the examples' commands share: reading chapters as named on the command line, starting the engine, running chapters with progress. */
import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { ChapterProblems, type Problem } from '../../../src/contract/problem.ts';
import type { ImageStore } from '../../../src/contract/store.ts';
import type { EngineConfig } from '../../engine/config.ts';
import { type Engine, up } from '../../engine/index.ts';
import { cachedResult, storeResult } from '../cache.ts';
import { type Chapter, chapterSlugs, executableBlocks, loadChapter, loadChapterFile, storeBlocks } from '../chapter.ts';
import { blockReporter } from '../report.ts';
import type { ChapterResult } from '../result.ts';
import { runChapter } from '../runner.ts';
import { updateChapter } from '../update.ts';

export const write = (text: string): void => {
	process.stdout.write(`${text}\n`);
};

/** A path as the person typed it: npm runs scripts in the repository's root, and says where they were. */
export function fromCaller(path: string): string {
	return resolve(process.env['INIT_CWD'] ?? process.cwd(), path);
}

/** One chapter, by slug or by `.mdx` path. */
export async function readChapter(name: string, line?: number): Promise<Chapter> {
	const where = line === undefined ? name : `${name}:${line}`;
	if (name.endsWith('.mdx')) {
		const path = fromCaller(name);
		if (!existsSync(path)) throw new Error(`${where}: no such file`);
		return loadChapterFile(path, basename(path, '.mdx'));
	}
	const slugs = await chapterSlugs();
	if (!slugs.includes(name)) throw new Error(`${where}: no such chapter (chapters: ${slugs.join(', ')})`);
	return loadChapter(name);
}

/** Reads the chosen chapters, or all; every problem is reported before anything runs. */
export async function readChapters(selected: string[]): Promise<Chapter[]> {
	// A path to an .mdx file runs that file as a chapter: a draft, or one of the harness's fixtures.
	const files = selected.filter((name) => name.endsWith('.mdx'));
	if (files.length > 0) {
		if (files.length !== selected.length) throw new Error('give either chapter names or .mdx files, not both');
		return Promise.all(files.map((path) => loadChapterFile(fromCaller(path), basename(path, '.mdx'))));
	}
	const slugs = await chapterSlugs();
	const unknown = selected.filter((slug) => !slugs.includes(slug));
	if (unknown.length > 0) throw new Error(`no such chapter: ${unknown.join(', ')} (chapters: ${slugs.join(', ')})`);
	const chosen = selected.length === 0 ? slugs : slugs.filter((slug) => selected.includes(slug));
	const chapters: Chapter[] = [];
	const problems: Problem[] = [];
	for (const slug of chosen) {
		try {
			chapters.push(await loadChapter(slug));
		} catch (error) {
			if (error instanceof ChapterProblems) problems.push(...error.problems);
			else throw error;
		}
	}
	if (problems.length > 0) throw new ChapterProblems(problems);
	return chapters.filter((chapter) => executableBlocks(chapter).length > 0);
}

/** After runs on the stores asked for, the engine back on the store it is configured for. */
export async function backToConfiguredStore(stores: readonly ImageStore[], config: EngineConfig): Promise<void> {
	if (stores.at(-1) !== config.imageStore) await up({ config });
}

export async function startEngine(config: EngineConfig): Promise<Engine> {
	const engine = await up({ config, onProgress: (line) => process.stderr.write(`engine: ${line}\n`) });
	write(`engine: Docker ${engine.version}, ${engine.store} image store (${engine.os}/${engine.arch})`);
	return engine;
}

export interface RunOptions {
	force: boolean;
	keep: boolean;
	update: boolean;
}

export async function runChapters(chapters: Chapter[], engine: Engine, options: RunOptions): Promise<(ChapterResult & { cached?: boolean })[]> {
	const results: (ChapterResult & { cached?: boolean })[] = [];
	for (const chapter of chapters) {
		const cached = options.force || options.update || options.keep ? undefined : await cachedResult(chapter, engine);
		if (cached !== undefined) {
			write(`${chapter.slug}: unchanged since it passed, not run again (--force runs it)`);
			results.push({ ...cached, cached: true });
			continue;
		}
		write(`${chapter.slug} (${chapter.file}, ${storeBlocks(chapter, engine.store).length} blocks)`);
		const result = await runChapter(chapter, engine, {
			keep: options.keep,
			update: options.update,
			...blockReporter(write),
		});
		if (options.keep) write(`  workspace kept: ${result.workspace ?? ''}`);
		await storeResult(chapter, engine, result);
		if (options.update) {
			const count = await updateChapter(chapter.absolutePath, chapter.file, result);
			if (count > 0) write(`  updated the expected output of ${count} command(s) in ${chapter.file}: review the diff`);
		}
		results.push(result);
	}
	return results;
}

/** A line that rewrites itself on a terminal, and prints nothing elsewhere until it is done. */
export function progressLine(): { update: (text: string) => void; done: (text: string) => void } {
	const live = process.stdout.isTTY === true;
	return {
		update(text) {
			if (live) process.stdout.write(`\r\u001b[K${text}`);
		},
		done(text) {
			process.stdout.write(`${live ? '\r\u001b[K' : ''}${text}\n`);
		},
	};
}
