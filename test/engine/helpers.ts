import { execa } from 'execa';
import type { Engine } from '../../scripts/engine/index.ts';

/** Runs `docker …` as a scenario would: the engine's env, so its own client comes first on PATH. */
export interface DockerResult {
	exitCode: number | undefined;
	stdout: string;
	/** stdout and stderr interleaved */
	all: string;
}

export async function docker(engine: Engine, args: string[], options: { input?: string; cwd?: string; timeout?: number } = {}): Promise<DockerResult> {
	const result = await execa('docker', args, {
		env: engine.env,
		reject: false,
		all: true,
		...(options.input !== undefined ? { input: options.input } : {}),
		...(options.cwd !== undefined ? { cwd: options.cwd } : {}),
		timeout: options.timeout ?? 120_000,
	});
	return { exitCode: result.exitCode, stdout: String(result.stdout), all: String(result.all) };
}

export async function dockerOk(engine: Engine, args: string[], options: { input?: string; cwd?: string; timeout?: number } = {}): Promise<string> {
	const result = await docker(engine, args, options);
	if (result.exitCode !== 0) throw new Error(`docker ${args.join(' ')} exited ${result.exitCode}:\n${String(result.all)}`);
	return String(result.stdout);
}

export async function freePort(preferred: number): Promise<number> {
	const { createServer } = await import('node:net');
	const tryPort = (port: number): Promise<number | null> =>
		new Promise((resolve) => {
			const server = createServer();
			server.once('error', () => resolve(null));
			server.listen(port, '0.0.0.0', () => {
				const address = server.address();
				const chosen = typeof address === 'object' && address !== null ? address.port : null;
				server.close(() => resolve(chosen));
			});
		});
	return (await tryPort(preferred)) ?? (await tryPort(0)) ?? preferred;
}

export async function waitForHttp(url: string, timeoutMs = 20_000): Promise<string> {
	const deadline = Date.now() + timeoutMs;
	let last: unknown = null;
	while (Date.now() < deadline) {
		try {
			const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
			if (response.ok) return await response.text();
			last = response.status;
		} catch (error) {
			last = error;
		}
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	throw new Error(`${url} did not answer in ${timeoutMs}ms`, { cause: last });
}
