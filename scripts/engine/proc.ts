/** The engine's long-lived processes (dockerd, the mirror, slirp4netns) by their pidfiles: started, checked and stopped. */
import { spawn } from 'node:child_process';
import { closeSync, openSync, realpathSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { commandLine, executable, isAlive } from '../host/proc.ts';

async function readPid(pidfile: string): Promise<number | null> {
	try {
		const pid = Number((await readFile(pidfile, 'utf8')).trim());
		return Number.isInteger(pid) && pid > 0 ? pid : null;
	} catch {
		return null;
	}
}

/** Interpreters, whose program is the script they run rather than themselves (`node …/.bin/tsx cli.ts`). */
const interpreters = new Set(['node', 'nodejs', 'tsx']);
/** Node's options whose value is the next argument. */
const optionsWithValue = new Set([
	'-r',
	'--require',
	'--import',
	'--loader',
	'--experimental-loader',
	'-C',
	'--conditions',
	'--env-file',
	'--input-type',
	'--title',
]);
/** Node's options after which there is no script. */
const noScript = new Set(['-e', '--eval', '-p', '--print', '-i', '--interactive', '-v', '--version', '-h', '--help']);

/** The script an interpreter runs, from the arguments after the interpreter's own: not an option, nor an option's value. */
function scriptOf(args: readonly string[]): string | null {
	for (let i = 0; i < args.length; i++) {
		const arg = args[i] ?? '';
		if (arg === '--') return args[i + 1] ?? null;
		if (noScript.has(arg)) return null;
		if (arg.startsWith('-')) {
			if (optionsWithValue.has(arg)) i++;
			continue;
		}
		if (interpreters.has(basename(arg))) continue;
		return arg;
	}
	return null;
}

function realPath(path: string): string {
	try {
		return realpathSync(path);
	} catch {
		return path;
	}
}

/**
 * Whether a live pid runs `program`: its executable is named so (argv[0], or the file /proc says it
 * executes), or for an interpreter, its script is. An argument that merely names the program
 * (`grep dockerd`, `less /x/dockerd`) does not count. With `binary`, the path the program was
 * started from, a process that is not an interpreter must execute that very file. After a crash or a
 * reboot a pidfile may name a pid that now belongs to anything else, which must never be signalled,
 * least of all as root.
 */
export function runs(pid: number, program: string, binary?: string): boolean {
	const args = commandLine(pid);
	const head = args?.[0];
	if (args === null || head === undefined) return false;
	const exe = executable(pid);
	if (interpreters.has(basename(head)) || (exe !== null && interpreters.has(basename(exe)))) {
		const script = scriptOf(args.slice(1));
		return script !== null && basename(script) === program;
	}
	// /proc/<pid>/exe is unreadable only for a process that is not ours, which a user cannot signal.
	if (binary !== undefined && exe !== null) return exe === realPath(binary);
	return basename(head) === program || (exe !== null && basename(exe) === program);
}

/** The live pid in a pidfile; with `expect`, only if it runs that program (and with `binary`, that file). */
export async function alivePid(pidfile: string, expect?: string, binary?: string): Promise<number | null> {
	const pid = await readPid(pidfile);
	return pid !== null && isAlive(pid) && (expect === undefined || runs(pid, expect, binary)) ? pid : null;
}

/** SIGTERM, wait, then SIGKILL: a process of ours never outlives `down`. */
async function stopPid(pid: number, graceMs = 20_000): Promise<void> {
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

/** Stops the process a pidfile names and removes the pidfile; with `expect`, only if it runs that program (and with `binary`, that file). */
export async function stopByPidfile(pidfile: string, graceMs?: number, expect?: string, binary?: string): Promise<boolean> {
	const pid = await alivePid(pidfile, expect, binary);
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
