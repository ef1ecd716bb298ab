/** scripts/examples/cache.ts: what a cached chapter result is keyed on, and that a damaged entry only costs a run. */
import { mkdir, mkdtemp, open, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../../scripts/engine/index.ts';
import { cacheKey, cachedResult, harnessSources, resultsDirectory, storeResult } from '../../../scripts/examples/cache.ts';
import { repositoryRoot } from '../../../scripts/host/repository.ts';
import type { Chapter } from '../../../scripts/examples/chapter.ts';
import type { ChapterResult } from '../../../scripts/examples/result.ts';
import { testEngine } from './engine-fixture.ts';

const engine: Engine = testEngine({ baseImages: [{ name: 'busybox:latest', digest: `sha256:${'1'.repeat(64)}`, standIn: null }] });
const chapter: Chapter = { slug: 'intro', file: 'src/content/docs/intro.mdx', absolutePath: '/x/intro.mdx', source: '```sh\nls\n```\n', blocks: [] };
const result = (status: 'passed' | 'failed'): ChapterResult => ({
	slug: 'intro',
	file: chapter.file,
	status,
	date: '2026-01-01T00:00:00.000Z',
	durationMs: 5,
	blocks: [],
});

describe('the result cache', () => {
	it('keys a chapter on its text, the engine version and the base images', async () => {
		const key = await cacheKey(chapter, engine);
		expect(await cacheKey({ ...chapter }, { ...engine })).toBe(key);
		expect(await cacheKey({ ...chapter, source: '```sh\nls -l\n```\n' }, engine)).not.toBe(key);
		expect(await cacheKey(chapter, { ...engine, version: '24.0.0' })).not.toBe(key);
		expect(await cacheKey(chapter, { ...engine, baseImages: [{ name: 'busybox:latest', digest: `sha256:${'2'.repeat(64)}`, standIn: null }] })).not.toBe(key);
	});

	it('keeps passed chapters only', async () => {
		const directory = await mkdtemp(join(tmpdir(), 'results-'));
		await storeResult(chapter, engine, result('failed'), directory);
		expect(await readdir(directory)).toEqual([]);
		expect(await cachedResult(chapter, engine, directory)).toBeUndefined();
		await storeResult(chapter, engine, result('passed'), directory);
		expect(await cachedResult(chapter, engine, directory)).toEqual(result('passed'));
		expect(await cachedResult({ ...chapter, source: 'changed' }, engine, directory)).toBeUndefined();
	});

	it('counts a truncated or corrupt entry as a miss', async () => {
		const directory = await mkdtemp(join(tmpdir(), 'results-'));
		await storeResult(chapter, engine, result('passed'), directory);
		const [entry] = await readdir(directory);
		if (entry === undefined) throw new Error('no entry was written');
		const path = join(directory, entry);
		const text = await readFile(path, 'utf8');
		await writeFile(path, text.slice(0, text.length >> 1));
		expect(await cachedResult(chapter, engine, directory)).toBeUndefined();
		await writeFile(path, '');
		expect(await cachedResult(chapter, engine, directory)).toBeUndefined();
	});

	it('replaces an entry whole: a reader of the old file never sees a half-written one', async () => {
		const directory = await mkdtemp(join(tmpdir(), 'results-'));
		await storeResult(chapter, engine, result('passed'), directory);
		const [entry] = await readdir(directory);
		if (entry === undefined) throw new Error('no entry was written');
		const old = await open(join(directory, entry), 'r');
		try {
			await storeResult(chapter, engine, { ...result('passed'), durationMs: 123_456 }, directory);
			// Written in place, the reader's file would now hold the new text (or a part of it).
			expect(JSON.parse(await old.readFile('utf8'))).toEqual(result('passed'));
		} finally {
			await old.close();
		}
		expect(await readdir(directory)).toEqual([entry]);
		expect(await cachedResult(chapter, engine, directory)).toMatchObject({ durationMs: 123_456 });
	});

	it("keys on the engine's sources too, in every subfolder", async () => {
		const sources = await mkdtemp(join(tmpdir(), 'sources-'));
		await mkdir(join(sources, 'engine', 'stand-ins'), { recursive: true });
		await writeFile(join(sources, 'engine', 'stand-ins', 'busybox.ts'), 'one');
		const before = await cacheKey(chapter, engine, [sources]);
		await writeFile(join(sources, 'engine', 'stand-ins', 'busybox.ts'), 'two');
		expect(await cacheKey(chapter, engine, [sources])).not.toBe(before);

		const files = (await harnessSources()).map((file) => relative(repositoryRoot, file));
		for (const file of [
			'scripts/examples/runner.ts',
			'src/contract/extract.ts',
			'src/contract/transcript.ts',
			'scripts/engine/reset.ts',
			'scripts/engine/network.ts',
			'scripts/engine/daemon.ts',
			'scripts/engine/stand-ins/index.ts',
		]) {
			expect(files).toContain(file);
		}
	});

	it('keys on every file the harness imports, followed import by import (scripts/host, src/contract, the engine…)', async () => {
		const examples = join(repositoryRoot, 'scripts', 'examples');
		const pending = (await readdir(examples)).filter((name) => name.endsWith('.ts')).map((name) => join(examples, name));
		const imported = new Set<string>();
		for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
			if (imported.has(file)) continue;
			imported.add(file);
			// TypeScript's own scan: an import written inside a template (a scaffolded test file) is no import.
			for (const { fileName } of ts.preProcessFile(await readFile(file, 'utf8'), true, true).importedFiles) {
				if (fileName.startsWith('.')) pending.push(resolve(dirname(file), fileName));
			}
		}
		const keyed = new Set((await harnessSources()).map((file) => relative(repositoryRoot, file)));
		const imports = [...imported].map((file) => relative(repositoryRoot, file)).sort();
		expect(imports).toContain('scripts/host/proc.ts');
		expect(imports.filter((file) => !keyed.has(file))).toEqual([]);
	});

	it('lives in the user cache dir', () => {
		expect(resultsDirectory({ XDG_CACHE_HOME: '/c' })).toBe('/c/layerbook/results');
		expect(resultsDirectory({})).toMatch(/\/\.cache\/layerbook\/results$/);
	});
});
