/** scripts/examples/leftovers.ts: what a dead harness left running is cleaned up, and nothing that is still in use. */
import { mkdir, mkdtemp, readdir, realpath, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { reapLeftovers, recordRun } from '../../../scripts/examples/leftovers.ts';
import { killTree } from '../../../scripts/examples/process-tree.ts';
import { commandLine, running } from './processes.ts';

/** What each test started, stopped and removed afterwards whatever happened. */
const started: { pids: number[]; dirs: string[] } = { pids: [], dirs: [] };

afterEach(async () => {
	await Promise.all(started.pids.map((pid) => killTree(pid, 200)));
	await Promise.all(started.dirs.map((dir) => rm(dir, { recursive: true, force: true })));
	started.pids = [];
	started.dirs = [];
});

/** The pid of a process that has ended and been reaped: a harness killed outright. */
async function deadPid(): Promise<number> {
	const child = execa('true');
	await child;
	if (child.pid === undefined) throw new Error('true did not start');
	return child.pid;
}

/** Where the records go. */
async function recordsDir(): Promise<string> {
	const dir = await mkdtemp(join(tmpdir(), 'records-'));
	started.dirs.push(dir);
	return dir;
}

/** A temp dir named as a session names its own. */
async function scenarioRoot(): Promise<string> {
	const root = await realpath(await mkdtemp(join(tmpdir(), 'layerbook-')));
	started.dirs.push(root);
	await mkdir(join(root, 'home'));
	await mkdir(join(root, 'harness'));
	return root;
}

/** Starts `script` detached, as a session starts its shell, and reads the pids it prints. */
async function detached(script: string, env: Record<string, string>, count: number): Promise<{ shell: number; printed: number[] }> {
	const child = execa('bash', ['-c', script], {
		env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', ...env },
		extendEnv: false,
		detached: true,
		buffer: false,
		reject: false,
	});
	if (child.pid === undefined) throw new Error('bash did not start');
	started.pids.push(child.pid);
	let output = '';
	child.stdout.setEncoding('utf8');
	const printed = await new Promise<number[]>((resolve) => {
		child.stdout.on('data', (chunk: string) => {
			output += chunk;
			const pids = output
				.split('\n')
				.filter((line) => /^[1-9]\d*$/.test(line))
				.map(Number);
			if (pids.length >= count) resolve(pids);
		});
	});
	started.pids.push(...printed);
	return { shell: child.pid, printed };
}

/** A run's shell with a child in its tree and one whose parent has ended, and its record. */
async function fakeRun(records: string, harness: number, seconds: number) {
	const root = await scenarioRoot();
	const markers = { HOME: join(root, 'home'), TMPDIR: join(root, 'harness') };
	const { shell, printed } = await detached(`sleep ${seconds} & echo $!; (sleep ${seconds + 1} & echo $!); wait`, markers, 2);
	const file = await recordRun(records, { shell, root, markers: Object.entries(markers).map(([key, value]) => `${key}=${value}`) }, harness);
	const [child = 0, orphan = 0] = printed;
	await running(child, `sleep ${seconds}`);
	await running(orphan, `sleep ${seconds + 1}`);
	return { root, file, shell, child, orphan };
}

describe('reapLeftovers', () => {
	it('kills what a run whose harness is dead left running and removes its temp dir and record', async () => {
		const records = await recordsDir();
		const dead = await fakeRun(records, await deadPid(), 987660);
		expect(await commandLine(dead.child)).toBe('sleep 987660');
		expect(await commandLine(dead.orphan)).toBe('sleep 987661');
		const reaped = await reapLeftovers(records);
		expect(reaped.map((record) => record.shell)).toEqual([dead.shell]);
		expect(await commandLine(dead.shell)).toBeUndefined();
		expect(await commandLine(dead.child)).toBeUndefined();
		expect(await commandLine(dead.orphan)).toBeUndefined();
		await expect(stat(dead.root)).rejects.toThrow(/ENOENT/);
		expect(await readdir(records)).toEqual([]);
	});

	it('leaves a run whose harness is alive alone', async () => {
		const records = await recordsDir();
		const live = await fakeRun(records, process.pid, 987662);
		expect(await reapLeftovers(records)).toEqual([]);
		expect(await commandLine(live.child)).toBe('sleep 987662');
		expect(await commandLine(live.orphan)).toBe('sleep 987663');
		expect((await stat(live.root)).isDirectory()).toBe(true);
		expect(await readdir(records)).toEqual([live.file.slice(records.length + 1)]);
	});

	it("does not kill a process that took a recorded pid but is not the run's", async () => {
		const records = await recordsDir();
		const root = await scenarioRoot();
		// No markers in its environment: to the reaper it is someone else's process.
		const { shell: stranger } = await detached('echo $$; exec sleep 987664', {}, 1);
		await running(stranger, 'sleep 987664');
		await recordRun(records, { shell: stranger, root, markers: [`HOME=${join(root, 'home')}`] }, await deadPid());
		await reapLeftovers(records);
		expect(await commandLine(stranger)).toBe('sleep 987664');
		await expect(stat(root)).rejects.toThrow(/ENOENT/);
	});
});
