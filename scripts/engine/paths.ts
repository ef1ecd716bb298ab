/** Where each engine instance keeps its data, runtime files and logs, and the addresses it uses. */
import { join } from 'node:path';
import type { EngineConfig } from './config.ts';

/*
 * Several engines can run side by side on one host, each an "instance": the default one for people
 * and the examples, and e.g. `LAYERBOOK_INSTANCE=test` for the engine's own tests, which reset and
 * stop their engine.
 */

/** Where the engine keeps things, from its config. */
export interface EnginePaths {
	/** Persistent: data root, mirror storage, stand-in state. */
	cache: string;
	/** The cache shared by every instance: downloads live here, and other instances' mirrors are found here. */
	cacheRoot: string;
	dataRoot: string;
	mirrorDir: string;
	mirrorStorage: string;
	mirrorConfig: string;
	downloads: string;
	buildContexts: string;
	standInState: string;
	/** Short-lived: sockets, pids, logs. Kept short because unix socket paths are limited to 108 bytes. */
	runtime: string;
	execRoot: string;
	socket: string;
	dockerdPid: string;
	dockerdLog: string;
	daemonConfig: string;
	containerdPid: string;
	mirrorPid: string;
	mirrorLog: string;
	slirpPid: string;
	slirpLog: string;
	/** Holds a `docker` symlink to the engine's own client, put first on PATH. */
	bin: string;
	/** The client's config folder for the engine's own calls and `engine env`: names the CLI plugins. */
	clientConfig: string;
	lock: string;
	/** Held by a chapter run from its first reset to its last: a restart of dockerd waits for it. */
	chapterLock: string;
	vettedExternal: string;
}

export function runtimeRoot(config: EngineConfig, uid = process.getuid?.() ?? 0): string {
	if (config.runtimeDir !== null) return config.runtimeDir;
	const suffix = config.instance === null ? '' : `-${config.instance}`;
	return uid === 0 ? `/run/layerbook${suffix}` : `/tmp/layerbook${suffix}-${uid}`;
}

export function instanceCache(root: string, instance: string | null): string {
	return instance === null ? root : join(root, 'instances', instance);
}

export function enginePaths(config: EngineConfig): EnginePaths {
	const root = config.cacheRoot;
	const cache = instanceCache(root, config.instance);
	const runtime = runtimeRoot(config);
	const execRoot = join(runtime, 'exec');
	return {
		cache,
		cacheRoot: root,
		// One data root per image store, so the classic and containerd stores never mix images.
		dataRoot: join(cache, 'stores', config.imageStore),
		mirrorDir: join(cache, 'mirror'),
		mirrorStorage: join(cache, 'mirror', 'storage'),
		mirrorConfig: join(cache, 'mirror', 'config.yml'),
		downloads: join(root, 'downloads'),
		buildContexts: join(cache, 'build'),
		standInState: join(cache, 'stand-ins.json'),
		runtime,
		execRoot,
		socket: join(runtime, 'docker.sock'),
		dockerdPid: join(runtime, 'dockerd.pid'),
		dockerdLog: join(runtime, 'dockerd.log'),
		daemonConfig: join(runtime, 'daemon.json'),
		// dockerd starts its own containerd and keeps its state under the exec root.
		containerdPid: join(execRoot, 'containerd', 'containerd.pid'),
		mirrorPid: join(runtime, 'mirror.pid'),
		mirrorLog: join(runtime, 'mirror.log'),
		slirpPid: join(runtime, 'slirp4netns.pid'),
		slirpLog: join(runtime, 'slirp4netns.log'),
		bin: join(runtime, 'bin'),
		clientConfig: join(runtime, 'client'),
		lock: join(runtime, 'lock'),
		chapterLock: join(runtime, 'engine-for-chapter.lock'),
		vettedExternal: join(runtime, 'vetted-external.json'),
	};
}

/**
 * The default bridge and the pools for `docker network create`, inside the engine's namespace:
 * 10.213.0.0/16, away from Docker's 172.17+ defaults and slirp4netns's 10.0.2.0/24.
 */
// Each instance's namespace has its own addresses and ports, so instances share these subnets and
// the mirror port and can never collide.
export const engineNetwork = {
	bridgeAddress: '10.213.0.1/24',
	addressPool: { base: '10.213.128.0/17', size: 24 },
} as const;

/** Not 5000: the sharing chapter runs its own registry there. Loopback of the engine's namespace. */
export function mirrorPort(config: Pick<EngineConfig, 'mirrorPort'>): number {
	return config.mirrorPort ?? 47001;
}
