/** `npm run engine -- up [--json] | down | status | env | shell | reset | offered` */
import { spawnSync } from 'node:child_process';
import { shellQuote } from '../../src/contract/shell.ts';
import { causes, failureText } from '../host/format.ts';
import { type EngineConfig, engineConfig } from './config.ts';
import { inNamespace } from './network.ts';

const progress = (line: string): void => {
	process.stderr.write(`${line}\n`);
};

// Ctrl-C during a long `up` cancels its steps, and `up` then stops what it had started.
const controller = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.once(signal, () => {
		progress(`engine: ${signal}, stopping what this call started`);
		controller.abort(new Error(`interrupted by ${signal}`));
	});
}
const signal = controller.signal;

/** Where `env` points docker when it failed: no socket there, so docker fails instead of using the default daemon. */
const failedDockerHost = 'unix:///nonexistent/layerbook-engine-not-running';

/**
 * What `env` prints when it fails, for `eval "$(npm run -s engine -- env)"` to fail loudly: an
 * eval of nothing succeeds and leaves DOCKER_HOST unset. Ends with `false` rather than `exit`,
 * which would close an interactive shell.
 */
function failedEnv(reason: string): string {
	return [`export DOCKER_HOST=${shellQuote(failedDockerHost)}`, `echo ${shellQuote(`layerbook engine env failed: ${reason}`)} >&2`, 'false', ''].join('\n');
}

async function main(command: string | undefined): Promise<void> {
	// The settings, read once: a bad one is refused before anything is installed or started.
	const config: EngineConfig = engineConfig();
	// Imported here, so that an error while loading the engine is reported like any other.
	const { down, reset, status, up } = await import('./index.ts');
	switch (command) {
		case 'up': {
			const started = Date.now();
			const engine = await up({ config, onProgress: progress, signal });
			// For a program (the engine suite's setup): the engine as JSON on stdout.
			if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify(engine)}\n`);
			progress(
				`engine ready in ${((Date.now() - started) / 1000).toFixed(1)}s: Docker ${engine.version} (${engine.os}/${engine.arch}) at ${engine.dockerHost}`,
			);
			for (const image of engine.baseImages) progress(`  ${image.name}  ${image.digest}${image.standIn ? '  (stand-in)' : ''}`);
			progress('use it with: eval "$(npm run --silent engine -- env)"');
			return;
		}
		case 'env': {
			// Progress on stderr only: stdout is meant for eval.
			const engine = await up({ config, onProgress: progress, signal });
			for (const [key, value] of Object.entries(engine.env)) {
				if (key === 'PATH') continue;
				process.stdout.write(`export ${key}=${shellQuote(value)}\n`);
			}
			// The client dir goes first on the caller's own PATH (ours here is npm's, with node_modules/.bin in it).
			const bin = (engine.env['PATH'] ?? '').split(':')[0] ?? '';
			process.stdout.write(`export PATH=${shellQuote(bin)}:"$PATH"\n`);
			return;
		}
		case 'shell': {
			// The chapters' shell, for a person: in the engine's network namespace, where its published
			// ports answer on localhost, with docker pointed at the engine.
			const engine = await up({ config, onProgress: progress, signal });
			if (engine.namespace === null) throw new Error('an external daemon (LAYERBOOK_DOCKER_HOST) has no namespace of the engine: use your own shell');
			const bin = (engine.env['PATH'] ?? '').split(':')[0] ?? '';
			progress(`engine shell: bash in ${engine.namespace}; exit to leave`);
			// Ctrl-C belongs to the shell now.
			process.on('SIGINT', () => undefined);
			const [file, args] = inNamespace(engine.namespace, 'bash');
			const shell = spawnSync(file, args, {
				stdio: 'inherit',
				env: { ...process.env, ...engine.env, PATH: `${bin}:${process.env['PATH'] ?? ''}` },
			});
			process.exitCode = shell.status ?? 1;
			return;
		}
		case 'down':
			await down(config);
			progress('engine stopped');
			return;
		case 'status':
			process.stdout.write(`${JSON.stringify(await status(config), null, 2)}\n`);
			return;
		case 'offered': {
			// What a bump can pin: the archive's versions of each engine package, beside the pinned one.
			const { enginePackages, offered } = await import('./packages.ts');
			const versions = await offered(config, progress);
			for (const p of enginePackages) {
				process.stdout.write(`${p.name}  pinned ${p.version}  offered ${(versions.get(p.name) ?? []).join(', ') || 'none'}\n`);
			}
			return;
		}
		case 'reset': {
			const engine = await up({ config, onProgress: progress, signal });
			await reset(engine);
			progress('engine reset: nothing is left in the daemon; the base images wait in the mirror');
			return;
		}
		default:
			process.stderr.write('usage: npm run engine -- up [--json] | down | status | env | shell | reset | offered\n');
			process.exitCode = 2;
	}
}

const command = process.argv[2];
main(command).catch((error: unknown) => {
	process.stderr.write(`engine: ${failureText(error)}\n`);
	if (command === 'env') process.stdout.write(failedEnv(causes(error).join('; caused by: ')));
	process.exitCode = 1;
});
