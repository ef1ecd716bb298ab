import { access, constants, readFile, rm, writeFile } from 'node:fs/promises';
import { execa } from 'execa';

/** Each tool the engine runs, where Debian puts it, and the package that ships it. */
const tools = [
  { tool: 'dockerd', path: '/usr/sbin/dockerd', pkg: 'docker.io' },
  { tool: 'docker (the engine client)', path: '/usr/bin/docker', pkg: 'docker.io' },
  { tool: 'docker-proxy', path: '/usr/sbin/docker-proxy', pkg: 'docker.io' },
  { tool: 'containerd', path: '/usr/bin/containerd', pkg: 'containerd' },
  { tool: 'runc', path: '/usr/sbin/runc', pkg: 'runc' },
  { tool: 'docker-registry', path: '/usr/bin/docker-registry', pkg: 'docker-registry' },
  { tool: 'debootstrap', path: '/usr/sbin/debootstrap', pkg: 'debootstrap' },
  { tool: 'iptables', path: '/usr/sbin/iptables', pkg: 'iptables' },
  { tool: 'ip', path: '/usr/sbin/ip', pkg: 'iproute2' },
] as const;

async function exists(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export async function missingTools(): Promise<{ tool: string; path: string; pkg: string }[]> {
  const missing = [];
  for (const t of tools) if (!(await exists(t.path))) missing.push(t);
  return missing;
}

async function isDebianLike(): Promise<boolean> {
  try {
    const text = await readFile('/etc/os-release', 'utf8');
    return /^(ID|ID_LIKE)=.*\b(debian|ubuntu)\b/m.test(text);
  } catch {
    return false;
  }
}

export class MissingToolsError extends Error {}

/**
 * Installs what the engine needs with apt-get where that is possible (root on Debian/Ubuntu);
 * anywhere else says exactly what to install.
 */
export async function ensureHostTools(progress: (line: string) => void, signal?: AbortSignal): Promise<void> {
  const missing = await missingTools();
  if (missing.length === 0) return;
  const packages = [...new Set(missing.map((t) => t.pkg))];
  const names = missing.map((t) => `${t.tool} (${t.path})`).join(', ');
  const root = process.getuid?.() === 0;
  if (!root || !(await isDebianLike())) {
    throw new MissingToolsError(
      `the engine needs ${names}. ` +
        (root
          ? `This host is not Debian or Ubuntu: install the equivalents of the Debian packages ${packages.join(' ')}.`
          : `Run as root to have them installed, or install them yourself: sudo apt-get install ${packages.join(' ')}`),
    );
  }
  progress(`host tools: installing ${packages.join(' ')} with apt-get (missing: ${names})`);
  // Keep the packages' maintainer scripts from starting a system-wide dockerd or registry:
  // the engine runs its own, and must not leave a daemon nobody asked for.
  const policy = '/usr/sbin/policy-rc.d';
  const ownPolicy = !(await exists(policy));
  if (ownPolicy) await writeFile(policy, '#!/bin/sh\n# written by layerbook engine during apt-get install\nexit 101\n', { mode: 0o755 });
  try {
    const env = { DEBIAN_FRONTEND: 'noninteractive' };
    const run = async (args: string[]): Promise<void> => {
      const child = execa('apt-get', args, { env, all: true, ...(signal ? { cancelSignal: signal } : {}) });
      for await (const line of child.iterable({ from: 'all' })) {
        if (/^(Get:|Setting up|Unpacking|Err|E:)/.test(line)) progress(`  apt: ${line}`);
      }
      await child;
    };
    await run(['update']);
    await run(['install', '-y', '--no-install-recommends', ...packages]);
  } catch (error) {
    throw new Error(`apt-get could not install ${packages.join(' ')}`, { cause: error });
  } finally {
    if (ownPolicy) await rm(policy, { force: true });
  }
  const still = await missingTools();
  if (still.length > 0) throw new MissingToolsError(`still missing after apt-get: ${still.map((t) => t.path).join(', ')}`);
  progress('host tools: installed');
}
