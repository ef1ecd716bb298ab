/** scripts/host/lock.ts within one process: a second taker waits, told who holds the lock. */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireLock, LockBusyError } from '../../../scripts/host/lock.ts';

describe('acquireLock', () => {
	it('holds the lock against a second taker in the same process, and names this process', async () => {
		const path = join(await mkdtemp(join(tmpdir(), 'host-lock-')), 'sub', 'x.lock');
		const first = await acquireLock(path, { what: 'first', timeoutMs: 1_000 });
		expect((await readFile(path, 'utf8')).trim()).toBe(String(process.pid));
		const second = acquireLock(path, { what: 'second', timeoutMs: 600 });
		await expect(second).rejects.toBeInstanceOf(LockBusyError);
		await expect(second).rejects.toThrow(`second: busy: process ${process.pid} holds it`);
		await first.release();
		await first.release();
		// Cleared on release, so a waiter is never told of a holder that is gone.
		expect(await readFile(path, 'utf8')).toBe('');
		const third = await acquireLock(path, { what: 'third', timeoutMs: 1_000 });
		await third.release();
	}, 10_000);
});
