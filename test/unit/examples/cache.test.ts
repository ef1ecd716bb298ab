import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../../scripts/engine/index.ts';
import { cacheKey, cachedResult, resultsDirectory, storeResult } from '../../../scripts/examples/cache.ts';
import type { Chapter } from '../../../scripts/examples/chapter.ts';
import type { ChapterResult } from '../../../scripts/examples/result.ts';

const engine: Engine = {
	dockerHost: 'unix:///x.sock',
	env: {},
	version: '20.10.24',
	os: 'linux',
	arch: 'x86_64',
	baseImages: [{ name: 'busybox:latest', digest: `sha256:${'1'.repeat(64)}`, standIn: null }],
};
const chapter: Chapter = { slug: 'intro', file: 'src/content/docs/intro.mdx', absolutePath: '/x/intro.mdx', source: '```sh\nls\n```\n', blocks: [] };
const result = (status: 'passed' | 'failed'): ChapterResult => ({ slug: 'intro', file: chapter.file, status, date: '2026-01-01T00:00:00.000Z', durationMs: 5, blocks: [] });

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

	it('lives in the user cache dir', () => {
		expect(resultsDirectory({ XDG_CACHE_HOME: '/c' })).toBe('/c/layerbook/results');
		expect(resultsDirectory({})).toMatch(/\/\.cache\/layerbook\/results$/);
	});
});
