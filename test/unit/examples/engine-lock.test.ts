/** scripts/examples/engine-lock.ts between real processes: one chapter run on an engine at a time. */
import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { engineConfig } from '../../../scripts/engine/config.ts';
import { engineForChapterLockPath, lockEngineForChapter } from '../../../scripts/examples/engine-lock.ts';
import { locked, startHolder } from '../host/contend.ts';

const saved = process.env['LAYERBOOK_RUNTIME_DIR'];
afterEach(() => {
	if (saved === undefined) delete process.env['LAYERBOOK_RUNTIME_DIR'];
	else process.env['LAYERBOOK_RUNTIME_DIR'] = saved;
});

async function runtimeDir(): Promise<string> {
	const runtime = await mkdtemp(join(tmpdir(), 'engine-lock-'));
	process.env['LAYERBOOK_RUNTIME_DIR'] = runtime;
	return runtime;
}

describe('lockEngineForChapter', () => {
	it('makes a second process wait until the first chapter run is done, and names it', async () => {
		const runtime = await runtimeDir();
		const holder = startHolder('chapter', runtime, 1_500);
		await locked(holder);
		const waitedFor: number[] = [];
		const started = Date.now();
		const lock = await lockEngineForChapter(engineConfig(), (pid) => waitedFor.push(pid));
		expect(waitedFor).toEqual([holder.pid]);
		expect(Date.now() - started).toBeGreaterThan(500);
		await lock.release();
		expect((await holder).exitCode).toBe(0);
	}, 30_000);

	it('is free the moment a chapter run is killed with SIGKILL', async () => {
		const runtime = await runtimeDir();
		const holder = startHolder('chapter', runtime, 600_000);
		await locked(holder);
		holder.kill('SIGKILL');
		await holder;
		const started = Date.now();
		const lock = await lockEngineForChapter(engineConfig(), undefined, 5_000);
		expect(Date.now() - started).toBeLessThan(2_000);
		await lock.release();
	}, 30_000);

	it('is not kept from us by a lock file that names a live process that does not hold it', async () => {
		await runtimeDir();
		const unrelated = spawn('sleep', ['876543'], { stdio: 'ignore' });
		try {
			await writeFile(engineForChapterLockPath(engineConfig()), `${unrelated.pid}\n`);
			const lock = await lockEngineForChapter(
				engineConfig(),
				() => {
					throw new Error('should not wait for a process that does not hold the lock');
				},
				2_000,
			);
			await lock.release();
		} finally {
			unrelated.kill('SIGKILL');
		}
	});

	it('gives up after its time limit, naming the process that holds the engine', async () => {
		const runtime = await runtimeDir();
		const holder = startHolder('chapter', runtime, 600_000);
		try {
			await locked(holder);
			await expect(lockEngineForChapter(engineConfig(), undefined, 700)).rejects.toThrow(new RegExp(`busy.*process ${holder.pid} holds`));
		} finally {
			holder.kill('SIGKILL');
			await holder;
		}
	}, 30_000);
});
