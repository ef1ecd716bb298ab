/**
 * The sandbox engine: a private dockerd in a network namespace of its own, a registry mirror and stand-in base images.
 * The harness and the tests use this module; `cli.ts` is the same for people.
 */
import { resetEngine } from './reset.ts';
import { withLock } from './lock.ts';
import { enginePaths } from './paths.ts';
import type { Engine } from './types.ts';

export type { BaseImage, Engine, EngineStatus, UpOptions } from './types.ts';
export { up, down, status } from './lifecycle.ts';
export { assertNothingForeign, daemonTime, findForeign, ForeignObjectsError, type ForeignObjects } from './foreign.ts';
export { enginePaths } from './paths.ts';
export { engineConfig, type EngineConfig, EngineConfigError } from './config.ts';
export type { ImageStore } from '../../src/contract/store.ts';

/**
 * Removes every container, volume, non-default network, the build cache and every image that is
 * not a base image; re-tags base images a chapter untagged. Refuses a daemon the engine did not
 * start unless it passed assertNothingForeign, and checks such a daemon again first: with
 * `chapterSince` (its clock when a chapter started), what was made since counts as the chapter's.
 */
export async function reset(engine: Engine, chapterSince?: number): Promise<void> {
	await withLock(enginePaths(engine.config).lock, 'reset', () => resetEngine(engine, chapterSince));
}
