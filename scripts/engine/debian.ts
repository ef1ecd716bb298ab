/**
 * Debian packages fetched with a private apt state and unpacked under the cache, never installed
 * into the host's package set: the engine's Docker (packages.ts) and the tools it runs beside it (tools.ts).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, readlink, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { exists } from '../host/fs.ts';
import { withHostLock } from '../host/lock.ts';
import { allPids } from '../host/proc.ts';

export interface DebianPackage {
	name: string;
	/** Unset: the version the suite offers now. */
	version?: string;
}

export interface DebianSet {
	/** What the set is, in progress lines: `engine packages`, `engine tools`. */
	label: string;
	/** `deb` lines' suites, e.g. `sid` or `bookworm bookworm-updates`, each with `main`. */
	suites: readonly string[];
	packages: readonly DebianPackage[];
	/** The folder holding this kind of set: `<dir>/<key>/root`, `<dir>/<key>/complete`. */
	dir: string;
	/** Names the set: when it changes, a new folder is unpacked. */
	key: string;
}

export class PinnedVersionMissingError extends Error {}

export function setKey(parts: readonly string[]): string {
	return createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 12);
}

export function setRoot(set: Pick<DebianSet, 'dir' | 'key'>): string {
	return join(set.dir, set.key, 'root');
}

/** A private apt state: its own sources list, lists, cache and an empty status, so the host's apt is untouched. */
function aptOptions(dir: string): string[] {
	const options: Record<string, string> = {
		'Dir::State::Lists': join(dir, 'lists'),
		'Dir::State::status': join(dir, 'status'),
		'Dir::Etc::SourceList': join(dir, 'sources.list'),
		'Dir::Etc::SourceParts': join(dir, 'sources.list.d'),
		'Dir::Etc::Preferences': join(dir, 'preferences'),
		'Dir::Etc::PreferencesParts': join(dir, 'preferences.d'),
		'Dir::Cache': join(dir, 'cache'),
		'APT::Architecture': 'amd64',
		// apt's own locks would need the host's dpkg lock; the flock around every use stands in.
		'Debug::NoLocking': '1',
		// Downloads land in a folder of ours, which apt's unprivileged `_apt` user cannot write.
		'APT::Sandbox::User': 'root',
	};
	return Object.entries(options).flatMap(([key, value]) => ['-o', `${key}=${value}`]);
}

/** One apt state per source list, so reading one set's index never disturbs another's. */
function aptDir(cacheRoot: string, suites: readonly string[]): string {
	return join(cacheRoot, 'engine', 'apt', setKey(suites));
}

async function prepareApt(dir: string, mirror: string, suites: readonly string[]): Promise<string[]> {
	for (const sub of ['lists/partial', 'cache/archives/partial', 'sources.list.d', 'preferences.d']) {
		await mkdir(join(dir, sub), { recursive: true });
	}
	await writeFile(join(dir, 'status'), '');
	const lines = suites.map((suite) => `deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] ${mirror} ${suite} main`);
	await writeFile(join(dir, 'sources.list'), `${lines.join('\n')}\n`);
	return aptOptions(dir);
}

/** The archive's index entry for the package (its candidate, or the pinned version): null when not offered. */
async function indexEntry(opts: string[], p: DebianPackage): Promise<{ version: string; sha256: string; filename: string } | null> {
	const shown = await execa('apt-cache', [...opts, 'show', p.version === undefined ? p.name : `${p.name}=${p.version}`], { reject: false });
	if (shown.exitCode !== 0) return null;
	// `apt-cache show` lists every version it knows, newest first in one suite but not across
	// suites: the candidate is what `apt-get download` would take.
	const candidate = p.version ?? (await candidateVersion(opts, p.name));
	for (const stanza of shown.stdout.split(/\n\n+/)) {
		if (/^Version: (.+)$/m.exec(stanza)?.[1] !== candidate) continue;
		const sha256 = /^SHA256: ([0-9a-f]{64})$/m.exec(stanza)?.[1];
		const filename = /^Filename: (\S+)$/m.exec(stanza)?.[1];
		if (sha256 !== undefined && filename !== undefined && candidate !== undefined) return { version: candidate, sha256, filename };
	}
	return null;
}

