/**
 * vitest globalSetup for the `engine` project: brings the tests' engine up (building or reusing
 * the stand-ins) and provides it to the test files as `inject('engine')`; stops it afterwards.
 *
 * Through the engine CLI in a child process with the project's `env` (instance `test`): vitest
 * runs every project's setup in its main process, so changing that process's environment here
 * would put the examples suite on this suite's engine.
 */
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import type { TestProject } from 'vitest/node';
import type { Engine } from '../../scripts/engine/index.ts';
import { downOnInterrupt } from '../down-on-interrupt.ts';
import { hostNetwork } from './host-network.ts';

declare module 'vitest' {
	export interface ProvidedContext {
		engine: Engine;
		/** The host's network settings before the engine came up (host-network.ts). */
		hostNetworkBefore: string;
	}
}

const cli = fileURLToPath(new URL('../../scripts/engine/cli.ts', import.meta.url));

/** `npm run engine -- <args>` in the project's environment; its progress goes to our stderr. */
async function engineCli(project: TestProject, args: readonly string[]): Promise<string> {
	const child = execa(process.execPath, ['--import', 'tsx', cli, ...args], { env: project.config.env, stderr: 'pipe', buffer: { stderr: false } });
	const said: string[] = [];
	child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
		for (const line of chunk.split('\n')) {
			if (line === '') continue;
			said.push(line);
			process.stderr.write(`[engine] ${line}\n`);
		}
	});
	try {
		return (await child).stdout;
	} catch (error) {
		throw new Error(`the engine suite's engine: \`engine ${args.join(' ')}\` failed:\n${said.slice(-20).join('\n')}`, { cause: error });
	}
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
	const before = await hostNetwork();
	project.provide('hostNetworkBefore', before);
	const dispose = downOnInterrupt({ ...process.env, ...project.config.env }, 'engine');
	const started = Date.now();
	const engine = JSON.parse(await engineCli(project, ['up', '--json'])) as Engine;
	process.stderr.write(`[engine] up in ${((Date.now() - started) / 1000).toFixed(1)}s at ${engine.dockerHost}\n`);
	project.provide('engine', engine);
	return async () => {
		dispose();
		await engineCli(project, ['down']);
		const after = await hostNetwork();
		if (after !== before) throw new Error(`the host's network settings changed during the engine suite:\nbefore:\n${before}\nafter:\n${after}`);
	};
}
