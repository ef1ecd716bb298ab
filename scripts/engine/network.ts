/** The engine's network namespace, one per instance, and its way out to the package archives. */
import { execa } from 'execa';
import { exists } from '../host/fs.ts';
import type { EngineConfig } from './config.ts';
import type { EnginePaths } from './paths.ts';
import { isAlive } from '../host/proc.ts';
import { alivePid, spawnDaemon, stopByPidfile, tail, waitFor } from './proc.ts';
import type { EngineTools } from './tools.ts';

/*
 * dockerd, its containerd, the mirror and every chapter's shell run inside the namespace, with their
 * own loopback, bridge and netfilter tables: dockerd keeps its rules there as it normally does, the
 * host's iptables, ip_forward and routes are never touched, and nothing in the namespace is reachable
 * from the LAN (the host has no route into it). Published ports bind 127.0.0.1 of the namespace,
 * where the chapters' `curl` runs.
 */

/** slirp4netns's fixed addresses: the namespace's own, and its DNS forwarder to the host's resolver. */
export const slirp = { address: '10.0.2.100', dns: '10.0.2.3', device: 'tap0', mtu: 65_520 } as const;

/** `layerbook` for the default instance, `layerbook-<name>` for a named one: a file under /run/netns. */
export function namespaceName(config: Pick<EngineConfig, 'instance'>): string {
	return config.instance === null ? 'layerbook' : `layerbook-${config.instance}`;
}

export function namespacePath(config: Pick<EngineConfig, 'instance'>): string {
	return `/run/netns/${namespaceName(config)}`;
}

/** The command line that runs `file args` inside the namespace: only the network namespace changes, the files stay the host's. */
export function inNamespace(namespace: string, file: string, args: readonly string[] = []): [string, string[]] {
	return ['nsenter', [`--net=${namespace}`, '--', file, ...args]];
}

async function ip(args: string[], reject = true): Promise<boolean> {
	const result = await execa('ip', args, { reject: false });
	if (result.exitCode !== 0 && reject) throw new Error(`ip ${args.join(' ')} failed: ${result.stderr}`, { cause: result });
	return result.exitCode === 0;
}

export async function namespaceExists(config: Pick<EngineConfig, 'instance'>): Promise<boolean> {
	return exists(namespacePath(config));
}

async function slirpReady(name: string): Promise<boolean> {
	const shown = await execa('ip', ['-n', name, '-o', '-4', 'addr', 'show', 'dev', slirp.device], { reject: false });
	return shown.stdout.includes(`inet ${slirp.address}/`);
}

/**
 * The namespace and its way out, made if missing; seconds when both are there. The way out is
 * slirp4netns, the user-mode network rootless Docker uses: it forwards the namespace's outgoing
 * connections as ordinary sockets of the host, so the host needs no forwarding and no NAT rule.
 */
export async function setupNamespace(config: EngineConfig, paths: EnginePaths, tools: EngineTools, progress: (line: string) => void): Promise<void> {
	const name = namespaceName(config);
	if (!(await namespaceExists(config))) {
		progress(`network: creating the namespace ${name}`);
		await ip(['netns', 'add', name]);
	}
	await ip(['-n', name, 'link', 'set', 'lo', 'up']);
	if ((await alivePid(paths.slirpPid, 'slirp4netns')) !== null && (await slirpReady(name))) return;
	await stopByPidfile(paths.slirpPid, 5_000, 'slirp4netns');
	await ip(['-n', name, 'link', 'del', slirp.device], false);
	progress('network: starting slirp4netns (user-mode networking) for the way out');
	const pid = await spawnDaemon(
		tools.slirp4netns,
		// No host loopback: containers must not reach the contributor's own local services.
		['--configure', `--mtu=${slirp.mtu}`, '--disable-host-loopback', '--netns-type=path', namespacePath(config), slirp.device],
		{ log: paths.slirpLog, pidfile: paths.slirpPid, env: { ...process.env, LD_LIBRARY_PATH: tools.libraryPath } },
	);
	try {
		await waitFor('slirp4netns', () => slirpReady(name), { timeoutMs: 20_000, intervalMs: 100, alive: () => isAlive(pid) });
	} catch (error) {
		const log = await tail(paths.slirpLog);
		await stopByPidfile(paths.slirpPid, 5_000, 'slirp4netns');
		throw new Error(`the engine's network did not come up:\n${log}`, { cause: error });
	}
}

/** Once nothing of ours runs in it: stops slirp4netns and removes the namespace, and with it every bridge and rule dockerd made there. */
export async function teardownNamespace(config: EngineConfig, paths: EnginePaths): Promise<void> {
	await stopByPidfile(paths.slirpPid, 5_000, 'slirp4netns');
	if (await namespaceExists(config)) await ip(['netns', 'del', namespaceName(config)], false);
}

const fetchScript = `
const [url, method, accept] = process.argv.slice(1);
try {
	const response = await fetch(url, { method, headers: accept ? { Accept: accept } : {}, signal: AbortSignal.timeout(5000) });
	const body = method === 'HEAD' ? '' : await response.text();
	process.stdout.write(JSON.stringify({ status: response.status, digest: response.headers.get('docker-content-digest'), body }));
} catch {
	process.stdout.write(JSON.stringify({ status: 0, digest: null, body: '' }));
}`;

/**
 * An HTTP request from inside the namespace (the mirror listens on its loopback), by a short-lived
 * Node.js there: Node cannot enter a namespace itself. Status 0 when nothing answers.
 */
export async function fetchInNamespace(
	namespace: string,
	url: string,
	options: { method?: 'GET' | 'HEAD'; accept?: string } = {},
): Promise<{ status: number; digest: string | null; body: string }> {
	const [file, args] = inNamespace(namespace, process.execPath, ['--input-type=module', '-e', fetchScript, url, options.method ?? 'GET', options.accept ?? '']);
	const result = await execa(file, args, { reject: false, timeout: 15_000 });
	try {
		const parsed = JSON.parse(result.stdout) as { status: number; digest: string | null; body: string };
		return { status: parsed.status, digest: parsed.digest, body: parsed.body };
	} catch {
		return { status: 0, digest: null, body: '' };
	}
}
