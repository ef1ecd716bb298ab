/** scripts/host/proc.ts: what /proc says of a process, read correctly in its awkward cases. */
import { spawn } from 'node:child_process';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandLine, executable, isAlive, parseStat, processStat } from '../../../scripts/host/proc.ts';

describe('/proc readings', () => {
	it('parses a stat line whose command name holds spaces and parentheses', () => {
		const stat = '4242 (a (weird) name) S 17 4242 4242 0 -1 4194560 1 0 0 0 0 0 0 0 20 0 1 0 98765 1 1';
		expect(parseStat(stat)).toEqual({ state: 'S', ppid: 17, startTime: '98765' });
	});

	it('sees this process, its parent and its arguments, and a reaped child as gone', async () => {
		expect(processStat(process.pid)?.ppid).toBe(process.ppid);
		expect(commandLine(process.pid)?.[0]).toContain('node');
		const child = spawn('sleep', ['30']);
		const pid = child.pid ?? 0;
		expect(isAlive(pid)).toBe(true);
		child.kill('SIGKILL');
		await new Promise((resolve) => child.once('exit', resolve));
		expect(isAlive(pid)).toBe(false);
		expect(commandLine(pid)).toBeNull();
	});

	it('names the file a process executes, still by its path once that file is deleted (as a package upgrade does), and null once it is gone', async () => {
		expect(executable(process.pid)).toBe(process.execPath);
		const copy = join(await mkdtemp(join(tmpdir(), 'exe-')), 'sleeper');
		await copyFile('/bin/sleep', copy);
		const child = spawn(copy, ['30'], { argv0: 'renamed' });
		const pid = child.pid ?? 0;
		try {
			expect(executable(pid)).toBe(copy);
			await rm(copy);
			expect(executable(pid)).toBe(copy);
		} finally {
			child.kill('SIGKILL');
			await new Promise((resolve) => child.once('exit', resolve));
		}
		expect(executable(pid)).toBeNull();
	});
});
