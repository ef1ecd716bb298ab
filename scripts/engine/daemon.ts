import { mkdir, readFile, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import { ping } from './api.ts';
import { engineRoot, type EngineRoot } from './packages.ts';
import type { EngineConfig } from './config.ts';
import { networkSettings, type EnginePaths } from './paths.ts';
import { mirrorUrl } from './mirror.ts';
import { allPids, commandLine } from '../host/proc.ts';
import { alivePid, isAlive, spawnDaemon, stopByPidfile, tail, waitFor } from './proc.ts';

export function dockerHost(paths: EnginePaths): string {
	return `unix://${paths.socket}`;
}

const systemPath = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/**
 * The environment chapters and the engine's own calls use: our socket, our client first on PATH,
 * and a client config that names the unpacked buildx and compose plugins (a chapter copies it
 * into its own DOCKER_CONFIG).
 */
export function engineEnv(host: string, paths: EnginePaths, path = systemPath): Record<string, string> {
	return { DOCKER_HOST: host, DOCKER_CONFIG: paths.clientConfig, PATH: `${paths.bin}:${path}` };
}

/** The client's config: only `cliPluginsExtraDirs`, so `docker buildx` and `docker compose` are the unpacked plugins. */
export function clientConfig(root: EngineRoot): string {
	return `${JSON.stringify({ cliPluginsExtraDirs: [root.pluginsDir] }, null, 2)}\n`;
}

/**
 * A directory holding only `docker` -> the unpacked client, so it wins over any other client on
 * PATH, and the client config beside it.
 */
export async function ensureClientBin(paths: EnginePaths): Promise<void> {
	const root = engineRoot(paths.cacheRoot);
	await mkdir(paths.bin, { recursive: true });
	await mkdir(paths.clientConfig, { recursive: true });
	await writeFile(`${paths.clientConfig}/config.json`, clientConfig(root));
	const link = `${paths.bin}/docker`;
	const current = await readlink(link).catch(() => null);
	if (current === root.client) return;
	await rm(link, { force: true });
	await symlink(root.client, link);
}

export async function daemonAnswers(host: string): Promise<boolean> {
	return ping(host);
}

export async function daemonRunning(paths: EnginePaths): Promise<number | null> {
	return alivePid(paths.dockerdPid, 'dockerd');
}

export function daemonConfig(config: EngineConfig, paths: EnginePaths, mtu: number): string {
	const network = networkSettings(config);
	const root = engineRoot(paths.cacheRoot);
	return JSON.stringify(
		{
			'data-root': paths.dataRoot,
			'exec-root': paths.execRoot,
			pidfile: paths.dockerdPid,
			hosts: [dockerHost(paths)],
			bridge: network.bridge,
			// See network.ts: the engine keeps its own chains instead of sharing dockerd's.
			iptables: false,
			'ip-masq': false,
			'ip-forward': true,
			'userland-proxy': true,
			'userland-proxy-path': root.dockerProxy,
			// Published ports bind loopback unless a chapter names an address: a run exposes nothing
			// beyond this machine (a chapter's registry:2 accepts pushes).
			ip: '127.0.0.1',
			mtu,
			'default-address-pools': [network.addressPool],
			'registry-mirrors': [mirrorUrl(config)],
			// Own namespaces, so sharing a system containerd (if dockerd picks one) never mixes containers.
			'containerd-namespace': 'layerbook',
			// The containerd image store, as new installs of Engine 29 and Docker Desktop have it, or
			// the classic overlay2 store that upgraded machines and many servers keep.
			features: { 'containerd-snapshotter': config.imageStore === 'containerd' },
			'log-level': 'warn',
		},
		null,
		2,
	);
}

/** Starts our dockerd unless it already runs; returns whether this call started it. */
export async function startDaemon(config: EngineConfig, paths: EnginePaths, mtu: number, progress: (line: string) => void): Promise<boolean> {
	const host = dockerHost(paths);
	const wanted = daemonConfig(config, paths, mtu);
	if ((await daemonRunning(paths)) !== null && (await daemonAnswers(host))) {
		// Running with the settings asked for: nothing to do. Running with others (the other image
		// store, say): restarted with these; each store keeps its own data root, so nothing mixes.
		if ((await readFile(paths.daemonConfig, 'utf8').catch(() => '')) === wanted) return false;
		progress(`daemon: restarting dockerd with the ${config.imageStore} image store and the current settings`);
	}
	// Leftovers of a crashed run: a stuck dockerd, its containerd, a stale socket.
	await stopDaemon(paths);
	await mkdir(paths.dataRoot, { recursive: true });
	await mkdir(paths.execRoot, { recursive: true });
	await writeFile(paths.daemonConfig, wanted);
	progress(`daemon: starting dockerd (data root ${paths.dataRoot}, socket ${paths.socket})`);
	const root = engineRoot(paths.cacheRoot);
	// dockerd finds containerd, its shim and docker-init on PATH: the unpacked ones, then the host's runc.
	const env = { ...process.env, PATH: `${root.pathDirs.join(':')}:${systemPath}` };
	const pid = await spawnDaemon(root.dockerd, ['--config-file', paths.daemonConfig], { log: paths.dockerdLog, env });
	try {
		await waitFor('dockerd', () => daemonAnswers(host), { timeoutMs: 60_000, intervalMs: 250, alive: () => isAlive(pid) });
	} catch (error) {
		const log = await tail(paths.dockerdLog);
		await stopDaemon(paths);
		throw new Error(`dockerd did not start:\n${log}`, { cause: error });
	}
	return true;
}

export async function stopDaemon(paths: EnginePaths): Promise<void> {
	// dockerd stops its containers and its own containerd when it gets SIGTERM.
	await stopByPidfile(paths.dockerdPid, 30_000, 'dockerd');
	await stopByPidfile(paths.containerdPid, 10_000, 'containerd');
	await stopStrayShims(paths);
	await rm(paths.socket, { force: true });
}

/** containerd shims of ours that outlived their containerd: found by our own exec root in their command line. */
async function stopStrayShims(paths: EnginePaths): Promise<void> {
	const marker = `${paths.execRoot}/containerd/`;
	for (const pid of await allPids()) {
		const cmdline = (commandLine(pid) ?? []).join(' ');
		if (cmdline.includes(marker) && pid !== process.pid) {
			try {
				process.kill(pid, 'SIGKILL');
			} catch {
				// already gone
			}
		}
	}
}
