/**
 * A chapter as one script (src/contract/chapter-script.ts) runs to its end on a real engine, as a
 * reader would run it: `npm run export`, then bash with the engine's environment
 * (`eval "$(npm run -s engine -- env)"`), in a temp dir of its own.
 */
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, inject, it } from 'vitest';
import { reset } from '../../scripts/engine/index.ts';
import { lockEngineForChapter } from '../../scripts/examples/engine-lock.ts';

/** Processes whose environment holds this entry: everything the script started inherits its TMPDIR. */
async function processesWith(entry: string): Promise<string[]> {
	const found: string[] = [];
	for (const pid of (await readdir('/proc')).filter((name) => /^\d+$/.test(name))) {
		const environ = await readFile(`/proc/${pid}/environ`, 'utf8').catch(() => '');
		if (environ.split('\0').includes(entry)) found.push(`${pid}: ${(await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')).split('\0').join(' ')}`);
	}
	return found;
}

// One with a tty block, a retry, exit=N and published ports; one with a background block too.
const slugs = ['images-and-containers', 'working-with-containers'];

describe('each chapter as one script', () => {
	for (const slug of slugs) {
		it(`${slug}: the exported script runs to its end on the engine and leaves nothing running`, async () => {
			const engine = inject('engine');
			const lock = await lockEngineForChapter(engine.config);
			const root = await mkdtemp(join(tmpdir(), 'layerbook-script-'));
			try {
				await reset(engine);
				const script = join(root, `${slug}.sh`);
				await execa(process.execPath, ['--import', 'tsx', 'scripts/examples/cli.ts', 'export', slug, '--out', script]);
				expect(await readFile(script, 'utf8')).toMatch(/^#!\/usr\/bin\/env bash\n/);
				const home = join(root, 'home');
				await mkdir(join(home, '.docker'), { recursive: true });
				const config = engine.env['DOCKER_CONFIG'];
				if (config !== undefined) await copyFile(join(config, 'config.json'), join(home, '.docker', 'config.json')).catch(() => undefined);
				const result = await execa('bash', [script], {
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
				// The chapter's cleanup removed its containers; its background blocks were stopped.
				expect((await execa('docker', ['ps', '-aq'], { env: engine.env })).stdout).toBe('');
				expect(await processesWith(`TMPDIR=${root}`)).toEqual([]);
			} finally {
				await reset(engine);
				await rm(root, { recursive: true, force: true });
				await lock.release();
			}
		}, 900_000);
	}
});
