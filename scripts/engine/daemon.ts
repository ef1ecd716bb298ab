import { mkdir, readdir, readFile, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import { ping } from './api.js';
import { engineClient, enginePaths, networkSettings, type EnginePaths } from './paths.js';
import { mirrorUrl } from './mirror.js';
import { alivePid, isAlive, spawnDaemon, stopByPidfile, tail, waitFor } from './proc.js';

export function dockerHost(paths: EnginePaths = enginePaths()): string {
  return `unix://${paths.socket}`;
}

/** The environment scenarios and the engine's own calls use: our socket, BuildKit, our client first on PATH. */
export function engineEnv(host: string, paths: EnginePaths = enginePaths()): Record<string, string> {
  const path = process.env['PATH'] ?? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
  return { DOCKER_HOST: host, DOCKER_BUILDKIT: '1', PATH: `${paths.bin}:${path}` };
}

/** A directory holding only `docker` -> Debian's client, so it wins over any newer client on PATH. */
export async function ensureClientBin(paths: EnginePaths = enginePaths()): Promise<void> {
  await mkdir(paths.bin, { recursive: true });
  const link = `${paths.bin}/docker`;
  const current = await readlink(link).catch(() => null);
  if (current === engineClient) return;
  await rm(link, { force: true });
  await symlink(engineClient, link);
}

export async function daemonAnswers(host: string): Promise<boolean> {
  return ping(host);
}

export async function daemonRunning(paths: EnginePaths = enginePaths()): Promise<number | null> {
  return alivePid(paths.dockerdPid);
}

function daemonConfig(paths: EnginePaths, mtu: number): string {
  const network = networkSettings();
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
      mtu,
      'default-address-pools': [network.addressPool],
      'registry-mirrors': [mirrorUrl()],
      'storage-driver': 'overlay2',
      // Own namespaces, so sharing a system containerd (if dockerd picks one) never mixes containers.
      'containerd-namespace': 'layerbook',
      features: { buildkit: true },
      'log-level': 'warn',
    },
    null,
    2,
  );
}

/** Starts our dockerd unless it already runs; returns whether this call started it. */
export async function startDaemon(mtu: number, progress: (line: string) => void): Promise<boolean> {
  const paths = enginePaths();
  const host = dockerHost(paths);
  if ((await daemonRunning(paths)) !== null && (await daemonAnswers(host))) return false;
  // Leftovers of a crashed run: a stuck dockerd, its containerd, a stale socket.
  await stopDaemon();
  await mkdir(paths.dataRoot, { recursive: true });
  await mkdir(paths.execRoot, { recursive: true });
  await writeFile(paths.daemonConfig, daemonConfig(paths, mtu));
  progress(`daemon: starting dockerd (data root ${paths.dataRoot}, socket ${paths.socket})`);
  const pid = await spawnDaemon('/usr/sbin/dockerd', ['--config-file', paths.daemonConfig], { log: paths.dockerdLog });
  try {
    await waitFor('dockerd', () => daemonAnswers(host), { timeoutMs: 60_000, intervalMs: 250, alive: () => isAlive(pid) });
  } catch (error) {
    const log = await tail(paths.dockerdLog);
    await stopDaemon();
    throw new Error(`dockerd did not start:\n${log}`, { cause: error });
  }
  return true;
}

export async function stopDaemon(): Promise<void> {
  const paths = enginePaths();
  // dockerd stops its containers and its own containerd when it gets SIGTERM.
  await stopByPidfile(paths.dockerdPid, 30_000);
  await stopByPidfile(paths.containerdPid, 10_000);
  await stopStrayShims(paths);
  await rm(paths.socket, { force: true });
}

/** containerd shims of ours that outlived their containerd: found by our own exec root in their command line. */
async function stopStrayShims(paths: EnginePaths): Promise<void> {
  const marker = `${paths.execRoot}/containerd/`;
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const cmdline = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    if (cmdline.includes(marker) && Number(entry) !== process.pid) {
      try {
        process.kill(Number(entry), 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
}
