/**
 * Brings the sandbox engine up once for the examples suite and hands it to the tests. An engine
 * that was already running is left running; one started here is stopped afterwards, and also
 * when the run is interrupted (Ctrl-C, SIGTERM).
 */
import type { TestProject } from 'vitest/node';
import { type Engine, down, status, up } from '../../scripts/engine/index.ts';
import { downOnInterrupt } from '../down-on-interrupt.ts';

declare module 'vitest' {
	export interface ProvidedContext {
		engine: Engine;
	}
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
	const wasRunning = (await status()).running;
	// From here on an interrupted run stops what it started (an engine already running stays).
	const dispose = wasRunning ? (): void => undefined : downOnInterrupt(process.env, 'examples');
	const engine = await up({ onProgress: (line) => process.stderr.write(`engine: ${line}\n`) });
	project.provide('engine', engine);
	return async () => {
		dispose();
		if (!wasRunning) await down();
	};
}
