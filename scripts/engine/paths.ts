import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where the engine keeps things. Computed on each call so a benchmark can point XDG_CACHE_HOME elsewhere. */
export interface EnginePaths {
  /** Persistent: data root, mirror storage, downloads, stand-in state. */
  cache: string;
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
  return uid === 0 ? '/run/layerbook' : `/tmp/layerbook-${uid}`;
}

export function enginePaths(env: NodeJS.ProcessEnv = process.env): EnginePaths {
  const cache = cacheRoot(env);
  const runtime = runtimeRoot(env);
  const execRoot = join(runtime, 'exec');
  return {
    cache,
    dataRoot: join(cache, 'docker'),
    mirrorDir: join(cache, 'mirror'),
    mirrorStorage: join(cache, 'mirror', 'storage'),
    mirrorConfig: join(cache, 'mirror', 'config.yml'),
    downloads: join(cache, 'downloads'),
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
    lock: join(runtime, 'lock'),
    vettedExternal: join(runtime, 'vetted-external.json'),
  };
}

/** Network settings: a bridge and subnets of our own so the engine can run beside another dockerd. */
export const network = {
  bridge: 'layerbook0',
  bridgeAddress: '10.213.0.1/24',
  /** Everything the engine's containers may use: the bridge plus pools for `docker network create`. */
  supernet: '10.213.0.0/16',
  addressPool: { base: '10.213.128.0/17', size: 24 },
  chain: 'LAYERBOOK',
} as const;

export function mirrorPort(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env['LAYERBOOK_MIRROR_PORT'];
  // Not 5000: the sharing chapter runs its own registry there.
  return raw !== undefined && raw !== '' ? Number(raw) : 47001;
}

/** The engine's own client (Debian's docker.io), matching the daemon's version. */
export const engineClient = '/usr/bin/docker';
