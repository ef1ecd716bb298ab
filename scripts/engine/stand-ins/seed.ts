import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { instanceCache, type EnginePaths } from '../paths.ts';
import { readState, type StandInState } from '../state.ts';

async function isEmptyDir(path: string): Promise<boolean> {
	const entries = await readdir(path).catch(() => []);
	return entries.length === 0;
}

/**
 * A new instance (the tests' engine, say) starts from another instance's mirror when that one
 * already holds stand-ins of the same recipes: its storage, blobs hard-linked and tags copied,
 * instead of minutes of builds.
 * Returns the entries it took over.
 */
export async function seedFromSibling(paths: EnginePaths, wanted: Map<string, string>, progress: (line: string) => void): Promise<StandInState> {
	if (!(await isEmptyDir(paths.mirrorStorage))) return {};
	const instances = (await readdir(join(paths.cacheRoot, 'instances')).catch(() => [])).map((name) => instanceCache(paths.cacheRoot, name));
	let best: { cache: string; entries: StandInState } | null = null;
	for (const cache of [paths.cacheRoot, ...instances]) {
		if (cache === paths.cache) continue;
		const state = await readState(join(cache, 'stand-ins.json'));
		const entries: StandInState = {};
		for (const [key, entry] of Object.entries(state)) if (wanted.get(key) === entry.hash) entries[key] = entry;
		if (Object.keys(entries).length > Object.keys(best?.entries ?? {}).length) best = { cache, entries };
	}
	if (best === null) return {};
	const source = join(best.cache, 'mirror', 'storage');
	if (await isEmptyDir(source)) return {};
	progress(`stand-ins: taking ${Object.keys(best.entries).length} stand-ins over from the mirror in ${best.cache}`);
	// Blobs are content-addressed and never rewritten: hard links. The repositories' tag and link
	// files are rewritten in place when a tag moves: copies, or a rebuild here would move the
	// sibling's tags to blobs it does not have.
	const v2 = join('docker', 'registry', 'v2');
	await mkdir(join(paths.mirrorStorage, v2), { recursive: true });
	const blobs = await execa('cp', ['-al', join(source, v2, 'blobs'), join(paths.mirrorStorage, v2)], { reject: false });
	const repositories = await execa('cp', ['-a', join(source, v2, 'repositories'), join(paths.mirrorStorage, v2)], { reject: false });
	return blobs.exitCode === 0 && repositories.exitCode === 0 ? best.entries : {};
}
