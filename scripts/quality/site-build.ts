/**
 * The built site the quality checks look at. `npm test` builds it once (the site suite's setup);
 * the browser suite and the benchmark reuse that build when it is newer than every source, and
 * build it themselves only when it is missing or stale.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const distDir = join(root, 'dist');

/** Written last by a build (Pagefind indexes the finished pages), so its time is the build's end. */
const buildMarker = join(distDir, 'pagefind', 'pagefind-entry.json');

/** What the site is built from. */
const sources = ['src', 'public', 'astro.config.mjs', 'package-lock.json', 'tsconfig.json'];

function newestTime(path: string): number {
	if (!existsSync(path)) return 0;
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	let newest = stat.mtimeMs;
	for (const entry of readdirSync(path)) newest = Math.max(newest, newestTime(join(path, entry)));
	return newest;
}

/** Why the build in `dist/` cannot be used, or undefined when it is current. */
function staleReason(): string | undefined {
	if (!existsSync(buildMarker)) return 'no finished build in dist/';
	// Starlight renders the Pagefind search box only in a production build.
	if (!readFileSync(join(distDir, 'index.html'), 'utf8').includes('search-container')) return 'dist/ holds a development build (no search)';
	const built = statSync(buildMarker).mtimeMs;
	const changed = sources.find((source) => newestTime(join(root, source)) > built);
	return changed === undefined ? undefined : `${changed} changed after the last build`;
}

/**
 * The environment for `astro build`, whatever called us. Vitest copies its own `import.meta.env`
 * into process.env (DEV=1, PROD='', MODE=test, NODE_ENV=test, ...); a build that inherits them is
 * a development flavour of the site, whose search dialog only says search needs a production build.
 */
function buildEnvironment(): NodeJS.ProcessEnv {
	const vitestKeys = new Set(['DEV', 'PROD', 'MODE', 'BASE_URL', 'SSR', 'TEST', 'NODE_ENV']);
	return Object.fromEntries(Object.entries(process.env).filter(([key]) => !vitestKeys.has(key) && !key.startsWith('VITEST')));
}

/**
 * Runs the real `astro build` (the one `npm run build` runs) in the guide, or in another site's
 * folder (the bench's one-page site); its output goes to stderr on failure.
 */
export function buildSite(folder: string = root): number {
	const started = performance.now();
	const result = spawnSync('npx', ['astro', 'build'], { cwd: folder, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: buildEnvironment() });
	if (result.status !== 0) {
		const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trimEnd();
		throw new Error(`The site build failed (npx astro build):\n${output.split('\n').slice(-40).join('\n')}`);
	}
	return performance.now() - started;
}

/** Builds the site unless `dist/` already holds a build of the current sources. */
export function ensureBuilt(): void {
	// For working on the checks themselves: judge whatever dist/ holds, as it is.
	if (process.env['LAYERBOOK_USE_BUILT_SITE'] === '1' && existsSync(buildMarker)) return;
	const reason = staleReason();
	if (reason === undefined) return;
	process.stderr.write(`Building the site (${reason})...\n`);
	buildSite();
}

/** Every built page's address: `/`, `/introduction/`, `/en/`, ..., and `/404.html`. */
export function builtPages(): string[] {
	const pages: string[] = [];
	const walk = (dir: string, address: string): void => {
		for (const entry of readdirSync(dir, { withFileTypes: true })) {
			if (entry.isDirectory()) {
				if (address === '/' && (entry.name === '_astro' || entry.name === 'pagefind')) continue;
				walk(join(dir, entry.name), `${address}${entry.name}/`);
			} else if (entry.name === 'index.html') {
				pages.push(address);
			} else if (entry.name.endsWith('.html')) {
				pages.push(`${address}${entry.name}`);
			}
		}
	};
	walk(distDir, '/');
	return pages.sort();
}
