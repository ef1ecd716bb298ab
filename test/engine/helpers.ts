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

const getScript = `
const response = await fetch(process.argv[1], { signal: AbortSignal.timeout(2000) });
if (!response.ok) { process.stderr.write(String(response.status)); process.exit(1); }
process.stdout.write(await response.text());`;

/** One GET: from this process, or from inside a network namespace (a /run/netns file) by a Node.js there. */
async function httpGet(url: string, namespace: string | null): Promise<string> {
	if (namespace === null) {
		const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
		if (!response.ok) throw new Error(`HTTP ${response.status}`);
		return response.text();
	}
	const result = await execa('nsenter', [`--net=${namespace}`, '--', process.execPath, '--input-type=module', '-e', getScript, url], {
		reject: false,
		timeout: 10_000,
		// The body as served, final newline and all.
		stripFinalNewline: false,
	});
	if (result.exitCode !== 0) throw new Error(`GET ${url} in ${namespace}: ${result.stderr}`);
	return result.stdout;
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
