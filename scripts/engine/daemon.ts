/** The engine's own dockerd: its configuration, its client and the environment chapters run with, started and stopped. */
import { mkdir, readFile, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { apiDo, apiJson, ping } from './api.ts';
import { engineRoot, type EngineRoot } from './packages.ts';
import type { EngineConfig } from './config.ts';
import { acquireLock } from '../host/lock.ts';
import { engineNetwork, type EnginePaths } from './paths.ts';
import { mirrorUrl } from './mirror.ts';
import { inNamespace, namespacePath, slirp } from './network.ts';
import { allPids, commandLine, isAlive } from '../host/proc.ts';
import { alivePid, spawnDaemon, stopByPidfile, tail, waitFor } from './proc.ts';
import type { EngineTools } from './tools.ts';

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
function clientConfig(root: EngineRoot): string {
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

export function daemonConfig(config: EngineConfig, paths: EnginePaths): string {
	const root = engineRoot(paths.cacheRoot);
	return JSON.stringify(
		{
			'data-root': paths.dataRoot,
			'exec-root': paths.execRoot,
			pidfile: paths.dockerdPid,
			hosts: [dockerHost(paths)],
			// In its own network namespace (network.ts) dockerd keeps its bridge and iptables rules
			// as it does on any machine; none of it reaches the host's.
			bip: engineNetwork.bridgeAddress,
			'default-address-pools': [engineNetwork.addressPool],
			ip6tables: false,
			'userland-proxy-path': root.dockerProxy,
			// Published ports bind the namespace's loopback unless a chapter names an address.
			ip: '127.0.0.1',
			// slirp4netns's forwarder to the host's resolver, which may be a loopback one (127.0.0.53).
			dns: [slirp.dns],
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

/**
 * The proxy dockerd's own registry calls go through: a name that never resolves, so a pull the
 * mirror cannot serve fails at once, saying why, instead of falling back to Docker Hub. Loopback
 * (the mirror, a chapter's `localhost:5000`) is never proxied.
 */
export const offlineProxy = 'http://pulls-go-to-the-layerbook-mirror-only.invalid:9';

/** Starts our dockerd unless it already runs; returns whether this call started it. */
export async function startDaemon(
	config: EngineConfig,
	paths: EnginePaths,
	tools: EngineTools,
	progress: (line: string) => void,
	chapterWaitMs = 60 * 60_000,
): Promise<boolean> {
	const host = dockerHost(paths);
	const wanted = daemonConfig(config, paths);
	let chapterLock: { release(): Promise<void> } | undefined;
	try {
		if ((await daemonRunning(paths)) !== null && (await daemonAnswers(host))) {
			// Running with the settings asked for: nothing to do. Running with others (the other image
			// store, say): restarted with these, but never under a chapter another process is running.
			if ((await readFile(paths.daemonConfig, 'utf8').catch(() => '')) === wanted) return false;
			chapterLock = await acquireLock(paths.chapterLock, {
				what: `restarting dockerd with the ${config.imageStore} image store`,
				timeoutMs: chapterWaitMs,
				onWait: (holder) => progress(`daemon: waiting for process ${holder}, which is running a chapter on this engine, before restarting dockerd`),
			});
			progress(`daemon: restarting dockerd with the ${config.imageStore} image store and the current settings`);
		}
		// Leftovers of a crashed run: a stuck dockerd, its containerd, a stale socket.
		await stopDaemon(paths);
		await mkdir(paths.dataRoot, { recursive: true });
		await mkdir(paths.execRoot, { recursive: true });
		await writeFile(paths.daemonConfig, wanted);
		progress(`daemon: starting dockerd (data root ${paths.dataRoot}, socket ${paths.socket})`);
		const root = engineRoot(paths.cacheRoot);
		// dockerd finds containerd, its shim and docker-init on PATH (the unpacked ones), then the unpacked runc.
		const env = {
			...process.env,
			PATH: `${[...root.pathDirs, ...tools.pathDirs].join(':')}:${systemPath}`,
			HTTP_PROXY: offlineProxy,
			HTTPS_PROXY: offlineProxy,
			NO_PROXY: '127.0.0.1,localhost,::1',
		};
		const [file, args] = inNamespace(namespacePath(config), root.dockerd, ['--config-file', paths.daemonConfig]);
		const pid = await spawnDaemon(file, args, { log: paths.dockerdLog, env });
		try {
			await waitFor('dockerd', () => daemonAnswers(host), { timeoutMs: 60_000, intervalMs: 250, alive: () => isAlive(pid) });
		} catch (error) {
			const log = await tail(paths.dockerdLog);
			await stopDaemon(paths);
			throw new Error(`dockerd did not start:\n${log}`, { cause: error });
		}
		return true;
	} finally {
		await chapterLock?.release();
	}
}

export async function stopDaemon(paths: EnginePaths): Promise<void> {
	// Containers first, each given a few seconds: dockerd would wait out a long --stop-timeout,
	// outlast our grace period and be killed, and its shims with it, leaving the containers'
	// processes running with no one to stop them.
	const containers = await stopContainers(dockerHost(paths));
	// dockerd stops its own containerd when it gets SIGTERM.
	await stopByPidfile(paths.dockerdPid, 30_000, 'dockerd');
	await stopByPidfile(paths.containerdPid, 10_000, 'containerd');
	await stopStrayShims(paths);
	await killContainerProcesses(containers);
	await rm(paths.socket, { force: true });
}

const runningSchema = z.array(z.object({ Id: z.string() }));

/** Stops every running container through the API (5 s each, side by side); returns their ids. */
async function stopContainers(host: string): Promise<string[]> {
	if (!(await daemonAnswers(host))) return [];
	try {
		const ids = runningSchema.parse(await apiJson(host, '/containers/json')).map((c) => c.Id);
		await Promise.all(ids.map((id) => apiDo(host, 'POST', `/containers/${id}/stop?t=5`, 30_000).catch(() => undefined)));
		return ids;
	} catch {
		return [];
	}
}

/** Any process still in one of these containers' cgroups (found in /proc/<pid>/cgroup): SIGKILL. */
async function killContainerProcesses(ids: readonly string[]): Promise<void> {
	if (ids.length === 0) return;
	for (const pid of await allPids()) {
		const cgroup = await readFile(`/proc/${pid}/cgroup`, 'utf8').catch(() => '');
		if (pid !== process.pid && ids.some((id) => cgroup.includes(id))) {
			try {
				process.kill(pid, 'SIGKILL');
			} catch {
				// already gone
			}
		}
	}
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
