import { createHash } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { exists } from '../../host/fs.ts';
import { withHostLock } from '../../host/lock.ts';
import { unmountUnder } from '../../host/mounts.ts';
import type { EngineConfig } from '../config.ts';
import { engineTools } from '../tools.ts';
import type { Asset, RecipeContext } from './recipe.ts';
import { sha256 } from './recipe.ts';

/** The Debian release the stand-ins are built from, and the archive they come from. */
export interface DebianArchive {
	suite: string;
	mirror: string;
	securityMirror: string;
}

export function debianArchive(config: Pick<EngineConfig, 'debianMirror' | 'debianSecurityMirror'>): DebianArchive {
	return { suite: 'bookworm', mirror: config.debianMirror, securityMirror: config.debianSecurityMirror };
}

/** Pinned so a stand-in's recipe, and so its hash, changes only when we change it. */
export const versions = {
	node: '24.21.0',
	npm: '11.21.2',
	// The official node images still ship Yarn 1.
	yarn: '1.22.22',
};

/** The host's CA bundle: where HTTPS goes through a TLS-inspecting proxy, its CA is in here. */
export function hostCaBundle(path: string): string {
	try {
		return readFileSync(path, 'utf8');
	} catch {
		return '';
	}
}

/** What the official images' build (debuerreotype) puts in: apt sources and container-friendly apt/dpkg settings. */
async function finishRootfs(dir: string, debian: DebianArchive): Promise<void> {
	await rm(join(dir, 'etc/apt/sources.list'), { force: true });
	await writeFile(
		join(dir, 'etc/apt/sources.list.d/debian.sources'),
		[
			'Types: deb',
			`URIs: ${debian.mirror}`,
			`Suites: ${debian.suite} ${debian.suite}-updates`,
			'Components: main',
			'Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg',
			'',
			'Types: deb',
			`URIs: ${debian.securityMirror}`,
			`Suites: ${debian.suite}-security`,
			'Components: main',
			'Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg',
			'',
		].join('\n'),
	);
	await writeFile(join(dir, 'usr/sbin/policy-rc.d'), '#!/bin/sh\nexit 101\n', { mode: 0o755 });
	await writeFile(
		join(dir, 'etc/apt/apt.conf.d/docker-clean'),
		[
			'DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };',
			'APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };',
			'Dir::Cache::pkgcache "";',
			'Dir::Cache::srcpkgcache "";',
			'',
		].join('\n'),
	);
	await writeFile(join(dir, 'etc/apt/apt.conf.d/docker-autoremove-suggests'), 'Apt::AutoRemove::SuggestsImportant "false";\n');
	await writeFile(join(dir, 'etc/apt/apt.conf.d/docker-no-languages'), 'Acquire::Languages "none";\n');
	await writeFile(join(dir, 'etc/apt/apt.conf.d/docker-gzip-indexes'), 'Acquire::GzipIndexes "true";\n');
	await writeFile(join(dir, 'etc/machine-id'), '');
	for (const leftover of ['etc/hostname', 'etc/resolv.conf', 'var/cache/apt/pkgcache.bin', 'var/cache/apt/srcpkgcache.bin']) {
		await rm(join(dir, leftover), { force: true });
	}
	await execa('sh', ['-c', 'rm -rf var/lib/apt/lists/* var/cache/apt/archives/*.deb var/log/*.log var/log/apt/* dev/* tmp/* debootstrap'], { cwd: dir });
}

/**
 * Downloads are shared by every instance, so two processes may want the same one: the second
 * waits for the first, then finds it done.
 */
function lockedDownload(out: string, run: () => Promise<string>): Promise<string> {
	return withHostLock(`${out}.lock`, { what: `the download of ${out}`, timeoutMs: 30 * 60_000 }, run);
}

/** Fetches in flight, by output path: two stand-ins built side by side share one download. */
const inFlight = new Map<string, Promise<string>>();
function once(key: string, fetch: () => Promise<string>): Promise<string> {
	let pending = inFlight.get(key);
	if (pending === undefined) {
		pending = fetch().finally(() => inFlight.delete(key));
		inFlight.set(key, pending);
	}
	return pending;
}

/** A minbase debootstrap of bookworm, tarred and cached: the root of both Debian stand-ins. */
export function rootfsAsset(debian: DebianArchive): Asset {
	const identity = `debootstrap --variant=minbase ${debian.suite} ${debian.mirror} (finish v1)`;
	const name = 'rootfs.tar';
	return {
		name,
		identity,
		fetch: (ctx: RecipeContext) =>
			once(`rootfs:${identity}`, async () => {
				const out = join(ctx.paths.downloads, `rootfs-${debian.suite}-${sha256(identity).slice(0, 12)}.tar`);
				await mkdir(ctx.paths.downloads, { recursive: true });
				return lockedDownload(out, () => fetchRootfs(ctx, out, debian));
			}),
	};
}

/** The archive's keyring: debootstrap checks the Release file's signature with it, and refuses to go on without one. */
const archiveKeyring = '/usr/share/keyrings/debian-archive-keyring.gpg';

