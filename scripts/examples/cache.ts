/**
 * Chapters that have not changed are not run again: a passed chapter's result is kept, in the
 * user's cache dir (never in the repository), under a key of everything it depends on.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Engine } from '../engine/index.ts';
import type { Chapter } from './chapter.ts';
import { type ChapterResult, chapterResultSchema } from './result.ts';

export function resultsDirectory(env: NodeJS.ProcessEnv = process.env): string {
	const xdg = env['XDG_CACHE_HOME'];
	return join(xdg !== undefined && xdg !== '' ? xdg : join(homedir(), '.cache'), 'layerbook', 'results');
}

/**
 * What runs a chapter: the harness, the contract it reads chapters by, the host helpers the
 * chapter's shell and its clean-up run on (processes, mounts, locks), and the engine it
 * drives (its reset, network, daemon config, stand-ins). Every file the harness imports is in one
 * of these (cache.test.ts follows the imports).
 */
const sourceDirectories: readonly string[] = [
	fileURLToPath(new URL('.', import.meta.url)),
	fileURLToPath(new URL('../../src/contract/', import.meta.url)),
	fileURLToPath(new URL('../host/', import.meta.url)),
	fileURLToPath(new URL('../engine/', import.meta.url)),
];

/** Every file under the directories, sorted; documentation (`.md`) cannot change a result. */
export async function harnessSources(directories: readonly string[] = sourceDirectories): Promise<string[]> {
	const files: string[] = [];
	for (const directory of directories) {
		const entries = await readdir(directory, { recursive: true, withFileTypes: true });
		files.push(...entries.filter((entry) => entry.isFile() && !entry.name.endsWith('.md')).map((entry) => join(entry.parentPath, entry.name)));
	}
	return files.sort();
}

async function hashSources(directories: readonly string[]): Promise<string> {
	const hash = createHash('sha256');
	for (const directory of directories) {
		for (const file of await harnessSources([directory])) {
			// Names (relative: a checkout elsewhere keeps its results) and lengths, so moving bytes from one file to the next changes the hash.
			const content = await readFile(file);
			hash.update(`${basename(directory)}/${relative(directory, file)}\0${content.length}\0`).update(content);
		}
	}
	return hash.digest('hex');
}

let ownSourcesHash: Promise<string> | undefined;

/** A change to how chapters are run, or to the engine they run on, invalidates every result. */
function sourcesVersion(directories: readonly string[]): Promise<string> {
	if (directories !== sourceDirectories) return hashSources(directories);
	ownSourcesHash ??= hashSources(directories);
	return ownSourcesHash;
}

/**
 * The chapter's text, the engine's version, the base images' digests and the sources of the
 * harness, of the host helpers it runs on and of the engine.
 */
export async function cacheKey(chapter: Chapter, engine: Engine, sources: readonly string[] = sourceDirectories): Promise<string> {
	const images = engine.baseImages.map((image) => `${image.name}@${image.digest}`).sort();
	return createHash('sha256')
		.update(JSON.stringify([chapter.file, chapter.source, engine.version, engine.store, engine.os, engine.arch, images, await sourcesVersion(sources)]))
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
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		// Cut short by a full disk or a crash: not a hit, and the next pass writes it again.
		return undefined;
	}
	const parsed = chapterResultSchema.safeParse(json);
	// A result written by an older harness is simply not a hit.
	return parsed.success && parsed.data.status === 'passed' ? parsed.data : undefined;
}

/** Keeps a passed result; failures are always run again. */
export async function storeResult(chapter: Chapter, engine: Engine, result: ChapterResult, directory = resultsDirectory()): Promise<void> {
	if (result.status !== 'passed' || result.blocks.some((block) => block.updates !== undefined)) return;
	await mkdir(directory, { recursive: true });
	const path = entryPath(chapter.slug, await cacheKey(chapter, engine), directory);
	// Written beside it, then renamed over it: a reader sees the old entry or the new one, never a part.
	const temporary = join(directory, `.${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
	try {
		await writeFile(temporary, JSON.stringify(result));
		await rename(temporary, path);
	} catch (error) {
		await rm(temporary, { force: true });
		throw new Error(`cannot keep the result of ${chapter.file} in ${directory}`, { cause: error });
	}
}
