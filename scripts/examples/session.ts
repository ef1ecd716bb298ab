/**
 * The chapter's terminal: ONE long-lived bash in a fresh directory, so `cd`, variables and
 * `export`s carry over from block to block as they do for a reader. Each piece of code is written
 * to a file and sourced; an ERR trap stops it at its first failing command and tells which line.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { copyFile, mkdir, mkdtemp, open, readFile, realpath, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { inNamespace } from '../engine/network.ts';
import { forgetRun, recordRun } from './leftovers.ts';
import { killTree } from './process-tree.ts';
import { type Prompt, atPrompt, screenLines } from './prompt.ts';
import { escapeRegExp } from '../../src/contract/pattern.ts';
import { shellQuote } from '../../src/contract/shell.ts';

/** What one piece of code did. */
export interface CodeResult {
	exitCode: number;
	/** The 1-based line of the code at which the first failing command stopped it. */
	failedLine: number | undefined;
	output: string;
	timedOut: boolean;
	durationMs: number;
	/** What the typist was still waiting for when the time limit struck, as a reader would say it. */
	waitingFor?: string | undefined;
}

export interface RunOptions {
	timeoutMs: number;
	/**
	 * Run under a pseudo-terminal and type these lines, each once the program shows its prompt
	 * (`prompts[i]`, from the transcript), or where there is none once the screen has settled.
	 */
	tty?: { input: string[]; prompts?: readonly (Prompt | undefined)[] | undefined } | undefined;
}

/** The typist of one tty run, and what the run tells it. */
interface Typist {
	/** The run is over: nothing more is typed. */
	done: boolean;
	waitingFor: string | undefined;
}

export interface SessionOptions {
	/** The engine's environment: DOCKER_HOST, DOCKER_CONFIG (naming its buildx and compose plugins), PATH with its client first. */
	env: Record<string, string>;
	/** Where to make the scenario's temp dir; the system's temp dir by default. */
	parent?: string;
	/**
	 * Where to record the shell and the temp dir, so the next run reaps them should this one be
	 * killed outright (leftovers.ts). Not recorded without it.
	 */
	records?: string | undefined;
	/** The engine's network namespace (a /run/netns file): the shell runs inside it, so `curl localhost:8080` reaches a published port. */
	namespace?: string | null | undefined;
}

/** The lines prepended to sourced code; the code's line N is the file's line N + offset. */
const prelude = ["trap '__lb_status=$?; __lb_line=$LINENO; trap - ERR; return $__lb_status' ERR"];
const lineOffset = prelude.length;
/**
 * The lines appended to sourced code. Traps are global: one left set after a block that passed
 * would fire at top level when a later block ends non-zero without tripping it
 * (`[ -f x ] && echo yes`), at the wrong line and with a `return` outside any sourced file.
 */
const epilogue = ['__lb_status=$?; trap - ERR; return $__lb_status'];

/** The file sourced for a piece of code: the ERR trap around it, set and reset. */
function sourced(code: string): string {
	return `${prelude.join('\n')}\n${code}\n${epilogue.join('\n')}\n`;
}

/** How long the screen must be still before the next line of tty input is typed. */
const settleMs = 400;
/** The reader's terminal: COLUMNS in the environment, and the pseudo-terminal's size. */
const columns = 120;
const rows = 40;
/** How long a program that prints nothing is given to start before input is typed. */
const quietStartMs = 1500;
/** How often the typist looks at the screen. */
const pollMs = 50;

class SessionClosedError extends Error {}

function spawnShell(cwd: string, env: Record<string, string>, namespace: string | null | undefined) {
	const shell = ['bash', ['--noprofile', '--norc']] as const;
	const [file, args] = namespace === null || namespace === undefined ? shell : inNamespace(namespace, ...shell);
	return execa(file, args, {
		cwd,
		env,
		extendEnv: false,
		stdin: 'pipe',
		stdout: 'pipe',
		stderr: 'pipe',
		buffer: false,
		reject: false,
		// Its own process group: a Ctrl-C meant for the harness is handled by the harness, which
		// then stops the shell and everything in it.
		detached: true,
	});
}

type Shell = ReturnType<typeof spawnShell>;

