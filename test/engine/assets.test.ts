import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { engineConfig } from '../../scripts/engine/config.ts';
import { enginePaths } from '../../scripts/engine/paths.ts';
import { integrityOf, npmAsset } from '../../scripts/engine/stand-ins/assets.ts';

/** The stand-ins' downloads, shared by every instance: from the npm registry, into a cache folder of the test's own. */
describe("the stand-ins' downloads", () => {
	const dirs: string[] = [];
	afterAll(async () => {
		for (const dir of dirs) await rm(dir, { recursive: true, force: true });
	});

	test('an npm tarball cut short by a killed run is fetched again, checked against the registry, never reused', async () => {
		const cache = await mkdtemp(join(tmpdir(), 'layerbook-assets-'));
		dirs.push(cache);
		const config = engineConfig({ ...process.env, XDG_CACHE_HOME: cache });
		const paths = enginePaths(config);
		const spec = { pkg: 'is-number', version: '7.0.0' };
		const file = join(paths.downloads, `${spec.pkg}-${spec.version}.tgz`);
		await mkdir(paths.downloads, { recursive: true });
		await writeFile(file, 'the first bytes of a tarball');
		const lines: string[] = [];
		const fetched = await npmAsset(spec, 'is-number.tgz').fetch({ config, paths, env: {}, progress: (line) => lines.push(line) });
		expect(fetched).toBe(file);
		const registry = execFileSync('npm', ['view', `${spec.pkg}@${spec.version}`, 'dist.integrity'], { encoding: 'utf8' }).trim();
		expect(await integrityOf(fetched)).toBe(registry);
		expect((await stat(fetched)).size).toBeGreaterThan(1_000);
		expect(lines).toContain(`npm: fetching ${spec.pkg}@${spec.version}`);
	}, 120_000);
});
