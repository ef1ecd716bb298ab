import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { RemovalRefusedError, refuseRemovals } from '../../scripts/host/packages.ts';
import { engineConfig } from '../../scripts/engine/config.ts';
import { PinnedVersionMissingError, enginePackages, ensureEnginePackages } from '../../scripts/engine/packages.ts';
import { tempDirs } from '../temp-dirs.ts';

/** The host's package set, as dpkg knows it. */
function hostPackages(): string {
	return execFileSync('dpkg-query', ['-W', '-f', '${Package} ${Version} ${Status}\\n'], { encoding: 'utf8' });
}

/** Fetching the engine's packages from Debian's archive, into a cache folder of the test's own. */
describe('the engine packages', () => {
	const tempDir = tempDirs();

	test('a pinned version the archive does not offer is refused, naming the versions it does offer', async () => {
		const cache = await tempDir('layerbook-pins-');
		const error = await ensureEnginePackages({ cacheRoot: cache, debianMirror: engineConfig().debianMirror }, () => undefined, [
			{ name: 'docker-cli', version: '0.0.1-not-offered' },
		]).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(PinnedVersionMissingError);
		const pinned = enginePackages.find((p) => p.name === 'docker-cli')?.version ?? '?';
		expect((error as Error).message).toContain('docker-cli 0.0.1-not-offered');
		expect((error as Error).message).toContain(`the archive offers: ${pinned}`);
	}, 180_000);

	test("fetching and unpacking them changes nothing of the host's package set", async () => {
		const cache = await tempDir('layerbook-pins-');
		const before = hostPackages();
		const status = (await stat('/var/lib/dpkg/status')).mtimeMs;
		const root = await ensureEnginePackages(
			{ cacheRoot: cache, debianMirror: engineConfig().debianMirror },
			() => undefined,
			enginePackages.filter((p) => p.name === 'docker-cli'),
		);
		expect((await stat(root.client)).isFile()).toBe(true);
		expect(execFileSync(root.client, ['--version'], { encoding: 'utf8' })).toMatch(/^Docker version 28\.5\./);
		expect(hostPackages()).toBe(before);
		expect((await stat('/var/lib/dpkg/status')).mtimeMs).toBe(status);
	}, 300_000);
});

/** Installed only while a test runs: stands in for Docker CE's containerd.io, which ships /usr/bin/runc and conflicts with Debian's runc. */
const standIn = 'layerbook-test-containerd-io';

function installedStatus(pkg: string): string {
	try {
		return execFileSync('dpkg-query', ['-W', '-f', '${Status}', pkg], { encoding: 'utf8' });
	} catch {
		return 'not installed';
	}
}

describe("a contributor's own Docker", () => {
	let dir = '';
	beforeAll(async () => {
		dir = await mkdtemp(join(tmpdir(), 'layerbook-conflict-'));
		const root = join(dir, 'pkg');
		await mkdir(join(root, 'DEBIAN'), { recursive: true });
		await mkdir(join(root, 'usr/bin'), { recursive: true });
		await writeFile(
			join(root, 'DEBIAN/control'),
			[
				`Package: ${standIn}`,
				'Version: 1.7.0-1',
				'Architecture: all',
				'Maintainer: Layerbook tests <tests@layerbook.invalid>',
				'Conflicts: runc',
				'Replaces: runc',
				"Description: stand-in for Docker CE's containerd.io in the engine's tests",
				'',
			].join('\n'),
		);
		await writeFile(join(root, 'usr/bin/runc'), '#!/bin/sh\necho "runc of the contributor\'s own Docker"\n', { mode: 0o755 });
		execFileSync('dpkg-deb', ['--build', '--root-owner-group', root, join(dir, `${standIn}.deb`)], { stdio: 'ignore' });
		execFileSync('dpkg', ['-i', join(dir, `${standIn}.deb`)], { stdio: 'ignore' });
	}, 60_000);
	afterAll(async () => {
		execFileSync('dpkg', ['--purge', standIn], { stdio: 'ignore' });
		await rm(dir, { recursive: true, force: true });
	});

	test('with a package that owns /usr/bin/runc and conflicts with runc installed, setup passes and the package stays', async () => {
		expect(installedStatus(standIn)).toBe('install ok installed');
		const setup = await execa(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('../../scripts/setup.ts', import.meta.url))], {
			reject: false,
			all: true,
		});
		expect(setup.exitCode, setup.all).toBe(0);
		expect(installedStatus(standIn)).toBe('install ok installed');
		expect(execFileSync('/usr/bin/runc', { encoding: 'utf8' })).toContain("runc of the contributor's own Docker");
	}, 600_000);

	test('an install that would remove a package is refused before apt-get runs, naming the package and the conflict', async () => {
		const error = await refuseRemovals(['runc']).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(RemovalRefusedError);
		expect((error as Error).message).toMatch(new RegExp(`would remove ${standIn} \\(it conflicts with runc`));
		expect(installedStatus(standIn)).toBe('install ok installed');
	}, 120_000);
});
