/** scripts/examples/session.ts: one bash session per chapter, as a reader's terminal keeps it from block to block. */
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { reapLeftovers } from '../../../scripts/examples/leftovers.ts';
import { Session } from '../../../scripts/examples/session.ts';
import { commandLine, running } from './processes.ts';

// The chapter's shell needs no daemon: these run plain commands.
const env = { PATH: process.env['PATH'] ?? '/usr/bin:/bin', DOCKER_HOST: 'unix:///nowhere.sock' };
let session: Session | undefined;
let records: string | undefined;

async function start(options: { records?: string } = {}): Promise<Session> {
	session = await Session.start({ env, ...options });
	return session;
}

/** The pids a piece of code printed, one a line. */
function pids(output: string): number[] {
	return output
		.split(/\r?\n/)
		.filter((line) => /^\d+$/.test(line))
		.map(Number);
}

afterEach(async () => {
	await session?.close();
	await session?.remove();
	session = undefined;
	if (records !== undefined) await rm(records, { recursive: true, force: true });
	records = undefined;
});

describe('Session', () => {
	it('keeps the directory, variables and exports from one piece of code to the next', async () => {
		const shell = await start();
		await shell.run('mkdir -p app && cd app\nexport GREETING=hi\nLOCAL=yes', { timeoutMs: 5000 });
		const result = await shell.run('pwd; echo "$GREETING $LOCAL"; bash -c \'echo "$GREETING ${LOCAL:-unset}"\'', { timeoutMs: 5000 });
		expect(result.output).toBe(`${shell.workspace}/app\nhi yes\nhi unset\n`);
		expect(await shell.cwd()).toBe(`${shell.workspace}/app`);
	});

	it('sets the contract environment, HOME and DOCKER_CONFIG inside its own temp dir', async () => {
		const shell = await start();
		const result = await shell.run('echo "$HOME|$DOCKER_CONFIG|$LANG|$TZ|$COLUMNS|$DOCKER_HOST"', { timeoutMs: 5000 });
		expect(result.output).toBe(`${shell.home}|${shell.home}/.docker|C.UTF-8|UTC|120|unix:///nowhere.sock\n`);
		expect(shell.home.startsWith(shell.root)).toBe(true);
	});

	it('stops at the first failing command and says which line it was', async () => {
		const shell = await start();
		const result = await shell.run('echo one\nif false; then :; fi\nfalse || true\nls /does-not-exist\necho never', { timeoutMs: 5000 });
		expect(result).toMatchObject({ exitCode: 2, failedLine: 4, timedOut: false });
		expect(result.output).toMatch(/^one\nls: cannot access '\/does-not-exist'/);
		// The shell goes on: the next piece of code runs.
		expect((await shell.run('echo next', { timeoutMs: 5000 })).output).toBe('next\n');
	});

	it('does not leave the ERR trap set after a block that passed', async () => {
		const shell = await start();
		expect(await shell.run('echo ok', { timeoutMs: 5000 })).toMatchObject({ exitCode: 0, output: 'ok\n' });
		// A false test in an && list trips no ERR trap: the block ends with its status, at no line.
		const result = await shell.run('echo a\n[ -f /nonexistent ] && echo yes', { timeoutMs: 5000 });
		expect(result).toMatchObject({ exitCode: 1, failedLine: undefined, output: 'a\n' });
		expect(result.output).not.toMatch(/return:/);
		expect((await shell.run('echo next', { timeoutMs: 5000 })).output).toBe('next\n');
	});

	it('reports errors as bash does for a typed command, not naming its own files', async () => {
		const shell = await start();
		const result = await shell.run('echo ok\nfooo --version', { timeoutMs: 5000 });
		expect(result).toMatchObject({ exitCode: 127, failedLine: 2, output: 'ok\nbash: fooo: command not found\n' });
	});

	it('kills the code and everything it started at its time limit', async () => {
		const shell = await start();
		// A child left in the background and one in the foreground, each printing its pid.
		const result = await shell.run("sleep 987654 &\necho $!\nsh -c 'echo $$; exec sleep 987655'", { timeoutMs: 1000 });
		expect(result).toMatchObject({ exitCode: 124, timedOut: true });
		expect(shell.closed).toBe(true);
		const [background, foreground] = pids(result.output);
		expect(background).toBeGreaterThan(0);
		expect(foreground).toBeGreaterThan(0);
		expect(await commandLine(background ?? 0)).not.toBe('sleep 987654');
		expect(await commandLine(foreground ?? 0)).not.toBe('sleep 987655');
	});

	it('records its shell and temp dir while it runs, and drops the record once removed', async () => {
		records = await mkdtemp(join(tmpdir(), 'records-'));
		const shell = await start({ records });
		const [name] = await readdir(records);
		expect(name).toBe(`${process.pid}-${shell.pid}.json`);
		expect(JSON.parse(await readFile(join(records, name ?? ''), 'utf8'))).toMatchObject({ harness: process.pid, shell: shell.pid, root: shell.root });
		await shell.close();
		await shell.remove();
		expect(await readdir(records)).toEqual([]);
	});

	it('is reaped by the next run when its harness was killed outright', async () => {
		records = await mkdtemp(join(tmpdir(), 'records-'));
		const shell = await start({ records });
		const result = await shell.run('sleep 987659 &\necho $!', { timeoutMs: 5000 });
		const [sleeper] = pids(result.output);
		await running(sleeper ?? 0, 'sleep 987659');
		// As if the harness had been killed: the record names a process that has ended.
		const gone = execa('true');
		await gone;
		const [name] = await readdir(records);
		const file = join(records, name ?? '');
		await writeFile(file, JSON.stringify({ ...(JSON.parse(await readFile(file, 'utf8')) as object), harness: gone.pid, harnessStart: null }));
		expect((await reapLeftovers(records)).length).toBe(1);
		expect(await commandLine(sleeper ?? 0)).toBeUndefined();
		expect(await commandLine(shell.pid)).toBeUndefined();
		await expect(stat(shell.root)).rejects.toThrow(/ENOENT/);
		expect(await readdir(records)).toEqual([]);
	});

	it('stops what a block left running when it closes an idle shell', async () => {
		const shell = await start();
		const result = await shell.run('sleep 987653 &\necho $!', { timeoutMs: 5000 });
		const [sleeper] = pids(result.output);
		await running(sleeper ?? 0, 'sleep 987653');
		await shell.close();
		expect(await commandLine(sleeper ?? 0)).toBeUndefined();
	});

	it('runs background code beside the shell and stops it on close', async () => {
		const shell = await start();
		await shell.startBackground('sleep 987656 &\necho $!\nwhile :; do echo tick; sleep 0.1; done');
		await shell.run('sleep 0.5', { timeoutMs: 5000 });
		const [job] = await shell.backgroundOutputs();
		expect(job?.output).toMatch(/^\d+\ntick\ntick\n/);
		const [sleeper] = pids(job?.output ?? '');
		expect(await commandLine(sleeper ?? 0)).toBe('sleep 987656');
		await shell.close();
		expect(await commandLine(sleeper ?? 0)).not.toBe('sleep 987656');
	});

	it('kills a pseudo-terminal program at its time limit, typed input or not', async () => {
		const shell = await start();
		const result = await shell.run("sleep 987657 &\necho $!\nsh -c 'echo $$; exec sleep 987658'", {
			timeoutMs: 1000,
			tty: { input: ['never read', 'nor this'] },
		});
		expect(result).toMatchObject({ exitCode: 124, timedOut: true });
		const [background, foreground] = pids(result.output);
		expect(background).toBeGreaterThan(0);
		expect(foreground).toBeGreaterThan(0);
		expect(await commandLine(background ?? 0)).not.toBe('sleep 987657');
		expect(await commandLine(foreground ?? 0)).not.toBe('sleep 987658');
	});

	it('types input into a program that prints nothing first', async () => {
		const shell = await start();
		const result = await shell.run('head -n 1', { timeoutMs: 10_000, tty: { input: ['typed'] } });
		expect(result.exitCode).toBe(0);
		expect(result.output.replace(/\r/g, '')).toBe('typed\ntyped\n');
	});

	it('types input into a pseudo-terminal once it has settled', async () => {
		const shell = await start();
		const result = await shell.run('tty >/dev/null && echo "a terminal"; stty size; read -r line; echo "read $line"', {
			timeoutMs: 10_000,
			tty: { input: ['hello'] },
		});
		expect(result.exitCode).toBe(0);
		expect(result.output.replace(/\r/g, '')).toBe('a terminal\n40 120\nhello\nread hello\n');
	});
});