export class Session {
	/** The scenario's temp dir: the workspace, HOME and the harness's own files are inside. */
	readonly root: string;
	/** The working directory the chapter starts in; written `[CWD]` in outputs. */
	readonly workspace: string;
	readonly home: string;
	readonly #control: string;
	readonly #token = `__layerbook_${randomBytes(8).toString('hex')}`;
	readonly #shell: Shell;
	readonly #background = new Map<number, { pid: number; output: string; label: string }>();
	#pending = new Map<string, (line: string) => void>();
	#counter = 0;
	#closed: string | undefined;
	#record: string | undefined;
	#stdoutRest = '';
	#shellErrors = '';

	private constructor(root: string, shell: Shell) {
		this.root = root;
		this.workspace = join(root, 'work');
		this.home = join(root, 'home');
		this.#control = join(root, 'harness');
		this.#shell = shell;
	}

	static async start(options: SessionOptions): Promise<Session> {
		const root = await realpath(await mkdtemp(join(options.parent ?? tmpdir(), 'layerbook-')));
		const workspace = join(root, 'work');
		const home = join(root, 'home');
		await mkdir(workspace);
		await mkdir(join(home, '.docker'), { recursive: true });
		// The engine's client config names its buildx and compose plugins; the chapter gets its own copy.
		const engineConfig = options.env['DOCKER_CONFIG'];
		if (engineConfig !== undefined) await copyFile(join(engineConfig, 'config.json'), join(home, '.docker', 'config.json')).catch(() => undefined);
		await mkdir(join(root, 'harness'));
		const env: Record<string, string> = {
			PATH: options.env['PATH'] ?? process.env['PATH'] ?? '/usr/bin:/bin',
			...options.env,
			HOME: home,
			DOCKER_CONFIG: join(home, '.docker'),
			LANG: 'C.UTF-8',
			LC_ALL: 'C.UTF-8',
			TZ: 'UTC',
			COLUMNS: String(columns),
			TERM: 'dumb',
			USER: process.env['USER'] ?? 'root',
			TMPDIR: join(root, 'harness'),
		};
		const session = new Session(root, spawnShell(workspace, env, options.namespace));
		session.#listen();
		if (options.records !== undefined && session.#shell.pid !== undefined) {
			try {
				// Only this run's processes have this HOME and TMPDIR: a reused pid does not.
				session.#record = await recordRun(options.records, { shell: session.#shell.pid, root, markers: [`HOME=${home}`, `TMPDIR=${env['TMPDIR'] ?? ''}`] });
			} catch (error) {
				await session.close();
				await session.remove();
				throw new Error(`cannot record the chapter's shell in ${options.records}`, { cause: error });
			}
		}
		return session;
	}

