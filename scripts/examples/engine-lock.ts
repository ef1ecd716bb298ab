/**
 * One chapter at a time on an engine: a chapter resets the engine when it ends, which would wreck
 * a chapter another process (a `verify` beside an `npm test`) is running on the same engine.
 */
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { enginePaths } from '../engine/index.ts';

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

export interface EngineLock {
	release(): Promise<void>;
}

export async function lockEngineForChapter(onWait?: (holder: number) => void, timeoutMs = 60 * 60_000): Promise<EngineLock> {
	const directory = enginePaths().runtime;
	const path = join(directory, 'chapter.lock');
	await mkdir(directory, { recursive: true });
	const deadline = Date.now() + timeoutMs;
	let told = false;
	for (;;) {
		try {
			const handle = await open(path, 'wx');
			await handle.writeFile(`${process.pid}\n`);
			await handle.close();
			return { release: () => rm(path, { force: true }) };
		} catch (error) {
			if (!(error instanceof Error && 'code' in error && error.code === 'EEXIST')) {
				throw new Error(`cannot take the chapter lock ${path}`, { cause: error });
			}
		}
		const holder = Number((await readFile(path, 'utf8').catch(() => '')).trim());
		// A lock left by a process that is gone, or by this one (a run killed mid-way), is stale.
		if (!Number.isInteger(holder) || holder <= 0 || holder === process.pid || !alive(holder)) {
			await rm(path, { force: true });
			continue;
		}
		if (Date.now() > deadline) throw new Error(`another chapter run (process ${holder}) has held the engine for too long: ${path}`);
		if (!told) onWait?.(holder);
		told = true;
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}
