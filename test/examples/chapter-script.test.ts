/**
 * A chapter as one script (src/contract/chapter-script.ts) runs to its end on a real engine, as a
 * reader would run it: `npm run export`, then bash with the engine's environment
 * (`eval "$(npm run -s engine -- env)"`), in a temp dir of its own. The engine also holds what
 * another project made (a stopped container, a dangling and a tagged image, a volume, a network),
 * as a reader's Docker would, and all of it must outlive the chapter's prunes.
 */
import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, inject, it } from 'vitest';
import { reset } from '../../scripts/engine/index.ts';
import { inNamespace } from '../../scripts/engine/network.ts';
import { lockEngineForChapter } from '../../scripts/examples/engine-lock.ts';
import { allPids, commandLine, environment } from '../../scripts/host/proc.ts';

/** Processes whose environment holds this entry: everything the script started inherits its TMPDIR. */
async function processesWith(entry: string): Promise<string[]> {
	const found: string[] = [];
	for (const pid of await allPids()) {
		if ((await environment(pid)).includes(entry)) found.push(`${pid}: ${(commandLine(pid) ?? []).join(' ')}`);
	}
	return found;
}

// One with a tty block, a retry, exit=N and published ports; one with a background block too.
// Both prune: images-and-containers' cleanup section, and working-with-containers' prune section.
const slugs = ['images-and-containers', 'working-with-containers'];

/** Names of another project's things on the engine, none with the chapter's label. */
const decoy = {
	container: 'other-project-stopped',
	image: 'other-project/app:keep',
	volume: 'other-project-data',
	network: 'other-project-net',
};

/**
 * Another project's things, as a reader's Docker holds them: each is what some prune would take (a
 * stopped container, a dangling image, a network no container uses, a volume no container uses),
 * and a tagged image. Returns the dangling image's id.
 */
async function makeDecoys(env: Record<string, string>): Promise<string> {
	const docker = (args: string[], input?: string) => execa('docker', args, { env, ...(input === undefined ? {} : { input }) });
	await docker(['run', '--name', decoy.container, 'busybox:latest', 'true']);
	await docker(['image', 'tag', 'busybox:latest', decoy.image]);
	// Built without a tag from a Dockerfile on stdin (no context): a dangling image.
	const dangling = (await docker(['build', '-q', '-'], 'FROM busybox:latest\nLABEL org.example.project=other\n')).stdout.trim();
	await docker(['volume', 'create', decoy.volume]);
	await docker(['network', 'create', decoy.network]);
	return dangling;
}

/** Which of another project's things are gone from the engine. */
async function missingDecoys(env: Record<string, string>, dangling: string): Promise<string[]> {
	const checks: [string, string[]][] = [
		[`container ${decoy.container}`, ['container', 'inspect', decoy.container]],
		[`dangling image ${dangling}`, ['image', 'inspect', dangling]],
		[`image ${decoy.image}`, ['image', 'inspect', decoy.image]],
		[`volume ${decoy.volume}`, ['volume', 'inspect', decoy.volume]],
		[`network ${decoy.network}`, ['network', 'inspect', decoy.network]],
	];
	const missing: string[] = [];
	for (const [what, args] of checks) {
		if ((await execa('docker', args, { env, reject: false })).exitCode !== 0) missing.push(what);
	}
	return missing;
}

describe('each chapter as one script', () => {
	for (const slug of slugs) {
		it(`${slug}: the exported script runs to its end on the engine, leaves nothing running and removes only what it made`, async () => {
			const engine = inject('engine');
			const lock = await lockEngineForChapter(engine.config);
			const root = await mkdtemp(join(tmpdir(), 'layerbook-script-'));
			try {
				await reset(engine);
				const dangling = await makeDecoys(engine.env);
				const script = join(root, `${slug}.sh`);
				await execa(process.execPath, ['--import', 'tsx', 'scripts/examples/cli.ts', 'export', slug, '--out', script]);
				expect(await readFile(script, 'utf8')).toMatch(/^#!\/usr\/bin\/env bash\n/);
				const home = join(root, 'home');
				await mkdir(join(home, '.docker'), { recursive: true });
				const config = engine.env['DOCKER_CONFIG'];
				if (config !== undefined) await copyFile(join(config, 'config.json'), join(home, '.docker', 'config.json')).catch(() => undefined);
				// The script refuses a daemon on another machine without --yes; the engine's own is a local socket.
				const yes = (engine.env['DOCKER_HOST'] ?? '').startsWith('unix://') ? [] : ['--yes'];
				// Where a reader's own shell would be: beside the daemon, in the engine's network namespace,
				// so the script's `curl localhost:8080` reaches the published port.
				const [file, args] = engine.namespace === null ? ['bash', [script, ...yes]] : inNamespace(engine.namespace, 'bash', [script, ...yes]);
				const result = await execa(file, args, {
					cwd: root,
					env: { ...engine.env, HOME: home, DOCKER_CONFIG: join(home, '.docker'), TMPDIR: root, LANG: 'C.UTF-8' },
					extendEnv: false,
					all: true,
					reject: false,
					timeout: 600_000,
					stdin: 'ignore',
				});
				const tail = (result.all ?? '').split('\n').slice(-40).join('\n');
				expect(result.exitCode, tail).toBe(0);
				expect(result.all).toContain(`${slug}: every example ran`);
				// The chapter's cleanup removed its containers, and nothing else; its background blocks were stopped.
				expect((await execa('docker', ['ps', '-a', '--format', '{{.Names}}'], { env: engine.env })).stdout).toBe(decoy.container);
				expect(await missingDecoys(engine.env, dangling)).toEqual([]);
				expect(await processesWith(`TMPDIR=${root}`)).toEqual([]);
			} finally {
				await reset(engine);
				await rm(root, { recursive: true, force: true });
				await lock.release();
			}
		}, 900_000);
	}
});
