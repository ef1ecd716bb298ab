import { createHash } from 'node:crypto';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { engineRoot } from './packages.ts';

/*
 * Several engines can run side by side on one host, each an "instance" with its own data root,
 * runtime dir, bridge, subnet and mirror port: the default one for people and the examples, and
 * e.g. `LAYERBOOK_INSTANCE=test` for the engine's own tests, which reset and stop their engine.
 */
export function instanceName(env: NodeJS.ProcessEnv = process.env): string | null {
	const name = env['LAYERBOOK_INSTANCE'];
	if (name === undefined || name === '') return null;
	// The name goes into iptables chains (`LAYERBOOK-<name>-POSTROUTING`), which allow 28 characters.
	if (!/^[a-z0-9]{1,6}$/.test(name)) throw new Error(`LAYERBOOK_INSTANCE must be 1-6 lowercase letters or digits, not ${JSON.stringify(name)}`);
	return name;
}

/** 0 for the default instance, 1..40 for a named one. */
function instanceSlot(env: NodeJS.ProcessEnv): number {
	const name = instanceName(env);
	if (name === null) return 0;
	return 1 + (createHash('sha256').update(name).digest().readUInt16BE(0) % 40);
}

/** Where the engine keeps things. Computed on each call so a benchmark can point XDG_CACHE_HOME elsewhere. */
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
	/** Holds a `docker` symlink to the engine's own client, put first on PATH. */
	bin: string;
	/** The client's config folder for the engine's own calls and `engine env`: names the CLI plugins. */
	clientConfig: string;
	lock: string;
	vettedExternal: string;
}

export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
	const xdg = env['XDG_CACHE_HOME'];
	return join(xdg !== undefined && xdg !== '' ? xdg : join(homedir(), '.cache'), 'layerbook');
}

export function runtimeRoot(env: NodeJS.ProcessEnv = process.env): string {
	const override = env['LAYERBOOK_RUNTIME_DIR'];
	if (override !== undefined && override !== '') return override;
	const uid = process.getuid?.() ?? 0;
	const suffix = instanceName(env) === null ? '' : `-${instanceName(env)}`;
	return uid === 0 ? `/run/layerbook${suffix}` : `/tmp/layerbook${suffix}-${uid}`;
}

export function instanceCache(root: string, instance: string | null): string {
	return instance === null ? root : join(root, 'instances', instance);
}

export function enginePaths(env: NodeJS.ProcessEnv = process.env): EnginePaths {
	const root = cacheRoot(env);
	const cache = instanceCache(root, instanceName(env));
	const runtime = runtimeRoot(env);
	const execRoot = join(runtime, 'exec');
	return {
		cache,
		cacheRoot: root,
		// One data root per image store, so the classic and containerd stores never mix images.
		dataRoot: join(cache, 'stores', 'containerd'),
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
		bin: join(runtime, 'bin'),
		clientConfig: join(runtime, 'client'),
		lock: join(runtime, 'lock'),
		vettedExternal: join(runtime, 'vetted-external.json'),
	};
}

export interface NetworkSettings {
	bridge: string;
	bridgeAddress: string;
	/** Everything the engine's containers may use: the bridge plus pools for `docker network create`. */
	supernet: string;
	addressPool: { base: string; size: number };
	/** Prefix of our own iptables chains. */
	chain: string;
}

/** A bridge and subnets of our own (10.213.0.0/16, far from Docker's 172.17+ defaults) so the engine runs beside another dockerd. */
export function networkSettings(env: NodeJS.ProcessEnv = process.env): NetworkSettings {
	const name = instanceName(env);
	const octet = 213 + instanceSlot(env);
	return {
		bridge: name === null ? 'layerbook0' : `lb-${name}`,
		bridgeAddress: `10.${octet}.0.1/24`,
		supernet: `10.${octet}.0.0/16`,
		addressPool: { base: `10.${octet}.128.0/17`, size: 24 },
		chain: name === null ? 'LAYERBOOK' : `LAYERBOOK-${name.toUpperCase()}`,
	};
}

export function mirrorPort(env: NodeJS.ProcessEnv = process.env): number {
	const raw = env['LAYERBOOK_MIRROR_PORT'];
	// Not 5000: the sharing chapter runs its own registry there.
	return raw !== undefined && raw !== '' ? Number(raw) : 47001 + instanceSlot(env);
}

/** The engine's own client (the unpacked docker-cli), matching the daemon's version. */
export function engineClient(env: NodeJS.ProcessEnv = process.env): string {
	return engineRoot(cacheRoot(env)).client;
}
