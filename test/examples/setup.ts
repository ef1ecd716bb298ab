/**
 * Brings the sandbox engine up once for the examples suite and hands it to the tests. An engine
 * that was already running is left running; one started here is stopped afterwards.
 */
import type { TestProject } from 'vitest/node';
import { type Engine, down, status, up } from '../../scripts/engine/index.ts';

declare module 'vitest' {
	export interface ProvidedContext {
		engine: Engine;
	}
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
	const wasRunning = (await status()).running;
	const engine = await up({ onProgress: (line) => process.stderr.write(`engine: ${line}\n`) });
	project.provide('engine', engine);
	return async () => {
		if (!wasRunning) await down();
	};
}
