/**
 * The harness for people:
 *   npm run verify -- [chapter… | file.mdx…] [--force] [--keep] [--update] [--store containerd|classic]
 *   npm run verify -- <chapter>:<line> [--update]      one block, after the blocks before it
 *   npm run verify -- --watch <chapter>               again on every save, ko or en
 *   npm run record -- [chapter…] [--force] [--store classic | --stores all]   containerd always; classic too with either
 *   npm run record:check
 *   npm run export -- <chapter> [--out file.sh]      the chapter as one bash script
 *   npm run shard -- <index>/<count> | <count>       CI's examples shards, by recorded time
 */
import { chmod, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type EngineConfig, engineConfig } from '../engine/config.ts';
import { type Engine, up } from '../engine/index.ts';
import { blockLabel } from '../../src/contract/block.ts';
import { cachedResult, storeResult } from './cache.ts';
import { type Chapter, chapterSlugs, executableBlocks, loadChapter, loadChapterFile, storeBlocks } from './chapter.ts';
import { ChapterProblems, type Problem, formatProblem } from '../../src/contract/problem.ts';
import type { VerificationRecord } from '../../src/contract/record.ts';
import { type ImageStore, imageStores } from '../../src/contract/store.ts';
import { RecordSchemaError, nextColumn, readRecord, recordPath, recordedStores, withParity, writeRecord } from './record.ts';
import { checkRecord } from './record-check.ts';
import { formatBlock, formatFailure, formatSummary } from './report.ts';
import { type BlockResult, type ChapterResult, at } from './result.ts';
import { runChapter } from './runner.ts';
import { updateChapter } from './update.ts';
import { chapterPath } from './chapter.ts';
import { chapterScript } from '../../src/contract/chapter-script.ts';
import { translationLocales } from '../../src/contract/locales.ts';
import { translationProblems } from './record-check.ts';
import { ChapterRun } from './runner.ts';
import { examplesTestFiles, formatPlan, parseShard, planTestFiles } from './shards.ts';
import { blockIndexAt, parseTarget } from './target.ts';
import { watchLoop } from './watch.ts';
import { existsSync } from 'node:fs';
import { failureText, seconds } from '../host/format.ts';
import { repositoryRoot } from '../host/repository.ts';

const write = (text: string): void => {
	process.stdout.write(`${text}\n`);
};

/** A path as the person typed it: npm runs scripts in the repository's root, and says where they were. */
function fromCaller(path: string): string {
	return resolve(process.env['INIT_CWD'] ?? process.cwd(), path);
}

