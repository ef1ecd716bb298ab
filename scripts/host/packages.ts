/**
 * Everything the project needs from the host, as Debian packages: the engine's system-wide tools
 * and the quality checks' browser, font and shellcheck. `npm run setup` installs what is missing
 * before any test runs; tests and checks only look, and name `npm run setup` when something lacks.
 */
import { execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { execa } from 'execa';

export type HostGroup = 'engine' | 'quality';

export interface HostPackage {
	/** The Debian (and Ubuntu) package. */
	pkg: string;
	/** A file the package ships that the project runs or reads. */
	path: string;
	/** What it is for, in messages. */
	purpose: string;
	group: HostGroup;
	/** Whether it is there; by default, whether `path` exists. */
	present?: () => boolean;
}

function executable(path: string): boolean {
	try {
		accessSync(path, constants.X_OK);
		return true;
	} catch {
		return false;
	}
}

function hasKoreanFont(): boolean {
	try {
		return execFileSync('fc-list', [':lang=ko', 'family'], { encoding: 'utf8' }).trim() !== '';
	} catch {
		return existsSync('/usr/share/fonts/truetype/nanum/NanumGothic.ttf');
	}
}

export const hostPackages: readonly HostPackage[] = [
	// The engine's dockerd, containerd and client are unpacked from Debian's archive into the cache
	// (scripts/engine/packages.ts); only what must be system-wide is installed.
	{ pkg: 'runc', path: '/usr/sbin/runc', purpose: "the containers' runtime (the unpacked engine's runc needs a newer glibc)", group: 'engine' },
	{ pkg: 'docker-registry', path: '/usr/bin/docker-registry', purpose: 'the registry mirror that serves the base images', group: 'engine' },
	{ pkg: 'debootstrap', path: '/usr/sbin/debootstrap', purpose: 'the Debian stand-in base images', group: 'engine' },
	{ pkg: 'iptables', path: '/usr/sbin/iptables', purpose: "the engine's own forwarding and NAT rules", group: 'engine' },
	{ pkg: 'iproute2', path: '/usr/sbin/ip', purpose: "the engine's own bridge", group: 'engine' },
	{
		pkg: 'debian-archive-keyring',
		path: '/usr/share/keyrings/debian-archive-keyring.gpg',
		purpose: "checking the engine's packages against Debian's signed archive index",
		group: 'engine',
	},
	{
		pkg: 'chromium',
		path: process.env['LAYERBOOK_CHROMIUM'] ?? '/usr/bin/chromium',
		purpose: "the browser tests and the benchmark drive Debian's Chromium",
		group: 'quality',
	},
	{
		pkg: 'fonts-nanum',
		path: '/usr/share/fonts/truetype/nanum/NanumGothic.ttf',
		purpose: 'Korean pages need a Korean font in the browser',
		group: 'quality',
		present: hasKoreanFont,
	},
	{
		pkg: 'shellcheck',
		path: process.env['LAYERBOOK_SHELLCHECK'] ?? '/usr/bin/shellcheck',
		purpose: 'every shell block of the chapters is checked with shellcheck',
		group: 'quality',
	},
];

export function isPresent(p: HostPackage): boolean {
	return p.present !== undefined ? p.present() : executable(p.path) || existsSync(p.path);
}

export function missingHostPackages(groups: readonly HostGroup[] = ['engine', 'quality']): HostPackage[] {
	return hostPackages.filter((p) => groups.includes(p.group) && !isPresent(p));
}

export function isDebianLike(): boolean {
	if (existsSync('/etc/debian_version')) return true;
	try {
		return /^(ID|ID_LIKE)=.*\b(debian|ubuntu)\b/m.test(readFileSync('/etc/os-release', 'utf8'));
	} catch {
		return false;
	}
}

export class MissingHostPackagesError extends Error {}

/** The message a check gives when its tool is missing: it never installs anything itself. */
export function missingMessage(p: HostPackage): string {
	return `${p.path} is missing (${p.purpose}): run \`npm run setup\`, which installs Debian's ${p.pkg}, or install it yourself: sudo apt-get install -y ${p.pkg}`;
}

/** The path of a host tool that must be there, or an error that says to run `npm run setup`. */
export function requireHostPackage(pkg: string): string {
	const p = hostPackages.find((candidate) => candidate.pkg === pkg);
	if (p === undefined) throw new Error(`unknown host package ${pkg}`);
	if (!isPresent(p)) throw new MissingHostPackagesError(missingMessage(p));
	return p.path;
}

/**
 * Installs the missing packages of the groups with apt-get, one progress line per package; where
 * the host is not Debian or Ubuntu, or the user is not root, says exactly what to install.
 */
export async function installHostPackages(groups: readonly HostGroup[], progress: (line: string) => void, signal?: AbortSignal): Promise<string[]> {
	const missing = missingHostPackages(groups);
	if (missing.length === 0) return [];
	const packages = [...new Set(missing.map((p) => p.pkg))];
	const root = process.getuid?.() === 0;
	if (!root || !isDebianLike()) {
		throw new MissingHostPackagesError(
			`missing: ${missing.map((p) => `${p.path} (${p.purpose})`).join('; ')}. ` +
				(root
					? `This host is not Debian or Ubuntu: install the equivalents of the Debian packages ${packages.join(' ')}.`
					: `Run \`npm run setup\` as root to have them installed, or: sudo apt-get install -y ${packages.join(' ')}`),
		);
	}
	progress(`host packages: installing ${packages.join(' ')} with apt-get`);
	// Keep maintainer scripts from starting a system-wide registry or daemon: the engine runs its own.
	const policy = '/usr/sbin/policy-rc.d';
	const ownPolicy = !existsSync(policy);
	if (ownPolicy) await writeFile(policy, '#!/bin/sh\n# written by layerbook setup during apt-get install\nexit 101\n', { mode: 0o755 });
	const started = Date.now();
	try {
		const run = async (args: string[]): Promise<void> => {
			const child = execa('apt-get', args, {
				env: { DEBIAN_FRONTEND: 'noninteractive' },
				all: true,
				...(signal !== undefined ? { cancelSignal: signal } : {}),
			});
			for await (const line of child.iterable({ from: 'all' })) {
				const unpacking = /^Unpacking (\S+)/.exec(line);
				const settingUp = /^Setting up (\S+)/.exec(line);
				if (unpacking !== null) progress(`  unpacking ${unpacking[1]}`);
				else if (settingUp !== null) progress(`  set up ${settingUp[1]}`);
				else if (/^(Err|E:)/.test(line)) progress(`  apt-get: ${line}`);
			}
			await child;
		};
		progress('  apt-get update');
		await run(['update', '-q']);
		await run(['install', '-y', '-q', ...packages]);
	} catch (error) {
		throw new Error(`apt-get could not install ${packages.join(' ')}`, { cause: error });
	} finally {
		if (ownPolicy) await rm(policy, { force: true });
	}
	const still = missingHostPackages(groups);
	if (still.length > 0) throw new MissingHostPackagesError(`still missing after apt-get: ${still.map((p) => p.path).join(', ')}`);
	progress(`host packages: installed in ${Math.round((Date.now() - started) / 1000)} s`);
	return packages;
}
