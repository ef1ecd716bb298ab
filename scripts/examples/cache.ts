/**
 * Chapters that have not changed are not run again: a passed chapter's result is kept under a
 * key of everything it depends on, its text, the engine's version, the base images' digests
 * and the harness itself. Kept in the user's cache dir, never in the repository.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Engine } from '../engine/index.ts';
import type { Chapter } from './chapter.ts';
import { type ChapterResult, chapterResultSchema } from './result.ts';

export function resultsDirectory(env: NodeJS.ProcessEnv = process.env): string {
	const xdg = env['XDG_CACHE_HOME'];
	return join(xdg !== undefined && xdg !== '' ? xdg : join(homedir(), '.cache'), 'layerbook', 'results');
}

let harnessHash: Promise<string> | undefined;

/** The harness's own source: a change to how chapters are run invalidates every result. */
function harnessVersion(): Promise<string> {
	harnessHash ??= (async () => {
		const directory = new URL('.', import.meta.url).pathname;
		const hash = createHash('sha256');
		for (const name of (await readdir(directory)).filter((file) => file.endsWith('.ts')).sort()) {
			hash.update(name).update(await readFile(join(directory, name)));
		}
		return hash.digest('hex');
	})();
	return harnessHash;
}

export async function cacheKey(chapter: Chapter, engine: Engine): Promise<string> {
	const images = engine.baseImages.map((image) => `${image.name}@${image.digest}`).sort();
	return createHash('sha256')
		.update(JSON.stringify([chapter.file, chapter.source, engine.version, engine.os, engine.arch, images, await harnessVersion()]))
		.digest('hex')
		.slice(0, 32);
}

function entryPath(slug: string, key: string, directory: string): string {
	return join(directory, `${slug.replaceAll('/', '__')}-${key}.json`);
}

/** The cached result of an unchanged chapter that passed, if any. */
export async function cachedResult(chapter: Chapter, engine: Engine, directory = resultsDirectory()): Promise<ChapterResult | undefined> {
	const path = entryPath(chapter.slug, await cacheKey(chapter, engine), directory);
	let text: string;
	try {
		text = await readFile(path, 'utf8');
	} catch {
		return undefined;
	}
	const parsed = chapterResultSchema.safeParse(JSON.parse(text));
	// A result written by an older harness is simply not a hit.
	return parsed.success && parsed.data.status === 'passed' ? parsed.data : undefined;
}

/** Keeps a passed result; failures are always run again. */
export async function storeResult(chapter: Chapter, engine: Engine, result: ChapterResult, directory = resultsDirectory()): Promise<void> {
	if (result.status !== 'passed' || result.blocks.some((block) => block.updates !== undefined)) return;
	await mkdir(directory, { recursive: true });
	await writeFile(entryPath(chapter.slug, await cacheKey(chapter, engine), directory), JSON.stringify(result));
}
