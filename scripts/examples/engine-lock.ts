/**
 * The engine, for one chapter run at a time: a chapter resets the engine when it ends, which would
 * wreck a chapter another process (a `verify` beside an `npm test`) is running on the same engine.
 * A flock(2) held by a child process (scripts/host/lock.ts): a run that dies frees it at once.
 */
import { type EngineConfig, enginePaths } from '../engine/index.ts';
import { acquireLock } from '../host/lock.ts';

export interface EngineLock {
	release(): Promise<void>;
}

/** In the engine's runtime dir, among the files `down` keeps: it must not vanish under a running chapter. */
export function engineForChapterLockPath(config: EngineConfig): string {
	return enginePaths(config).chapterLock;
}

/** Waits until no other chapter run has the engine; `onWait` hears once whom it waits for. */
export async function lockEngineForChapter(config: EngineConfig, onWait?: (holder: number) => void, timeoutMs = 60 * 60_000): Promise<EngineLock> {
	return acquireLock(engineForChapterLockPath(config), { what: 'a chapter run on the engine', timeoutMs, onWait });
}
