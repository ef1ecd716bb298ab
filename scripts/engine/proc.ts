import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { commandLine, isAlive } from '../host/proc.ts';

export { isAlive };

export async function readPid(pidfile: string): Promise<number | null> {
	try {
		const pid = Number((await readFile(pidfile, 'utf8')).trim());
		return Number.isInteger(pid) && pid > 0 ? pid : null;
	} catch {
		return null;
	}
}

/**
 * Whether a live pid runs `program`: one of its arguments (the executable, or the script of an
 * interpreter) is named so. After a crash or a reboot a pidfile may name a pid that now belongs to
 * anything else, which must never be signalled, least of all as root.
 */
export function runs(pid: number, program: string): boolean {
	return (commandLine(pid) ?? []).some((arg) => basename(arg) === program);
}

/** The live pid in a pidfile; with `expect`, only if it runs that program. */
export async function alivePid(pidfile: string, expect?: string): Promise<number | null> {
	const pid = await readPid(pidfile);
	return pid !== null && isAlive(pid) && (expect === undefined || runs(pid, expect)) ? pid : null;
}

/** SIGTERM, wait, then SIGKILL: a process of ours never outlives `down`. */
export async function stopPid(pid: number, graceMs = 20_000): Promise<void> {
	if (!isAlive(pid)) return;
	try {
		process.kill(pid, 'SIGTERM');
	} catch {
		return;
	}
	const deadline = Date.now() + graceMs;
	while (Date.now() < deadline) {
		if (!isAlive(pid)) return;
		await sleep(100);
	}
	try {
		process.kill(pid, 'SIGKILL');
	} catch {
		return;
	}
	const killDeadline = Date.now() + 5_000;
	while (Date.now() < killDeadline && isAlive(pid)) await sleep(50);
}

/** Stops the process a pidfile names and removes the pidfile; with `expect`, only if it runs that program. */
export async function stopByPidfile(pidfile: string, graceMs?: number, expect?: string): Promise<boolean> {
	const pid = await alivePid(pidfile, expect);
	let stopped = false;
	if (pid !== null) {
		await stopPid(pid, graceMs);
		stopped = true;
	}
	await rm(pidfile, { force: true });
	return stopped;
}

/**
 * Starts a long-lived daemon in its own session with output to a log file.
 * Node's spawn rather than execa: execa's promise would reject when `down` later stops the daemon.
 */
export async function spawnDaemon(file: string, args: readonly string[], options: { log: string; pidfile?: string; env?: NodeJS.ProcessEnv }): Promise<number> {
	// Each start begins a fresh log: it holds the last run, for a post-mortem.
	const fd = openSync(options.log, 'w');
	try {
		const child = spawn(file, [...args], {
			detached: true,
			stdio: ['ignore', fd, fd],
			env: options.env ?? process.env,
		});
		const pid = await new Promise<number>((resolve, reject) => {
			child.once('error', (error) => reject(new Error(`could not start ${file}`, { cause: error })));
			child.once('spawn', () => {
				if (child.pid === undefined) reject(new Error(`could not start ${file}`));
				else resolve(child.pid);
			});
		});
		child.unref();
		if (options.pidfile !== undefined) await writeFile(options.pidfile, `${pid}\n`);
		return pid;
	} finally {
		closeSync(fd);
	}
}

export async function waitFor(
	what: string,
	check: () => Promise<boolean>,
	options: { timeoutMs: number; intervalMs?: number; alive?: () => boolean },
): Promise<void> {
	const deadline = Date.now() + options.timeoutMs;
	for (;;) {
		if (await check()) return;
		if (options.alive !== undefined && !options.alive()) throw new Error(`${what}: the process exited`);
		if (Date.now() > deadline) throw new Error(`${what}: not ready after ${options.timeoutMs / 1000}s`);
		await sleep(options.intervalMs ?? 200);
	}
}

export async function tail(path: string, lines = 30): Promise<string> {
	try {
		const text = await readFile(path, 'utf8');
		return text.split('\n').slice(-lines).join('\n');
	} catch {
		return '';
	}
}