async function fetchRootfs(ctx: RecipeContext, out: string, debian: DebianArchive): Promise<string> {
	// Written under another name and renamed when whole: a file by this name is complete.
	if (await exists(out)) return out;
	const dir = `${out}.d`;
	await unmountUnder([dir]);
	await rm(dir, { recursive: true, force: true });
	ctx.progress(`debootstrap: ${debian.suite} (minbase) from ${debian.mirror}`);
	try {
		// Two stages, so dpkg in the second runs with force-unsafe-io: the rootfs is thrown away
		// on failure anyway, and without it dpkg's fsync per file dominates on a busy disk.
		const tools = engineTools(ctx.config.cacheRoot);
		await runDebootstrap(
			ctx,
			tools.debootstrap,
			['--foreign', '--variant=minbase', '--components=main', `--keyring=${archiveKeyring}`, '--force-check-gpg', debian.suite, dir, debian.mirror],
			// The unpacked debootstrap finds its scripts and functions through DEBOOTSTRAP_DIR.
			{ DEBOOTSTRAP_DIR: tools.debootstrapDir },
		);
		const unsafeIo = join(dir, 'etc/dpkg/dpkg.cfg.d/layerbook-unsafe-io');
		await mkdir(join(dir, 'etc/dpkg/dpkg.cfg.d'), { recursive: true });
		await writeFile(unsafeIo, 'force-unsafe-io\n');
		await runDebootstrap(ctx, 'chroot', [dir, '/debootstrap/debootstrap', '--second-stage']);
		await rm(unsafeIo, { force: true });
		await finishRootfs(dir, debian);
		ctx.progress('debootstrap: packing the root filesystem');
		await execa('tar', ['--numeric-owner', '--xattrs', '-C', dir, '-cf', `${out}.tmp`, '.']);
		await rename(`${out}.tmp`, out);
	} catch (error) {
		throw new Error(`debootstrap of ${debian.suite} failed`, { cause: error });
	} finally {
		await unmountUnder([dir]);
		await rm(dir, { recursive: true, force: true });
		await rm(`${out}.tmp`, { force: true });
	}
	return out;
}

async function runDebootstrap(ctx: RecipeContext, file: string, args: string[], env: Record<string, string> = {}): Promise<void> {
	const child = execa(file, args, { all: true, env, ...(ctx.signal !== undefined ? { cancelSignal: ctx.signal } : {}) });
	let count = 0;
	for await (const line of child.iterable({ from: 'all' })) {
		// Every phase line, but only every 20th per-package line: enough to see it move.
		if (/^I: (Retrieving|Validating|Extracting|Unpacking|Configuring)/.test(line) && count++ % 20 !== 0) continue;
		ctx.progress(`  debootstrap: ${line}`);
	}
	await child;
}

/** The SRI string of a file (`sha512-<base64>`), as npm's registry gives `dist.integrity`. */
export async function integrityOf(path: string): Promise<string> {
	const hash = createHash('sha512');
	for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
	return `sha512-${hash.digest('base64')}`;
}

/** The registry's `dist.integrity` for the package version. */
async function registryIntegrity(spec: { pkg: string; version: string }, signal?: AbortSignal): Promise<string> {
	const shown = await execa('npm', ['view', `${spec.pkg}@${spec.version}`, 'dist.integrity'], signal !== undefined ? { cancelSignal: signal } : {});
	const integrity = shown.stdout.trim();
	if (!integrity.startsWith('sha512-')) throw new Error(`the npm registry gave no sha512 integrity for ${spec.pkg}@${spec.version}`);
	return integrity;
}

/**
 * An npm package's tarball, fetched on the host with `npm pack` and cached. Checked against the
 * registry's integrity when fetched and each time it is reused: a tarball cut short by a killed
 * run is fetched again, never built into an image.
 */
export function npmAsset(spec: { pkg: string; version: string }, name: string): Asset {
	return {
		name,
		identity: `npm:${spec.pkg}@${spec.version}`,
		fetch: (ctx: RecipeContext) =>
			once(`npm:${spec.pkg}@${spec.version}`, async () => {
				const file = join(ctx.paths.downloads, `${spec.pkg}-${spec.version}.tgz`);
				await mkdir(ctx.paths.downloads, { recursive: true });
				return lockedDownload(file, async () => {
					const expected = await registryIntegrity(spec, ctx.signal);
					if ((await exists(file)) && (await integrityOf(file)) === expected) return file;
					await rm(file, { force: true });
					ctx.progress(`npm: fetching ${spec.pkg}@${spec.version}`);
					try {
						await execa('npm', ['pack', `${spec.pkg}@${spec.version}`, '--pack-destination', ctx.paths.downloads, '--silent'], {
							cwd: ctx.paths.downloads,
							...(ctx.signal !== undefined ? { cancelSignal: ctx.signal } : {}),
						});
					} catch (error) {
						throw new Error(`npm pack ${spec.pkg}@${spec.version} failed`, { cause: error });
					}
					if (!(await exists(file))) throw new Error(`npm pack did not write ${file}`);
					const actual = await integrityOf(file);
					if (actual !== expected) {
						await rm(file, { force: true });
						throw new Error(`${file}: integrity ${actual} is not the registry's ${expected}`);
					}
					return file;
				});
			}),
	};
}
