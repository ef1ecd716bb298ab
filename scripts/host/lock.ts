/**
 * An exclusive lock between processes on one host, held with flock(2): the kernel hands it to one
 * process at a time and takes it back when its holder is gone for any reason, so there is no stale
 * lock to take over and no race in taking one over.
 */
import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import type { Readable, Writable } from 'node:stream';
import { dirname, resolve } from 'node:path';

export interface HostLock {
	readonly path: string;
	/** Gives the lock up; resolves once another process can take it. Idempotent. */
	release(): Promise<void>;
}

export interface LockOptions {
	/** What wants the lock, for messages: `up`, `a chapter run`. */
	what: string;
	timeoutMs: number;
	/** Called once if the lock is held by another process, with its pid when known. */
	onWait?: ((holder: number) => void) | undefined;
}

export class LockBusyError extends Error {
	readonly holder: number | null;
	constructor(message: string, holder: number | null) {
		super(message);
		this.name = 'LockBusyError';
		this.holder = holder;
	}
}

/** util-linux's, on every Debian and Ubuntu. */
const flockCommand = 'flock';

/** How long a lock may be free before we tell the caller we are waiting. */
const waitNoticeMs = 250;

type Holder = ChildProcessByStdio<Writable, Readable, Readable>;

/**
 * The pid written in a lock file by its holder, if any: only to name it when someone waits. The
 * file is never removed: a process could hold the lock on a file already unlinked while another
 * locks a new one.
 */
async function lockHolder(path: string): Promise<number | null> {
	const text = await readFile(path, 'utf8').catch(() => '');
	const pid = Number(text.trim());
	return Number.isInteger(pid) && pid > 0 ? pid : null;
}

function busyMessage(options: LockOptions, path: string, holder: number | null): string {
	const who = holder === null ? 'another process holds it' : `process ${holder} holds it`;
	return `${options.what}: busy: ${who} (${path}); gave up after ${Math.round(options.timeoutMs / 1000)}s`;
}

/** The whole group: flock, and the `cat` under it that holds the lock's file open too. */
function killHolder(child: Holder): void {
	child.stdin.destroy();
	try {
		if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
	} catch {
		// Already gone.
	}
}

function exited(child: Holder): Promise<void> {
	return new Promise((done) => {
		if (child.exitCode !== null || child.signalCode !== null) done();
		else child.once('exit', () => done());
	});
}

/**
 * Node cannot flock, so a child holds the lock for us: `flock <file> sh -c 'echo locked; exec cat'`
 * says when it has the lock, then waits on a pipe from us. Releasing closes the pipe; if this
 * process dies, even by SIGKILL, the kernel closes it, `cat` ends, and the lock goes with it.
 */
export async function acquireLock(path: string, options: LockOptions): Promise<HostLock> {
	const file = resolve(path);
	await mkdir(dirname(file), { recursive: true });
	// Its own process group: a Ctrl-C at the terminal reaches us, which may still clean up under the lock, not the holder.
	const child: Holder = spawn(flockCommand, ['--exclusive', file, 'sh', '-c', 'echo locked; exec cat'], {
		stdio: ['pipe', 'pipe', 'pipe'],
		detached: true,
	});
	let stderr = '';
	child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
		stderr += chunk;
	});
	await new Promise<void>((resolveLocked, reject) => {
		let stdout = '';
		let told = false;
		const stop = (): void => {
			clearTimeout(deadline);
			clearInterval(notice);
			child.stdout.removeListener('data', onData);
			child.removeListener('error', onError);
			child.removeListener('exit', onExit);
		};
		const onData = (chunk: string): void => {
			stdout += chunk;
			if (!stdout.includes('\n')) return;
			stop();
			if (stdout.startsWith('locked\n')) resolveLocked();
			else {
				killHolder(child);
				reject(new Error(`${options.what}: ${flockCommand} on ${file} said ${JSON.stringify(stdout)}`));
			}
		};
		const onError = (error: Error): void => {
			stop();
			child.stdin.destroy();
			reject(new Error(`${options.what}: cannot run ${flockCommand} (util-linux) to lock ${file}`, { cause: error }));
		};
		const onExit = (code: number | null, signal: NodeJS.Signals | null): void => {
			stop();
			child.stdin.destroy();
			reject(new Error(`${options.what}: ${flockCommand} on ${file} ended (${signal ?? `exit ${code}`}) before taking the lock: ${stderr.trim()}`));
		};
		const deadline = setTimeout(() => {
			stop();
			killHolder(child);
			void lockHolder(file).then((holder) => reject(new LockBusyError(busyMessage(options, file, holder), holder)));
		}, options.timeoutMs);
		const notice = setInterval(() => {
			if (told || options.onWait === undefined) return;
			void lockHolder(file).then((holder) => {
				if (told || holder === null) return;
				told = true;
				options.onWait?.(holder);
			});
		}, waitNoticeMs);
		child.stdout.setEncoding('utf8').on('data', onData);
		child.once('error', onError);
		child.once('exit', onExit);
	});
	await writeFile(file, `${process.pid}\n`);
	// Held, the lock keeps nothing running: a process that ends without releasing it releases it all the same.
	child.unref();
	for (const stream of [child.stdin, child.stdout, child.stderr]) unrefStream(stream, false);
	let released: Promise<void> | undefined;
	return {
		path: file,
		release: () => {
			released ??= (async () => {
				child.ref();
				for (const stream of [child.stdin, child.stdout, child.stderr]) unrefStream(stream, true);
				// Cleared while still held, so it never wipes the pid of the next holder.
				await writeFile(file, '').catch(() => undefined);
				const gone = exited(child);
				child.stdin.end();
				const timer = setTimeout(() => killHolder(child), 5_000);
				await gone;
				clearTimeout(timer);
			})();
			return released;
		},
	};
}

/** Pipes to a child are sockets; a held lock's must not keep the process alive. */
function unrefStream(stream: Readable | Writable, ref: boolean): void {
	const socket = stream as Partial<{ ref(): unknown; unref(): unknown }>;
	if (ref) socket.ref?.();
	else socket.unref?.();
}

/** Runs `run` under the lock and releases it afterwards, whatever happens. */
export async function withHostLock<T>(path: string, options: LockOptions, run: () => Promise<T>): Promise<T> {
	const lock = await acquireLock(path, options);
	try {
		return await run();
	} finally {
		await lock.release();
	}
}
