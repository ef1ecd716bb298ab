/**
 * `npm run setup`: everything the suites need from the host, installed once before any test runs
 * (`npm test` runs it first). Seconds when all is there.
 */
import { engineConfig } from './engine/config.ts';
import { ensureEnginePackages } from './engine/packages.ts';
import { ensureEngineTools } from './engine/tools.ts';
import { failureText, seconds } from './host/format.ts';
import { hostPackages, installHostPackages, isPresent } from './host/packages.ts';

const progress = (line: string): void => {
	process.stderr.write(`setup: ${line}\n`);
};

async function main(): Promise<void> {
	const started = Date.now();
	const missing = hostPackages.filter((p) => !isPresent(p));
	if (missing.length === 0) progress(`host packages: all ${hostPackages.length} present`);
	// Debian's packages for the engine and the quality checks, none of which conflicts with a Docker
	// package (an install that would remove any package is refused); then the engine's pinned Docker
	// packages and its tools, fetched and unpacked under the cache.
	await installHostPackages(['engine', 'quality'], progress);
	const engine = await ensureEnginePackages(engineConfig(), progress);
	progress(`engine packages: ${engine.root}`);
	const tools = await ensureEngineTools(engineConfig(), progress);
	progress(`engine tools: ${tools.root}`);
	progress(`done in ${seconds(Date.now() - started)}`);
}

main().catch((error: unknown) => {
	process.stderr.write(`setup failed: ${failureText(error)}\n`);
	process.exitCode = 1;
});
