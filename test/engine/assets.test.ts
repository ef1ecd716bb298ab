import { execFileSync } from 'node:child_process';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { describe, expect, test } from 'vitest';
import { engineConfig } from '../../scripts/engine/config.ts';
import { enginePaths } from '../../scripts/engine/paths.ts';
import { integrityOf, npmAsset } from '../../scripts/engine/stand-ins/assets.ts';
import { tempDirs } from '../temp-dirs.ts';

/** The stand-ins' downloads, shared by every instance: from the npm registry, into a cache folder of the test's own. */
describe("the stand-ins' downloads", () => {
	const tempDir = tempDirs();

	test('an npm tarball cut short by a killed run is fetched again, checked against the registry, never reused', async () => {
		const cache = await tempDir('layerbook-assets-');
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

/** Runs `code` (an ES module body) in a Node.js of its own; what it prints on stdout comes back. */
function inProcess(code: string, env: NodeJS.ProcessEnv): Promise<string> {
	return execa(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { env }).then((result) => result.stdout);
}

const module = (path: string): string => JSON.stringify(fileURLToPath(new URL(`../../scripts/${path}`, import.meta.url)));

describe('downloads shared by processes', () => {
	const tempDir = tempDirs();

	/** Runs `body` after `imports` (name → module under scripts/) in two processes at once, on a fresh cache; their lines together. */
	async function twoAtOnce(imports: Record<string, string>, body: string): Promise<string[]> {
		const env = { ...process.env, XDG_CACHE_HOME: await tempDir('layerbook-shared-') };
		const code = [...Object.entries(imports).map(([name, path]) => `import { ${name} } from ${module(path)};`), body].join('\n');
		return (await Promise.all([inProcess(code, env), inProcess(code, env)])).join('\n').split('\n');
	}

	test('two processes wanting one npm tarball fetch it once: the second waits, then finds it whole', async () => {
		const said = await twoAtOnce(
			{ engineConfig: 'engine/config.ts', enginePaths: 'engine/paths.ts', npmAsset: 'engine/stand-ins/assets.ts' },
			`const config = engineConfig();\nawait npmAsset({ pkg: 'is-number', version: '7.0.0' }, 'x').fetch({ config, paths: enginePaths(config), env: {}, progress: (line) => console.log(line) });`,
		);
		expect(said.filter((line) => line.startsWith('npm: fetching'))).toEqual(['npm: fetching is-number@7.0.0']);
	}, 120_000);

	test("two processes unpacking the engine's tools share one apt state by turns: the second finds them unpacked", async () => {
		const said = await twoAtOnce(
			{ engineConfig: 'engine/config.ts', ensureEngineTools: 'engine/tools.ts' },
			'await ensureEngineTools(engineConfig(), (line) => console.log(line));',
		);
		const downloads = said.filter((line) => line.startsWith('engine tools: downloading'));
		expect(downloads.length).toBeGreaterThan(0);
		expect(new Set(downloads).size).toBe(downloads.length);
	}, 300_000);
});
