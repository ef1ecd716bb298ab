import { execa } from 'execa';
import type { Engine } from '../../scripts/engine/index.ts';
import { fetchInNamespace } from '../../scripts/engine/network.ts';

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

/** One GET: from this process, or from inside a network namespace (a /run/netns file). */
async function httpGet(url: string, namespace: string | null): Promise<string> {
	if (namespace === null) {
		const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
		if (!response.ok) throw new Error(`HTTP ${response.status}`);
		return response.text();
	}
	const response = await fetchInNamespace(namespace, url);
	if (response.status < 200 || response.status > 299) throw new Error(`GET ${url} in ${namespace}: HTTP ${response.status}`);
	return response.body;
}

/**
 * Waits for a URL to answer 200; `namespace` is where to ask from: the engine's published ports
 * answer on the loopback of its own network namespace (`engine.namespace`), not the host's.
 */
export async function waitForHttp(url: string, namespace: string | null, timeoutMs = 20_000): Promise<string> {
	const deadline = Date.now() + timeoutMs;
	let last: unknown = null;
	while (Date.now() < deadline) {
		try {
			return await httpGet(url, namespace);
		} catch (error) {
			last = error;
		}
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	throw new Error(`${url} did not answer in ${timeoutMs}ms`, { cause: last });
}