	#listen(): void {
		this.#shell.stdout.setEncoding('utf8');
		this.#shell.stdout.on('data', (chunk: string) => {
			const lines = (this.#stdoutRest + chunk).split('\n');
			this.#stdoutRest = lines.pop() ?? '';
			for (const line of lines) {
				if (!line.startsWith(this.#token)) continue;
				const [, id, ...rest] = line.split(' ');
				const resolve = this.#pending.get(id ?? '');
				this.#pending.delete(id ?? '');
				resolve?.(rest.join(' '));
			}
		});
		this.#shell.stderr.setEncoding('utf8');
		this.#shell.stderr.on('data', (chunk: string) => {
			this.#shellErrors = (this.#shellErrors + chunk).slice(-4000);
		});
		void this.#shell.then((result) => {
			this.#closed ??= `the chapter's shell exited (code ${result.exitCode ?? result.signal ?? '?'})${this.#shellErrors === '' ? '' : `: ${this.#shellErrors.trim()}`}`;
			for (const resolve of this.#pending.values()) resolve('closed');
			this.#pending.clear();
		});
	}

	get pid(): number {
		return this.#shell.pid ?? 0;
	}

	get closed(): boolean {
		return this.#closed !== undefined;
	}

	/** Sends one line to the shell and waits for its sentinel. */
	async #send(id: string, line: string, timeoutMs: number): Promise<{ reply: string; timedOut: boolean }> {
		if (this.#closed !== undefined) throw new SessionClosedError(this.#closed);
		const reply = new Promise<string>((resolve) => this.#pending.set(id, resolve));
		this.#shell.stdin.write(`${line}\n`);
		let timer: NodeJS.Timeout | undefined;
		const timeout = new Promise<'timeout'>((resolve) => {
			timer = setTimeout(() => resolve('timeout'), timeoutMs);
		});
		try {
			const first = await Promise.race([reply, timeout]);
			if (first === 'timeout') return { reply: '', timedOut: true };
			if (first === 'closed') throw new SessionClosedError(this.#closed ?? "the chapter's shell exited");
			return { reply: first, timedOut: false };
		} finally {
			clearTimeout(timer);
		}
	}

	/** Runs code in the chapter's shell: it sees and changes the directory and variables. */
	async run(code: string, options: RunOptions): Promise<CodeResult> {
		this.#counter += 1;
		const id = String(this.#counter);
		const script = join(this.#control, `code-${id}.sh`);
		const outputFile = join(this.#control, `output-${id}`);
		const started = Date.now();
		let line: string;
		let typing: Promise<void> | undefined;
		let input: string | undefined;
		const typist: Typist = { done: false, waitingFor: undefined };
		if (options.tty === undefined) {
			await writeFile(script, sourced(code));
			line = `__lb_line=0; { source ${shellQuote(script)}; } >${shellQuote(outputFile)} 2>&1 </dev/null; echo "${this.#token} ${id} $? $__lb_line"`;
		} else {
			// A pseudo-terminal needs a process of its own: it sees the exported variables and the
			// current directory, as a new terminal tab would.
			await writeFile(script, `${code}\n`);
			input = join(this.#control, `input-${id}`);
			await execa('mkfifo', [input]);
			// The terminal is as wide as COLUMNS says; a new pseudo-terminal would be 0 by 0.
			const command = `stty cols ${columns} rows ${rows} 2>/dev/null; exec bash --noprofile --norc ${shellQuote(script)}`;
			line = `TERM=xterm script -qefc ${shellQuote(command)} /dev/null <${shellQuote(input)} >${shellQuote(outputFile)} 2>&1; echo "${this.#token} ${id} $? 0"`;
			typing = this.#type(input, outputFile, options.tty.input, options.tty.prompts ?? [], typist);
		}
		const { reply, timedOut } = await this.#send(id, line, options.timeoutMs).catch(async (error: unknown) => {
			if (error instanceof SessionClosedError) return { reply: 'closed', timedOut: false };
			throw error;
		});
		typist.done = true;
		const { waitingFor } = typist;
		if (timedOut) await this.close();
		// A typist still waiting for the terminal to open its input is let go: opening the pipe's
		// other end unblocks it, and its writes then fail, which is fine now.
		if (input !== undefined && (timedOut || reply === 'closed')) {
			await open(input, constants.O_RDONLY | constants.O_NONBLOCK).then(
				(handle) => handle.close(),
				() => undefined,
			);
		}
		await typing?.catch(() => undefined);
		const output = this.#asTyped(await readFile(outputFile, 'utf8').catch(() => ''));
		const durationMs = Date.now() - started;
		if (timedOut) return { exitCode: 124, failedLine: undefined, output, timedOut, durationMs, waitingFor };
		if (reply === 'closed') {
			return { exitCode: 255, failedLine: undefined, output: `${output}\n${this.#closed ?? ''}`.trim(), timedOut: false, durationMs };
		}
		const [status, failed] = reply.split(' ').map(Number);
		const failedLine = failed !== undefined && failed > lineOffset ? failed - lineOffset : undefined;
		return { exitCode: status ?? 255, failedLine, output, timedOut: false, durationMs };
	}

	/**
	 * Bash names the sourced file in its own errors (`/tmp/…/code-3.sh: line 2: fooo: command not
	 * found`); a reader typing the command sees `bash: fooo: command not found`.
	 */
	#asTyped(output: string): string {
		const escaped = escapeRegExp(this.#control);
		return output.replace(new RegExp(`${escaped}/code-\\d+\\.sh: line \\d+: `, 'g'), 'bash: ');
	}

	/** The shell's current directory, where a file block is written. */
	async cwd(): Promise<string> {
		const result = await this.run('pwd', { timeoutMs: 10_000 });
		if (result.exitCode !== 0) throw new Error(`cannot read the chapter shell's directory: ${result.output}`);
		return result.output.trim();
	}

	/** Types each line at its prompt, or once the terminal's output has been still for a moment. */
	async #type(fifo: string, outputFile: string, lines: string[], prompts: readonly (Prompt | undefined)[], typist: Typist): Promise<void> {
		const writer = await open(fifo, 'w');
		try {
			let typedAt = 0;
			for (const [index, text] of lines.entries()) {
				const prompt = prompts[index];
				if (prompt === undefined) await this.#settle(outputFile, typist);
				else {
					typist.waitingFor = `the prompt "${prompt.shown}" before typing "${text}"`;
					await this.#prompted(outputFile, typedAt, prompt, typist);
				}
				if (typist.done || this.#closed !== undefined) return;
				typist.waitingFor = undefined;
				typedAt = screenLines(await readFile(outputFile, 'utf8').catch(() => ''));
				await writer.write(`${text}\n`);
			}
			await this.#settle(outputFile, typist);
		} finally {
			await writer.close();
		}
	}

	/**
	 * Waits until the screen shows the prompt on a line after the one last typed on, and still
	 * shows it a moment later: the program has drawn it and waits. The run's time limit bounds it.
	 */
	async #prompted(file: string, typedAt: number, prompt: Prompt, typist: Typist): Promise<void> {
		let shown = -1;
		for (;;) {
			await new Promise((resolve) => setTimeout(resolve, pollMs));
			if (typist.done || this.#closed !== undefined) return;
			const screen = await readFile(file, 'utf8').catch(() => '');
			if (!atPrompt(screen, typedAt, prompt, this.workspace)) shown = -1;
			else if (screen.length === shown) return;
			else shown = screen.length;
		}
	}

	/**
	 * Waits until the output has not changed for a moment: the program is probably waiting for
	 * input. Only for lines the transcript shows no prompt before: on a loaded machine a slow
	 * program can be quiet for longer. A program that prints nothing first (`cat`) is given
	 * `quietStartMs` to start.
	 */
	async #settle(file: string, typist: Typist): Promise<void> {
		const started = Date.now();
		let size = -1;
		let still = 0;
		for (;;) {
			await new Promise((resolve) => setTimeout(resolve, 100));
			if (typist.done || this.#closed !== undefined) return;
			const now = (await stat(file).catch(() => undefined))?.size ?? 0;
			still = now === size ? still + 100 : 0;
			size = now;
			if (still >= settleMs && (now > 0 || Date.now() - started >= quietStartMs)) return;
		}
	}

	/** Starts code in the background, in a subshell of the chapter's shell; stopped by close(). */
	async startBackground(code: string, label = 'background'): Promise<number> {
		this.#counter += 1;
		const id = String(this.#counter);
		const script = join(this.#control, `code-${id}.sh`);
		const outputFile = join(this.#control, `output-${id}`);
		await writeFile(script, sourced(code));
		const line = `( source ${shellQuote(script)} ) >${shellQuote(outputFile)} 2>&1 </dev/null & echo "${this.#token} ${id} $!"`;
		const { reply, timedOut } = await this.#send(id, line, 10_000);
		if (timedOut) throw new Error('the chapter shell did not start a background block within 10 s');
		this.#background.set(Number(id), { pid: Number(reply), output: outputFile, label });
		return Number(id);
	}

	/** What each background block has printed so far. */
	async backgroundOutputs(): Promise<{ label: string; output: string }[]> {
		return Promise.all(
			[...this.#background.values()].map(async (job) => ({ label: job.label, output: this.#asTyped(await readFile(job.output, 'utf8').catch(() => '')) })),
		);
	}

	/** Stops background blocks and the shell with everything they started. */
	async close(): Promise<void> {
		this.#closed ??= "the chapter's shell was closed";
		for (const job of this.#background.values()) await killTree(job.pid);
		// The tree is walked before stdin ends: an idle shell exits at once on end of input, and
		// what it left in the background would be re-parented out of reach.
		if (this.#shell.pid !== undefined) await killTree(this.#shell.pid);
		this.#shell.stdin.end();
		await this.#shell;
	}

	/** Removes the scenario's temp dir; call after close(). */
	async remove(): Promise<void> {
		await rm(this.root, { recursive: true, force: true, maxRetries: 3 });
		await this.forget();
	}

	/** Drops the record of the shell and temp dir: after close(), for a temp dir kept on purpose. */
	async forget(): Promise<void> {
		if (this.#record !== undefined) await forgetRun(this.#record);
		this.#record = undefined;
	}
}
