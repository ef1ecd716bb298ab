/**
 * `npm run bench:engine` (and `npm run bench`): the sandbox engine's cold provisioning, warm `up`
 * (in-process and through the CLI), `up` after `down`, and the stand-ins' sizes, as a markdown table.
 */
import { mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { engineConfig } from '../scripts/engine/config.ts';
import { seconds } from '../scripts/host/format.ts';

/**
 * `--warm`: skip cold provisioning and reuse the bench instance's cache. Without it, cold takes
 * minutes: a throwaway cache, so debootstrap, downloads and every stand-in build are measured.
 */
const warmOnly = process.argv.includes('--warm');
// Outside the work tree: a docker data root is large and full of root-owned overlay dirs.
const root = join(tmpdir(), 'layerbook-bench-cache');
// Its own instance, so an engine already running for people or the examples is left alone.
process.env['LAYERBOOK_INSTANCE'] = 'bench';
process.env['XDG_CACHE_HOME'] = root;
delete process.env['LAYERBOOK_DOCKER_HOST'];

// Imported after the environment is set: the engine reads it on every call, but be plain about it.
const { down, up, enginePaths } = await import('../scripts/engine/index.ts');
const { readState } = await import('../scripts/engine/state.ts');

function megabytes(bytes: number | undefined): string {
	return bytes === undefined ? '?' : `${(bytes / 1_000_000).toFixed(1)} MB`;
}

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
	const started = performance.now();
	const value = await run();
	return { ms: performance.now() - started, value };
}

const rows: [string, string][] = [];
const progress = (line: string): void => {
	process.stderr.write(`  ${line}\n`);
};

try {
	if (!warmOnly) {
		await down();
		await rm(root, { recursive: true, force: true });
	}
	await mkdir(root, { recursive: true });
	const first = await timed(() => up({ onProgress: progress }));
	rows.push([warmOnly ? 'first `up` (cache kept)' : 'cold provisioning (empty cache, host tools present)', seconds(first.ms)]);

	const warm = await timed(() => up());
	rows.push(['warm `up` (in-process)', seconds(warm.ms)]);

	const cli = await timed(() => execa('npx', ['tsx', join(import.meta.dirname, '..', 'scripts', 'engine', 'cli.ts'), 'up'], { env: process.env }));
	rows.push(['warm `npm run engine -- up` (CLI, incl. tsx start)', seconds(cli.ms)]);

	await down();
	const afterDown = await timed(() => up());
	rows.push(['`up` after `down` (daemon and mirror restart)', seconds(afterDown.ms)]);

	const state = await readState(enginePaths(engineConfig()).standInState);
	const sizes = Object.values(state).map((entry) => [`${entry.repository}:${entry.tags.join(', ')}`, megabytes(entry.size)] as const);

	const out = [
		`engine: Docker ${first.value.version} (${first.value.os}/${first.value.arch}), ${new Date().toISOString()}`,
		'',
		'| measure | time |',
		'| --- | --- |',
		...rows.map(([what, value]) => `| ${what} | ${value} |`),
		'',
		'| stand-in | size |',
		'| --- | --- |',
		...sizes.map(([what, value]) => `| ${what} | ${value} |`),
		'',
	];
	process.stdout.write(out.join('\n'));
} finally {
	await down().catch(() => undefined);
	// The cache is kept for `--warm` runs; a cold run empties it first.
}
