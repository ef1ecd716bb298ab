import './instance.ts';
import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, describe, expect, test } from 'vitest';
import { engineConfig } from '../../scripts/engine/config.ts';
import { namespaceName } from '../../scripts/engine/network.ts';
import { enginePaths } from '../../scripts/engine/paths.ts';
import { allPids, commandLine } from '../../scripts/host/proc.ts';

/*
 * Ctrl-C in a terminal sends SIGINT to the whole process group of `npm test`: vitest ends, and
 * the engine the examples suite started must stop with it. An instance of its own, so the suite's
 * engine and the contributor's are not touched.
 */
const instance = 'intr';
const env = { ...process.env, LAYERBOOK_INSTANCE: instance, LAYERBOOK_DOCKER_HOST: '' };
const config = engineConfig(env);
const paths = enginePaths(config);
const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = fileURLToPath(new URL('../../scripts/engine/cli.ts', import.meta.url));

async function instanceProcesses(): Promise<string[]> {
	const found: string[] = [];
	for (const entry of await allPids()) {
		// Each argument followed by a space, so the namespace's path is matched whole wherever it is.
		const cmdline = (commandLine(entry) ?? []).map((arg) => `${arg} `).join('');
		if (cmdline.includes(`${paths.runtime}/`) || cmdline.includes(`/run/netns/${namespaceName(config)} `)) found.push(`${entry}: ${cmdline}`);
	}
	return found;
}

async function chapterRunning(): Promise<boolean> {
	return (await readdir(`${paths.runtime}/chapter-runs`).catch(() => [])).length > 0;
}

describe('an interrupted test run', () => {
	afterAll(async () => {
		await execa(process.execPath, ['--import', 'tsx', cli, 'down'], { env, reject: false });
	}, 180_000);

	for (const signal of ['SIGINT', 'SIGTERM'] as const) {
		test(`${signal} to the run's process group during a chapter stops the engine the run started: no dockerd, mirror or namespace is left`, async () => {
			const run = execa('npx', ['vitest', 'run', '--project', 'examples', 'test/examples/chapters/building-images.test.ts'], {
				cwd: root,
				env,
				detached: true,
				reject: false,
				all: true,
			});
			const deadline = Date.now() + 900_000;
			while (!(await chapterRunning())) {
				if (run.exitCode !== null || Date.now() > deadline) throw new Error(`no chapter started:\n${(await run).all}`);
				await new Promise((resolve) => setTimeout(resolve, 500));
			}
			expect(await instanceProcesses()).not.toEqual([]);
			process.kill(-(run.pid ?? 0), signal);
			await run;
			expect(await instanceProcesses()).toEqual([]);
			expect((await execa('ip', ['netns', 'list'])).stdout).not.toContain(namespaceName(config));
		}, 1_000_000);
	}
});
