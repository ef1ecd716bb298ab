/**
 * The harness for people:
 *   npm run verify -- [chapter… | file.mdx…] [--force] [--keep] [--update]
 *   npm run record -- [chapter…] [--force]
 *   npm run record:check
 */
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type Engine, up } from '../engine/index.ts';
import { blockLabel } from '../../src/contract/block.ts';
import { cachedResult, storeResult } from './cache.ts';
import { type Chapter, chapterSlugs, executableBlocks, loadChapter, loadChapterFile } from './chapter.ts';
import { ChapterProblems, type Problem, formatProblem } from '../../src/contract/problem.ts';
import type { VerificationRecord } from '../../src/contract/record.ts';
import { RecordSchemaError, engineInfo, readRecord, recordPath, recordedChapter, withParity, writeRecord } from './record.ts';
import { checkRecord } from './record-check.ts';
import { formatBlock, formatFailure, formatSummary } from './report.ts';
import type { ChapterResult } from './result.ts';
import { runChapter } from './runner.ts';
import { updateChapter } from './update.ts';

const write = (text: string): void => {
	process.stdout.write(`${text}\n`);
};

/** Reads the chosen chapters, or all; every problem is reported before anything runs. */
async function readChapters(selected: string[]): Promise<Chapter[]> {
	// A path to an .mdx file runs that file as a chapter: a draft, or one of the harness's fixtures.
	const files = selected.filter((name) => name.endsWith('.mdx'));
	if (files.length > 0) {
		if (files.length !== selected.length) throw new Error('give either chapter names or .mdx files, not both');
		return Promise.all(files.map((path) => loadChapterFile(resolve(path), basename(path, '.mdx'))));
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

async function startEngine(): Promise<Engine> {
	const engine = await up({ onProgress: (line) => process.stderr.write(`engine: ${line}\n`) });
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
		write(`${chapter.slug} (${chapter.file}, ${executableBlocks(chapter).length} blocks)`);
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

async function verify(positionals: string[], options: RunOptions): Promise<number> {
	const chapters = await readChapters(positionals);
	const engine = await startEngine();
	const results = await runChapters(chapters, engine, options);
	write(formatSummary(results));
	return results.every((result) => result.status === 'passed') ? 0 : 1;
}

async function record(positionals: string[], options: RunOptions): Promise<number> {
	if (positionals.some((name) => name.endsWith('.mdx'))) throw new Error("the record holds the guide's chapters only: name them by slug");
	const chapters = await readChapters(positionals);
	const engine = await startEngine();
	const results = await runChapters(chapters, engine, { ...options, keep: false, update: false });
	// An older form of the record keeps nothing: every chapter is recorded afresh.
	const previous = await readRecord().catch((error: unknown) => {
		if (error instanceof RecordSchemaError) return undefined;
		throw error;
	});
	// Chapters not run this time keep their entries; removed chapters lose theirs.
	const slugs = new Set(await chapterSlugs());
	const kept = Object.entries(previous?.chapters ?? {}).filter(([slug]) => slugs.has(slug));
	const next: VerificationRecord = {
		version: 1,
		date: new Date().toISOString(),
		engine: engineInfo(engine),
		baseImages: engine.baseImages,
		chapters: Object.fromEntries(kept),
	};
	for (const result of results) {
		const chapter = chapters.find((candidate) => candidate.slug === result.slug);
		if (result.status !== 'passed' || chapter === undefined) continue;
		next.chapters[result.slug] = recordedChapter(result, executableBlocks(chapter), { ...next.engine, baseImages: engine.baseImages });
	}
	// Kept chapters' entries get their parity from the chapters as they are now.
	for (const [slug, entry] of Object.entries(next.chapters)) {
		if (entry.blocks.some((block) => block.parity === undefined)) next.chapters[slug] = withParity(entry, executableBlocks(await loadChapter(slug)));
	}
	await writeRecord(next);
	write(formatSummary(results));
	write(`\nrecord written to ${recordPath}`);
	return results.every((result) => result.status === 'passed') ? 0 : 1;
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
		},
	});
	const [command, ...chapters] = positionals;
	const options = { force: values.force, keep: values.keep, update: values.update };
	switch (command) {
		case 'verify':
			return verify(chapters, options);
		case 'record':
			return record(chapters, options);
		case 'check':
			return check();
		default:
			process.stderr.write('usage: cli.ts verify|record|check [chapter…] [--force] [--keep] [--update]\n');
			return 2;
	}
}

main().then(
	(code) => {
		process.exitCode = code;
	},
	(error: unknown) => {
		const lines: string[] = [];
		for (let current: unknown = error; current instanceof Error; current = current.cause) lines.push(current.message);
		process.stderr.write(`${lines.join('\n  caused by: ') || String(error)}\n`);
		process.exitCode = 1;
	},
);
