/**
 * The sandbox engine (ENGINE.md): a private dockerd, a registry mirror and stand-in base images.
 * The harness and the tests use this module; `cli.ts` is the same for people.
 */
import { resetEngine } from './reset.ts';
import { withLock } from './lock.ts';
import { enginePaths } from './paths.ts';
import type { Engine } from './types.ts';

export type { BaseImage, Engine, EngineStatus, UpOptions } from './types.ts';
export { up, down, status } from './lifecycle.ts';
export { assertNothingForeign, findForeign, ForeignObjectsError, type ForeignObjects } from './foreign.ts';
export { enginePaths, networkSettings } from './paths.ts';
export { engineConfig, type EngineConfig, EngineConfigError, type ImageStore } from './config.ts';

/**
 * Removes every container, volume, non-default network, the build cache and every image that is
 * not a base image; re-tags base images a chapter untagged. Refuses a daemon the engine did not
 * start unless it passed assertNothingForeign.
 */
export async function reset(engine: Engine): Promise<void> {
	await withLock(enginePaths(engine.config).lock, 'reset', () => resetEngine(engine));
}
