/** The engine lock (scripts/engine/lock.ts) between real processes: one holder at a time, free the moment its holder dies. */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withLock } from '../../../scripts/engine/lock.ts';
import { locked, overlaps, startHolder } from '../host/contend.ts';

async function lockFile(): Promise<string> {
	return join(await mkdtemp(join(tmpdir(), 'engine-lock-')), 'lock');
}

describe('the engine lock', () => {
	it('is held by one process at a time, also when they all find a lock left by a dead process', async () => {
		const path = await lockFile();
		const log = `${path}.log`;
		await writeFile(path, '999999999\n');
		const holders = Array.from({ length: 5 }, () => startHolder('engine', path, 150, log));
		const results = await Promise.all(holders);
		expect(results.map((result) => result.exitCode)).toEqual([0, 0, 0, 0, 0]);
		expect(await overlaps(log)).toEqual([]);
		expect((await readFile(log, 'utf8')).match(/^start/gm)).toHaveLength(5);
	}, 60_000);

	it('is not kept from us by a lock file that names a live process that does not hold it (a reused pid)', async () => {
		const path = await lockFile();
		const unrelated = spawn('sleep', ['876543'], { stdio: 'ignore' });
		try {
			await writeFile(path, `${unrelated.pid}\n`);
			const started = Date.now();
			await withLock(path, 'up', async () => undefined, 2_000);
			expect(Date.now() - started).toBeLessThan(1_500);
		} finally {
			unrelated.kill('SIGKILL');
		}
	});

	it('is free the moment its holder is killed with SIGKILL', async () => {
		const path = await lockFile();
		const holder = startHolder('engine', path, 600_000);
		await locked(holder);
		holder.kill('SIGKILL');
		await holder;
		const started = Date.now();
		await withLock(path, 'up', async () => undefined, 5_000);
		expect(Date.now() - started).toBeLessThan(2_000);
	}, 30_000);

	it('names the process that holds it when it gives up waiting', async () => {
		const path = await lockFile();
		const holder = startHolder('engine', path, 600_000);
		try {
			await locked(holder);
			await expect(withLock(path, 'up', async () => undefined, 700)).rejects.toThrow(new RegExp(`^up: .*busy.*process ${holder.pid} holds`));
		} finally {
			holder.kill('SIGKILL');
			await holder;
		}
	}, 30_000);
});