/** One chapter, by slug or by `.mdx` path. */
async function readChapter(name: string, line?: number): Promise<Chapter> {
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
async function readChapters(selected: string[]): Promise<Chapter[]> {
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

async function startEngine(config: EngineConfig = engineConfig()): Promise<Engine> {
	const engine = await up({ config, onProgress: (line) => process.stderr.write(`engine: ${line}\n`) });
	write(`engine: Docker ${engine.version}, ${engine.store} image store (${engine.os}/${engine.arch})`);
	return engine;
}

interface RunOptions {
	force: boolean;
	keep: boolean;
	update: boolean;
}

async function runChapters(chapters: Chapter[], engine: Engine, options: RunOptions): Promise<(ChapterResult & { cached?: boolean })[]> {
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
			onBlockStart: (block) => write(`  ▸ ${block.file}:${block.line} ${blockLabel(block)}`),
			onBlock: (block) => {
				write(formatBlock(block));
				if (block.failure !== undefined) write(formatFailure(block.failure).replace(/^/gm, '      '));
			},
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

async function verify(positionals: string[], options: RunOptions & { watch: boolean }): Promise<number> {
	const targets = positionals.map(parseTarget);
	const lines = targets.filter((target) => target.line !== undefined);
	if (options.watch) {
		if (positionals.length !== 1 || lines.length > 0) throw new Error('--watch takes one chapter: npm run verify -- --watch <chapter>');
		return watchChapter(positionals[0] ?? '', options);
	}
	if (lines.length > 0) {
		if (positionals.length !== 1) throw new Error('a block is verified on its own: npm run verify -- <chapter>:<line>');
		const [target] = lines;
		const chapter = await readChapter(target?.name ?? '', target?.line);
		return verifyBlock(chapter, blockIndexAt(chapter, target?.line ?? 0, engineConfig().imageStore), options);
	}
	const chapters = await readChapters(positionals);
	const engine = await startEngine();
	const results = await runChapters(chapters, engine, options);
	write(formatSummary(results));
	return results.every((result) => result.status === 'passed') ? 0 : 1;
}

/** A line that rewrites itself on a terminal, and prints nothing elsewhere until it is done. */
function progressLine(): { update: (text: string) => void; done: (text: string) => void } {
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

/**
 * `verify <chapter>:<line>`: runs the blocks before it (the state it needs) and shows them as one
 * progress line, then runs that block, reports it in full and stops. With --update only that
 * block is rewritten; the blocks before it do not stop at an output that differs.
 */
async function verifyBlock(chapter: Chapter, index: number, options: RunOptions): Promise<number> {
	const blocks = storeBlocks(chapter, engineConfig().imageStore);
	const block = blocks[index];
	if (block === undefined) throw new Error(`${chapter.file}: no block ${index}`);
	const engine = await startEngine();
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
async function watchChapter(name: string, options: RunOptions): Promise<number> {
	const first = await readChapter(name);
	const engine = await startEngine();
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

/** `export <chapter>`: the chapter as one bash script, to a file (`<slug>.sh` by default) or stdout (`--out -`). */
async function exportChapter(positionals: string[], out: string | undefined): Promise<number> {
	if (positionals.length !== 1) throw new Error('usage: npm run export -- <chapter> [--out file.sh | --out -]');
	const chapter = await readChapter(positionals[0] ?? '');
	const script = chapterScript(chapter.file, chapter.source, { slug: basename(chapter.slug) });
	if (out === '-') {
		process.stdout.write(script);
		return 0;
	}
	const path = fromCaller(out ?? `${basename(chapter.slug)}.sh`);
	await writeFile(path, script);
	await chmod(path, 0o755);
	process.stderr.write(`wrote ${path} (${executableBlocks(chapter).length} blocks of ${chapter.file})\n`);
	return 0;
}

/** `shard <i>/<n>`: the examples suite's test files for that shard; `shard <n>`: the plan, for people. */
async function shard(positionals: string[]): Promise<number> {
	const [spec] = positionals;
	if (spec === undefined || positionals.length !== 1) throw new Error('usage: npm run shard -- <index>/<count> (the files of one shard) or <count> (the plan)');
	const files = await examplesTestFiles();
	if (/^\d+$/.test(spec)) {
		for (const line of formatPlan(await planTestFiles(files, Number(spec)))) write(line);
		return 0;
	}
	const { index, count } = parseShard(spec);
	const plan = await planTestFiles(files, count);
	for (const job of plan[index - 1]?.jobs ?? []) write(job.file ?? job.name);
	return 0;
}

/**
 * `record`: runs the chapters on each store asked for and writes that store's column of the record;
 * the other column, and chapters not run, keep their entries.
 */
async function record(positionals: string[], options: RunOptions, stores: readonly ImageStore[]): Promise<number> {
	if (positionals.some((name) => name.endsWith('.mdx'))) throw new Error("the record holds the guide's chapters only: name them by slug");
	const chapters = await readChapters(positionals);
	// An older form of the record keeps nothing: every chapter is recorded afresh.
	const previous = await readRecord().catch((error: unknown) => {
		if (error instanceof RecordSchemaError) return undefined;
		throw error;
	});
	const slugs = new Set(await chapterSlugs());
	const next: VerificationRecord = { version: 2, date: new Date().toISOString(), baseImages: previous?.baseImages ?? [], stores: { ...previous?.stores } };
	const configured = engineConfig();
	const all: ChapterResult[] = [];
	for (const store of stores) {
		const engine = await startEngine({ ...configured, imageStore: store });
		const results = await runChapters(chapters, engine, { ...options, keep: false, update: false });
		all.push(...results);
		next.baseImages = engine.baseImages;
		const column = nextColumn(previous?.stores[store], { store, date: new Date().toISOString(), engine, results, chapters, slugs });
		// Kept chapters' entries get their parity from the chapters as they are now.
		for (const [slug, entry] of Object.entries(column.chapters)) {
			if (entry.blocks.some((block) => block.parity === undefined)) column.chapters[slug] = withParity(entry, executableBlocks(await loadChapter(slug)));
		}
		next.stores[store] = column;
		// Written after each store, so a later store's failure does not lose this one's column.
		await writeRecord(next);
		write(`${store} image store: ${formatSummary(results)}`);
	}
	// Every run brings the engine to the store it needs; leave it on the one it is configured for.
	if (stores.at(-1) !== configured.imageStore) await up({ config: configured });
	write(`\nrecord written to ${recordPath}`);
	return all.every((result) => result.status === 'passed') ? 0 : 1;
}

async function check(): Promise<number> {
	const problems = await checkRecord();
	for (const problem of problems) write(formatProblem(problem));
	if (problems.length > 0) {
		write(`\n${problems.length} problem(s): the record is not current. Run npm run record (it runs only what changed).`);
		return 1;
	}
	write("record: every executable block is recorded, every translation holds the original's blocks");
	return 0;
}

async function main(): Promise<number> {
	const { values, positionals } = parseArgs({
		allowPositionals: true,
		options: {
			force: { type: 'boolean', default: false },
			keep: { type: 'boolean', default: false },
			update: { type: 'boolean', default: false },
			watch: { type: 'boolean', default: false },
			out: { type: 'string' },
			store: { type: 'string' },
			stores: { type: 'string' },
		},
	});
	if (values.stores !== undefined && values.stores !== 'all') throw new Error(`--stores ${values.stores}: the only value is all (--store names one store)`);
	if (values.stores !== undefined && values.store !== undefined) throw new Error('give --store or --stores all, not both');
	// The image store to run on: the engine reads it with the rest of its settings (engineConfig).
	if (values.store !== undefined) {
		if (!(imageStores as readonly string[]).includes(values.store)) {
			throw new Error(`--store ${values.store}: the image store is one of ${imageStores.join(', ')}`);
		}
		process.env['LAYERBOOK_IMAGE_STORE'] = values.store;
	}
	const [command, ...chapters] = positionals;
	const options = { force: values.force, keep: values.keep, update: values.update };
	switch (command) {
		case 'verify':
			return verify(chapters, { ...options, watch: values.watch });
		case 'export':
			return exportChapter(chapters, values.out);
		case 'shard':
			return shard(chapters);
		case 'record':
			return record(chapters, options, recordedStores(values.stores === 'all', engineConfig().imageStore));
		case 'check':
			return check();
		default:
			process.stderr.write(
				'usage: cli.ts verify|record|check|export|shard [chapter… | chapter:line] [--force] [--keep] [--update] [--watch] [--store containerd|classic] [--stores all]\n',
			);
			return 2;
	}
}

main().then(
	(code) => {
		process.exitCode = code;
	},
	(error: unknown) => {
		process.stderr.write(`${failureText(error)}\n`);
		process.exitCode = 1;
	},
);
