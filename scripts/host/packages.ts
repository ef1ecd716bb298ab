/**
 * Everything the project needs from the host, as Debian packages: the engine's system-wide tools
 * and the quality checks' browser, font and shellcheck. `npm run setup` installs what is missing
 * before any test runs; tests and checks only look, and name `npm run setup` when something lacks.
 */
import { execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
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
	// The engine's Docker, runc, registry, debootstrap and user-mode network are unpacked from
	// Debian's archive into the cache (scripts/engine/packages.ts, tools.ts). What is installed
	// here conflicts with no Docker package: none of these ships or conflicts with runc or containerd.
	{ pkg: 'iptables', path: '/usr/sbin/iptables', purpose: "the rules dockerd keeps inside the engine's own network namespace", group: 'engine' },
	{ pkg: 'iproute2', path: '/usr/sbin/ip', purpose: "the engine's own network namespace", group: 'engine' },
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
		await refuseRemovals(packages);
		// --no-remove as well: should the plan change between the two calls, apt-get stops instead.
		await run(['install', '-y', '-q', '--no-remove', ...packages]);
	} catch (error) {
		if (error instanceof RemovalRefusedError) throw error;
		throw new Error(`apt-get could not install ${packages.join(' ')}`, { cause: error });
	}
	const still = missingHostPackages(groups);
	if (still.length > 0) throw new MissingHostPackagesError(`still missing after apt-get: ${still.map((p) => p.path).join(', ')}`);
	progress(`host packages: installed in ${Math.round((Date.now() - started) / 1000)} s`);
	return packages;
}

/** Setup never removes a package to install one: a contributor's own Docker may be what would go. */
export class RemovalRefusedError extends Error {
	override name = 'RemovalRefusedError';
}

/** `apt-get -s install`'s plan: the packages it would remove (`Remv <name> [...]`). */
export function plannedRemovals(simulation: string): string[] {
	return [...simulation.matchAll(/^Remv (\S+)/gm)].map((match) => match[1] ?? '');
}

/** The installed package's Conflicts and Breaks fields, to name why apt would remove it. */
async function conflictsOf(pkg: string): Promise<string> {
	const shown = await execa('dpkg-query', ['-W', '-f=${Conflicts}${Breaks:+, }${Breaks}', pkg], { reject: false });
	return shown.stdout.trim();
}

/** Simulates the install and refuses it, naming each package it would remove and the conflict, when it would remove any. */
export async function refuseRemovals(packages: readonly string[]): Promise<void> {
	const simulation = await execa('apt-get', ['-s', '-q', 'install', ...packages], { env: { DEBIAN_FRONTEND: 'noninteractive' }, reject: false });
	const removed = plannedRemovals(simulation.stdout);
	if (removed.length === 0) return;
	const reasons: string[] = [];
	for (const pkg of removed) {
		const declared = await conflictsOf(pkg);
		// `runc (<< 1.2), foo:amd64 | bar`: each entry's package name, without version or architecture.
		const conflicting = declared.split(/[,|]/).map((entry) => entry.trim().split(/[\s(:]/)[0]);
		const named = packages.filter((wanted) => conflicting.includes(wanted));
		reasons.push(
			named.length > 0 ? `${pkg} (it conflicts with ${named.join(', ')}: ${declared})` : `${pkg}${declared === '' ? '' : ` (conflicts: ${declared})`}`,
		);
	}
	throw new RemovalRefusedError(
		`installing ${packages.join(' ')} would remove ${reasons.join('; ')}. Setup never removes a package: ` +
			'install what is missing yourself in a way that keeps your packages, or point the check at your own copy ' +
			'(LAYERBOOK_CHROMIUM, LAYERBOOK_SHELLCHECK).',
	);
}
