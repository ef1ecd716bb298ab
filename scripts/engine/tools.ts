/**
 * The programs the engine runs beside its Docker, from the host's own Debian release so their glibc
 * fits (sid's runc needs glibc 2.38), unpacked under the cache like the engine's packages.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import type { EngineConfig } from './config.ts';
import { type DebianSet, ensureSet, setKey, setRoot } from './debian.ts';

export interface EngineTools {
	root: string;
	registry: string;
	debootstrap: string;
	/** debootstrap's scripts and functions, given to it as DEBOOTSTRAP_DIR. */
	debootstrapDir: string;
	slirp4netns: string;
	/** For slirp4netns: the unpacked libslirp (and glib, where the host has none). */
	libraryPath: string;
	/** PATH entries that put the unpacked runc (which dockerd finds on PATH) first. */
	pathDirs: string[];
}

/** The host's Debian release; bookworm on any other system (not tried there). */
export function hostRelease(osRelease = readOsRelease()): string {
	const id = /^ID=(.*)$/m.exec(osRelease)?.[1]?.replaceAll('"', '');
	const codename = /^VERSION_CODENAME=(.*)$/m.exec(osRelease)?.[1]?.replaceAll('"', '');
	return id === 'debian' && codename !== undefined && codename !== '' ? codename : 'bookworm';
}

function readOsRelease(): string {
	try {
		return readFileSync('/etc/os-release', 'utf8');
	} catch {
		return '';
	}
}

/** Asked once per process: every `up` and every debootstrap names the tools' folder, whose key depends on it. */
let glib: boolean | undefined;
function hostHasGlib(): boolean {
	if (glib === undefined) {
		try {
			glib = execFileSync('ldconfig', ['-p'], { encoding: 'utf8' }).includes('libglib-2.0.so.0');
		} catch {
			glib = false;
		}
	}
	return glib;
}

/**
 * runc, the mirror's docker-registry, debootstrap for the Debian stand-ins, and slirp4netns, the
 * user-mode network through which the engine's namespace reaches the package archives. Never
 * installed: Docker CE's containerd.io ships its own runc and conflicts with Debian's, so a
 * system-wide runc would uninstall a contributor's Docker.
 */
function toolsSet(cacheRoot: string, release = hostRelease(), withGlib = !hostHasGlib()): DebianSet {
	const names = ['runc', 'docker-registry', 'debootstrap', 'slirp4netns', 'libslirp0', ...(withGlib ? ['libglib2.0-0'] : [])];
	// sid and forky are one suite each; a stable release takes its point-release fixes from -updates.
	const suites = release === 'sid' ? ['sid'] : [release, `${release}-updates`];
	return {
		label: 'engine tools',
		suites,
		packages: names.map((name) => ({ name })),
		dir: join(cacheRoot, 'engine', 'tools'),
		key: setKey([...suites, ...names]),
	};
}

export function engineTools(cacheRoot: string): EngineTools {
	const root = setRoot(toolsSet(cacheRoot));
	const lib = join(root, 'usr/lib/x86_64-linux-gnu');
	return {
		root,
		registry: join(root, 'usr/bin/docker-registry'),
		debootstrap: join(root, 'usr/sbin/debootstrap'),
		debootstrapDir: join(root, 'usr/share/debootstrap'),
		slirp4netns: join(root, 'usr/bin/slirp4netns'),
		libraryPath: lib,
		pathDirs: [join(root, 'usr/sbin'), join(root, 'usr/bin')],
	};
}

export async function ensureEngineTools(config: Pick<EngineConfig, 'cacheRoot' | 'debianMirror'>, progress: (line: string) => void): Promise<EngineTools> {
	await ensureSet(config.cacheRoot, config.debianMirror, toolsSet(config.cacheRoot), progress);
	return engineTools(config.cacheRoot);
}
