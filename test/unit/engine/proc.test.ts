import { type ChildProcess, spawn } from 'node:child_process';
import { access, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { alivePid, isAlive, stopByPidfile } from '../../../scripts/engine/proc.ts';

const started: ChildProcess[] = [];
afterEach(() => {
	for (const child of started.splice(0)) child.kill('SIGKILL');
});

/** A live process that is not ours, and a pidfile naming it (as after a reboot that reused the pid). */
async function unrelatedPidfile(): Promise<{ pid: number; pidfile: string }> {
	const child = spawn('sleep', ['876543'], { stdio: 'ignore' });
	started.push(child);
	if (child.pid === undefined) throw new Error('sleep did not start');
	const pidfile = join(await mkdtemp(join(tmpdir(), 'pidfile-')), 'dockerd.pid');
	await writeFile(pidfile, `${child.pid}\n`);
	return { pid: child.pid, pidfile };
}

const exists = (path: string): Promise<boolean> =>
	access(path).then(
		() => true,
		() => false,
	);

describe('pidfiles of processes that are not ours', () => {
	it('stopByPidfile leaves a process that is not the expected program alone and removes the stale pidfile', async () => {
		const { pid, pidfile } = await unrelatedPidfile();
		expect(await stopByPidfile(pidfile, 1_000, 'dockerd')).toBe(false);
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(isAlive(pid)).toBe(true);
		expect(await exists(pidfile)).toBe(false);
	});

	it('alivePid does not count it as the expected program', async () => {
		const { pid, pidfile } = await unrelatedPidfile();
		expect(await alivePid(pidfile, 'dockerd')).toBeNull();
		expect(await alivePid(pidfile, 'sleep')).toBe(pid);
		expect(await alivePid(pidfile)).toBe(pid);
	});

	it('stopByPidfile still stops the expected program', async () => {
		const { pid, pidfile } = await unrelatedPidfile();
		expect(await stopByPidfile(pidfile, 1_000, 'sleep')).toBe(true);
		expect(isAlive(pid)).toBe(false);
		expect(await exists(pidfile)).toBe(false);
	});
});
