/** scripts/engine/proc.ts: a pidfile's pid is signalled only while it still runs the program the engine started. */
import { type ChildProcess, spawn } from 'node:child_process';
import { access, chmod, copyFile, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { alivePid, runs, stopByPidfile } from '../../../scripts/engine/proc.ts';
import { isAlive } from '../../../scripts/host/proc.ts';

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

describe('runs: the executable, not any argument', () => {
	async function scratch(): Promise<string> {
		return mkdtemp(join(tmpdir(), 'runs-'));
	}
	function tracked(child: ChildProcess): number {
		started.push(child);
		if (child.pid === undefined) throw new Error('the process did not start');
		return child.pid;
	}
	/** A copy of sleep named `dockerd`: a process whose executable is that file. */
	async function fakeDockerd(): Promise<string> {
		const path = join(await scratch(), 'dockerd');
		await copyFile('/bin/sleep', path);
		await chmod(path, 0o755);
		return path;
	}
	const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 100));

	it('does not take a program named only in the arguments (grep dockerd, tail -f /x/dockerd)', async () => {
		const grep = tracked(spawn('grep', ['dockerd'], { stdio: ['pipe', 'ignore', 'ignore'] }));
		const file = join(await scratch(), 'dockerd');
		await writeFile(file, '');
		const tail = tracked(spawn('tail', ['-f', file], { stdio: 'ignore' }));
		await settle();
		expect(runs(grep, 'dockerd')).toBe(false);
		expect(runs(tail, 'dockerd')).toBe(false);
		expect(runs(grep, 'grep')).toBe(true);
		expect(runs(tail, 'tail')).toBe(true);
	});

	it("takes an interpreter's script, not its options' values nor the script's own arguments", async () => {
		const dir = await scratch();
		const preload = join(dir, 'dockerd.cjs');
		const script = join(dir, 'registry.mjs');
		await writeFile(preload, '');
		await writeFile(script, 'setInterval(() => {}, 1000);\n');
		const node = tracked(spawn(process.execPath, ['--require', preload, '--no-warnings', script, 'dockerd'], { stdio: 'ignore' }));
		await settle();
		expect(runs(node, 'registry.mjs')).toBe(true);
		expect(runs(node, 'dockerd')).toBe(false);
		expect(runs(node, 'dockerd.cjs')).toBe(false);
	});

	it('knows the program by its executable file, and with a path only that very file', async () => {
		const dockerd = await fakeDockerd();
		const other = await fakeDockerd();
		const pid = tracked(spawn(dockerd, ['876543'], { stdio: 'ignore', argv0: 'renamed' }));
		await settle();
		expect(runs(pid, 'dockerd')).toBe(true);
		expect(runs(pid, 'dockerd', dockerd)).toBe(true);
		expect(runs(pid, 'dockerd', other)).toBe(false);
		const pidfile = join(await scratch(), 'dockerd.pid');
		await writeFile(pidfile, `${pid}\n`);
		expect(await alivePid(pidfile, 'dockerd', other)).toBeNull();
		expect(await stopByPidfile(pidfile, 1_000, 'dockerd', other)).toBe(false);
		expect(isAlive(pid)).toBe(true);
		await writeFile(pidfile, `${pid}\n`);
		expect(await alivePid(pidfile, 'dockerd', dockerd)).toBe(pid);
		expect(await stopByPidfile(pidfile, 1_000, 'dockerd', dockerd)).toBe(true);
		expect(isAlive(pid)).toBe(false);
	});
});
