/**
 * For the suites' global setups: on Ctrl-C, SIGTERM or SIGHUP, vitest ends without running their
 * teardowns, and a root dockerd they started would keep running with its containers.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../scripts/engine/cli.ts', import.meta.url));
const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Until the returned function is called, a signal first runs `engine down` with `env`,
 * synchronously (nothing asynchronous runs once the process is on its way out), then takes its course.
 */
export function downOnInterrupt(env: NodeJS.ProcessEnv, label: string): () => void {
	const stop = (signal: NodeJS.Signals): void => {
		dispose();
		process.stderr.write(`[${label}] ${signal}: stopping the engine this run started\n`);
		spawnSync(process.execPath, ['--import', 'tsx', cli, 'down'], { env, stdio: ['ignore', 'ignore', 'inherit'], timeout: 120_000 });
		// With our listener gone, the default action (or vitest's own) ends the process.
		if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
	};
	const dispose = (): void => {
		for (const signal of signals) process.removeListener(signal, stop);
	};
	// In front of vitest's own listeners, which end the process.
	for (const signal of signals) process.prependListener(signal, stop);
	return dispose;
}
