import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { engineConfig } from '../../scripts/engine/config.ts';
import { PinnedVersionMissingError, enginePackages, ensureEnginePackages } from '../../scripts/engine/packages.ts';

/** The host's package set, as dpkg knows it. */
function hostPackages(): string {
	return execFileSync('dpkg-query', ['-W', '-f', '${Package} ${Version} ${Status}\\n'], { encoding: 'utf8' });
}

/** Fetching the engine's packages from Debian's archive, into a cache folder of the test's own. */
describe('the engine packages', () => {
	const caches: string[] = [];
	afterAll(async () => {
		for (const dir of caches) await rm(dir, { recursive: true, force: true });
	});

	test('a pinned version the archive does not offer is refused, naming the versions it does offer', async () => {
		const cache = await mkdtemp(join(tmpdir(), 'layerbook-pins-'));
		caches.push(cache);
		const error = await ensureEnginePackages({ cacheRoot: cache, debianMirror: engineConfig().debianMirror }, () => undefined, [
			{ name: 'docker-cli', version: '0.0.1-not-offered' },
		]).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(PinnedVersionMissingError);
		const pinned = enginePackages.find((p) => p.name === 'docker-cli')?.version ?? '?';
		expect((error as Error).message).toContain('docker-cli 0.0.1-not-offered');
		expect((error as Error).message).toContain(`the archive offers: ${pinned}`);
	}, 180_000);

	test("fetching and unpacking them changes nothing of the host's package set", async () => {
		const cache = await mkdtemp(join(tmpdir(), 'layerbook-pins-'));
		caches.push(cache);
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
