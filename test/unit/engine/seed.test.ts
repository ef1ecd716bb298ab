/** scripts/engine/stand-ins/seed.ts: an instance seeded from a sibling shares its blobs, never its tags. */
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { engineConfig } from '../../../scripts/engine/config.ts';
import { enginePaths } from '../../../scripts/engine/paths.ts';
import { seedFromSibling } from '../../../scripts/engine/stand-ins/seed.ts';
import { writeState } from '../../../scripts/engine/state.ts';

const roots: string[] = [];
afterAll(async () => {
	for (const root of roots) await rm(root, { recursive: true, force: true });
});

describe('seedFromSibling', () => {
	it("shares the blobs but not the tag files, so a rebuild here never moves the sibling's tags", async () => {
		const cache = await mkdtemp(join(tmpdir(), 'layerbook-seed-'));
		roots.push(cache);
		const sibling = enginePaths(engineConfig({ XDG_CACHE_HOME: cache }));
		const v2 = join(sibling.mirrorStorage, 'docker', 'registry', 'v2');
		const blob = join(v2, 'blobs', 'sha256', 'ab', 'abcd', 'data');
		const tag = join(v2, 'repositories', 'library', 'busybox', '_manifests', 'tags', 'latest', 'current', 'link');
		await mkdir(join(blob, '..'), { recursive: true });
		await mkdir(join(tag, '..'), { recursive: true });
		await writeFile(blob, 'layer');
		await writeFile(tag, 'sha256:old');
		const entry = { hash: 'h1', repository: 'busybox', tags: ['latest'], digest: 'sha256:old', builtFrom: 'x', builtAt: '2026-12-01T00:00:00Z' };
		await writeState(sibling.standInState, { busybox: entry });

		const mine = enginePaths(engineConfig({ XDG_CACHE_HOME: cache, LAYERBOOK_INSTANCE: 'seedt' }));
		await mkdir(mine.mirrorStorage, { recursive: true });
		const taken = await seedFromSibling(mine, new Map([['busybox', 'h1']]), () => undefined);
		expect(Object.keys(taken)).toEqual(['busybox']);

		const myV2 = join(mine.mirrorStorage, 'docker', 'registry', 'v2');
		expect((await stat(join(myV2, 'blobs', 'sha256', 'ab', 'abcd', 'data'))).ino).toBe((await stat(blob)).ino);
		// The registry rewrites a tag's link file in place when the tag moves.
		const myTag = join(myV2, 'repositories', 'library', 'busybox', '_manifests', 'tags', 'latest', 'current', 'link');
		await writeFile(myTag, 'sha256:new');
		expect(await readFile(tag, 'utf8')).toBe('sha256:old');
	});
});
