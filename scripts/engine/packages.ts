/**
 * The engine's Docker: Debian's packages from its development suite ("sid") at pinned versions,
 * unpacked under the cache (debian.ts), never installed into the host's package set.
 */
import { join } from 'node:path';
import type { EngineConfig } from './config.ts';
import { type DebianPackage, type DebianSet, ensureSet, offeredIn, setKey } from './debian.ts';

export { PinnedVersionMissingError } from './debian.ts';

/*
 * Each package needs only glibc >= 2.34; sid's runc needs 2.38, so runc comes from the host's own
 * release (tools.ts), unpacked the same way. To move to a newer Docker, change the versions below
 * (`npm run engine -- offered` lists what the archive has), then record the chapters again.
 */
export const engineSuite = 'sid';
export const enginePackages = [
	{ name: 'docker.io', version: '28.5.2+dfsg4-5' },
	{ name: 'docker-cli', version: '28.5.2+dfsg4-5' },
	{ name: 'docker-buildx', version: '0.29.1+ds1-4' },
	{ name: 'docker-compose', version: '2.40.3-3' },
	{ name: 'containerd', version: '2.1.9+ds1-5' },
	{ name: 'tini-static', version: '0.19.0-6+b2' },
] as const;

export interface EnginePackage extends DebianPackage {
	version: string;
}

/** Where the unpacked packages live, one folder per set of pinned versions. */
export interface EngineRoot {
	root: string;
	dockerd: string;
	client: string;
	dockerProxy: string;
	pluginsDir: string;
	/** PATH entries for dockerd: its containerd, shim and docker-init (runc comes from the engine's tools). */
	pathDirs: string[];
}

function pinsKey(packages: readonly EnginePackage[]): string {
	return setKey([engineSuite, ...packages.map((p) => `${p.name}=${p.version}`)]);
}

function engineSet(cacheRoot: string, packages: readonly EnginePackage[]): DebianSet {
	return { label: 'engine packages', suites: [engineSuite], packages, dir: join(cacheRoot, 'engine'), key: pinsKey(packages) };
}

export function engineRoot(cacheRoot: string, packages: readonly EnginePackage[] = enginePackages): EngineRoot {
	const root = join(cacheRoot, 'engine', pinsKey(packages), 'root');
	return {
		root,
		dockerd: join(root, 'usr/sbin/dockerd'),
		client: join(root, 'usr/bin/docker'),
		dockerProxy: join(root, 'usr/sbin/docker-proxy'),
		pluginsDir: join(root, 'usr/libexec/docker/cli-plugins'),
		pathDirs: [join(root, 'usr/sbin'), join(root, 'usr/bin')],
	};
}

/** Refreshes the private index and lists the versions offered for each pinned package. */
export async function offered(config: Pick<EngineConfig, 'cacheRoot' | 'debianMirror'>, progress: (line: string) => void): Promise<Map<string, string[]>> {
	return offeredIn(config.cacheRoot, config.debianMirror, engineSet(config.cacheRoot, enginePackages), progress);
}

/**
 * Makes sure the pinned packages are unpacked under the cache; fetches and checks them the first
 * time. Fails, naming the versions on offer, when the archive no longer has a pinned one.
 */
export async function ensureEnginePackages(
	config: Pick<EngineConfig, 'cacheRoot' | 'debianMirror'>,
	progress: (line: string) => void,
	packages: readonly EnginePackage[] = enginePackages,
): Promise<EngineRoot> {
	await ensureSet(config.cacheRoot, config.debianMirror, engineSet(config.cacheRoot, packages), progress);
	return engineRoot(config.cacheRoot, packages);
}
