import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { exists } from '../host/fs.ts';
import type { EngineConfig } from './config.ts';

/*
 * The engine is Docker as Debian packages it in its development suite ("sid"), fetched with a
 * private apt state, checked against the archive's signed index, and unpacked under the cache: it
 * is never installed into the host's package set. Each package needs only glibc >= 2.34; sid's
 * runc needs 2.38, so the host's own runc runs the containers.
 *
 * To move to a newer Docker, change the versions below (`npm run engine -- offered` lists what the
 * archive has), then record the chapters again.
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

export interface EnginePackage {
	name: string;
	version: string;
}

/** Where the unpacked packages live, one folder per set of pinned versions. */
export interface EngineRoot {
	root: string;
	dockerd: string;
	client: string;
	dockerProxy: string;
	pluginsDir: string;
	/** PATH entries for dockerd: its containerd, shim and docker-init before the host's runc. */
	pathDirs: string[];
}

export function pinsKey(packages: readonly EnginePackage[] = enginePackages): string {
	const text = packages.map((p) => `${p.name}=${p.version}`).join('\n');
	return createHash('sha256').update(`${engineSuite}\n${text}`).digest('hex').slice(0, 12);
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

export class PinnedVersionMissingError extends Error {}

/** A private apt state: its own sources list, lists, cache and an empty status, so the host's apt is untouched. */
function aptOptions(dir: string): string[] {
	return [
		'-o',
		`Dir::State::Lists=${join(dir, 'lists')}`,
		'-o',
		`Dir::State::status=${join(dir, 'status')}`,
		'-o',
		`Dir::Etc::SourceList=${join(dir, 'sources.list')}`,
		'-o',
		`Dir::Etc::SourceParts=${join(dir, 'sources.list.d')}`,
		'-o',
		`Dir::Etc::Preferences=${join(dir, 'preferences')}`,
		'-o',
		`Dir::Etc::PreferencesParts=${join(dir, 'preferences.d')}`,
		'-o',
		`Dir::Cache=${join(dir, 'cache')}`,
		'-o',
		'APT::Architecture=amd64',
		'-o',
		'Debug::NoLocking=1',
		// Downloads land in a folder of ours, which apt's unprivileged `_apt` user cannot write.
		'-o',
		'APT::Sandbox::User=root',
	];
}

async function prepareApt(dir: string, mirror: string): Promise<void> {
	for (const sub of ['lists/partial', 'cache/archives/partial', 'sources.list.d', 'preferences.d']) {
		await mkdir(join(dir, sub), { recursive: true });
	}
	await writeFile(join(dir, 'status'), '');
	await writeFile(join(dir, 'sources.list'), `deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] ${mirror} ${engineSuite} main\n`);
}

/** The archive's index entry for name=version: its SHA256, or null when the archive does not offer that version. */
async function indexEntry(opts: string[], p: EnginePackage): Promise<{ sha256: string; filename: string } | null> {
	const shown = await execa('apt-cache', [...opts, 'show', `${p.name}=${p.version}`], { reject: false });
	if (shown.exitCode !== 0) return null;
	const sha256 = /^SHA256: ([0-9a-f]{64})$/m.exec(shown.stdout)?.[1];
	const filename = /^Filename: (\S+)$/m.exec(shown.stdout)?.[1];
	if (sha256 === undefined || filename === undefined) return null;
	return { sha256, filename };
}

/** The versions of a package the archive offers, newest first. */
async function offeredVersions(opts: string[], name: string): Promise<string[]> {
	const result = await execa('apt-cache', [...opts, 'madison', name], { reject: false });
	return result.stdout
		.split('\n')
		.map((line) => line.split('|')[1]?.trim() ?? '')
		.filter((v) => v !== '');
}

async function sha256Of(path: string): Promise<string> {
	const hash = createHash('sha256');
	for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
	return hash.digest('hex');
}

/** Refreshes the private index and lists the versions offered for each pinned package. */
export async function offered(config: Pick<EngineConfig, 'cacheRoot' | 'debianMirror'>, progress: (line: string) => void): Promise<Map<string, string[]>> {
	const aptDir = join(config.cacheRoot, 'engine', 'apt');
	await prepareApt(aptDir, config.debianMirror);
	const opts = aptOptions(aptDir);
	progress(`engine packages: reading Debian ${engineSuite}'s index from ${config.debianMirror}`);
	await execa('apt-get', [...opts, '-q', 'update']);
	const result = new Map<string, string[]>();
	for (const p of enginePackages) result.set(p.name, await offeredVersions(opts, p.name));
	return result;
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
	const { cacheRoot, debianMirror } = config;
	const target = engineRoot(cacheRoot, packages);
	const complete = join(target.root, '..', 'complete');
	if (await exists(complete)) return target;
	const started = Date.now();
	const aptDir = join(cacheRoot, 'engine', 'apt');
	await prepareApt(aptDir, debianMirror);
	const opts = aptOptions(aptDir);
	progress(`engine packages: reading Debian ${engineSuite}'s index from ${debianMirror}`);
	try {
		await execa('apt-get', [...opts, '-q', 'update']);
	} catch (error) {
		throw new Error(`could not read Debian ${engineSuite}'s package index from ${debianMirror}`, { cause: error });
	}
	const entries = new Map<string, { sha256: string; filename: string }>();
	const absent: string[] = [];
	for (const p of packages) {
		const entry = await indexEntry(opts, p);
		if (entry === null) {
			const versions = await offeredVersions(opts, p.name);
			absent.push(`${p.name} ${p.version} (the archive offers: ${versions.length > 0 ? versions.join(', ') : 'none'})`);
		} else entries.set(p.name, entry);
	}
	if (absent.length > 0) {
		throw new PinnedVersionMissingError(
			`Debian ${engineSuite} no longer offers the engine's pinned ${absent.join('; ')}. ` +
				'Pin an offered version in scripts/engine/packages.ts and record the chapters again.',
		);
	}
	const downloads = join(cacheRoot, 'downloads', 'engine');
	await mkdir(downloads, { recursive: true });
	const staging = `${target.root}.partial-${process.pid}`;
	await rm(staging, { recursive: true, force: true });
	await mkdir(staging, { recursive: true });
	try {
		for (const p of packages) {
			const entry = entries.get(p.name);
			if (entry === undefined) continue;
			const file = join(downloads, entry.filename.split('/').pop() ?? `${p.name}.deb`);
			if (!(await exists(file)) || (await sha256Of(file)) !== entry.sha256) {
				progress(`engine packages: downloading ${p.name} ${p.version}`);
				await rm(file, { force: true });
				await execa('apt-get', [...opts, '-q', 'download', `${p.name}=${p.version}`], { cwd: downloads });
			}
			const actual = await sha256Of(file);
			if (actual !== entry.sha256) {
				await rm(file, { force: true });
				throw new Error(`${file}: SHA256 ${actual} is not the archive index's ${entry.sha256}`);
			}
			progress(`engine packages: unpacking ${p.name} ${p.version} (SHA256 checked against the index)`);
			await execa('dpkg-deb', ['-x', file, staging]);
		}
		await rm(target.root, { recursive: true, force: true });
		await rename(staging, target.root);
	} catch (error) {
		await rm(staging, { recursive: true, force: true });
		throw new Error('could not fetch the engine packages', { cause: error });
	}
	await writeFile(complete, `${packages.map((p) => `${p.name}=${p.version}`).join('\n')}\n`);
	// Older pinned sets are of no use once a newer one is unpacked.
	const kept = new Set(['apt', pinsKey(packages)]);
	for (const entry of await readdir(join(cacheRoot, 'engine'))) {
		if (!kept.has(entry)) await rm(join(cacheRoot, 'engine', entry), { recursive: true, force: true });
	}
	progress(`engine packages: ready in ${Math.round((Date.now() - started) / 1000)} s under ${target.root}`);
	return target;
}