async function candidateVersion(opts: string[], name: string): Promise<string | undefined> {
	const policy = await execa('apt-cache', [...opts, 'policy', name], { reject: false });
	const version = /Candidate: (\S+)/.exec(policy.stdout)?.[1];
	return version === '(none)' ? undefined : version;
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

async function updateIndex(opts: string[], set: Pick<DebianSet, 'label' | 'suites'>, mirror: string, progress: (line: string) => void): Promise<void> {
	progress(`${set.label}: reading Debian ${set.suites.join(', ')}'s index from ${mirror}`);
	try {
		await execa('apt-get', [...opts, '-q', 'update']);
	} catch (error) {
		throw new Error(`could not read Debian ${set.suites.join(', ')}'s package index from ${mirror}`, { cause: error });
	}
}

/** Refreshes the set's private index and lists the versions offered for each of its packages. */
export async function offeredIn(
	cacheRoot: string,
	mirror: string,
	set: Pick<DebianSet, 'label' | 'suites' | 'packages'>,
	progress: (line: string) => void,
): Promise<Map<string, string[]>> {
	const dir = aptDir(cacheRoot, set.suites);
	return withHostLock(`${dir}.lock`, { what: `${set.label}: the private apt state`, timeoutMs: 30 * 60_000 }, async () => {
		const opts = await prepareApt(dir, mirror, set.suites);
		await updateIndex(opts, set, mirror, progress);
		const result = new Map<string, string[]>();
		for (const p of set.packages) result.set(p.name, await offeredVersions(opts, p.name));
		return result;
	});
}

/**
 * Makes sure the set is unpacked under the cache; fetches it the first time, each `.deb` checked
 * against the SHA256 of the archive's signed index. Fails, naming the versions on offer, when the
 * archive no longer has a pinned one. One apt state serves every set and every instance, so its use
 * is locked between processes.
 */
export async function ensureSet(cacheRoot: string, mirror: string, set: DebianSet, progress: (line: string) => void): Promise<string> {
	const root = setRoot(set);
	const complete = join(set.dir, set.key, 'complete');
	if (await exists(complete)) return root;
	const dir = aptDir(cacheRoot, set.suites);
	return withHostLock(
		`${dir}.lock`,
		{
			what: `${set.label}: the private apt state`,
			timeoutMs: 30 * 60_000,
			onWait: () => progress(`${set.label}: waiting for another process that fetches packages`),
		},
		async () => {
			// Another process may have unpacked it while this one waited.
			if (await exists(complete)) return root;
			const started = Date.now();
			const opts = await prepareApt(dir, mirror, set.suites);
			await updateIndex(opts, set, mirror, progress);
			const entries = new Map<string, { version: string; sha256: string; filename: string }>();
			const absent: string[] = [];
			for (const p of set.packages) {
				const entry = await indexEntry(opts, p);
				if (entry === null) {
					const versions = await offeredVersions(opts, p.name);
					absent.push(`${p.name} ${p.version ?? ''} (the archive offers: ${versions.length > 0 ? versions.join(', ') : 'none'})`);
				} else entries.set(p.name, entry);
			}
			if (absent.length > 0) {
				throw new PinnedVersionMissingError(
					`Debian ${set.suites.join(', ')} no longer offers the ${set.label}' ${absent.join('; ')}. ` +
						'Pin an offered version in scripts/engine/packages.ts and record the chapters again.',
				);
			}
			const downloads = join(cacheRoot, 'downloads', 'engine');
			await mkdir(downloads, { recursive: true });
			const staging = `${root}.partial-${process.pid}`;
			await rm(staging, { recursive: true, force: true });
			await mkdir(staging, { recursive: true });
			try {
				for (const p of set.packages) {
					const entry = entries.get(p.name);
					if (entry === undefined) continue;
					const file = join(downloads, entry.filename.split('/').pop() ?? `${p.name}.deb`);
					if (!(await exists(file)) || (await sha256Of(file)) !== entry.sha256) {
						progress(`${set.label}: downloading ${p.name} ${entry.version}`);
						await rm(file, { force: true });
						await execa('apt-get', [...opts, '-q', 'download', `${p.name}=${entry.version}`], { cwd: downloads });
					}
					const actual = await sha256Of(file);
					if (actual !== entry.sha256) {
						await rm(file, { force: true });
						throw new Error(`${file}: SHA256 ${actual} is not the archive index's ${entry.sha256}`);
					}
					progress(`${set.label}: unpacking ${p.name} ${entry.version} (SHA256 checked against the index)`);
					await execa('dpkg-deb', ['-x', file, staging]);
				}
				await rm(root, { recursive: true, force: true });
				await rename(staging, root);
			} catch (error) {
				await rm(staging, { recursive: true, force: true });
				throw new Error(`could not fetch the ${set.label}`, { cause: error });
			}
			const versions = set.packages.map((p) => `${p.name}=${entries.get(p.name)?.version ?? ''}`);
			await writeFile(complete, `${versions.join('\n')}\n`);
			await removeUnusedSets(set.dir, set.key);
			progress(`${set.label}: ready in ${Math.round((Date.now() - started) / 1000)} s under ${root}`);
			return root;
		},
	);
}

/** The folders under `dir` some live process runs a program from (by /proc/<pid>/exe). */
async function setsInUse(dir: string): Promise<Set<string>> {
	const used = new Set<string>();
	const prefix = `${dir}/`;
	for (const pid of await allPids()) {
		const exe = await readlink(`/proc/${pid}/exe`).catch(() => '');
		if (exe.startsWith(prefix)) used.add(exe.slice(prefix.length).split('/')[0] ?? '');
	}
	return used;
}

/**
 * Older sets are of no use once a newer one is unpacked, unless a daemon of another instance still
 * runs from one: that set stays until a later install finds it unused.
 */
export async function removeUnusedSets(dir: string, keep: string): Promise<void> {
	const used = await setsInUse(dir);
	for (const entry of await readdir(dir).catch(() => [])) {
		if (entry === keep || used.has(entry) || !/^[0-9a-f]{12}$/.test(entry)) continue;
		await rm(join(dir, entry), { recursive: true, force: true });
	}
}
