/**
 * Runs one block in the chapter's shell and judges it by the contract: a shell block at its
 * first failing command, a console block command by command against its transcript, `exit=N`
 * on the last command, `retry` until it passes, `background` started and left running.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import { type Block, blockLabel } from '../../src/contract/block.ts';
import { matchOutput, normalise } from './match.ts';
import type { BlockResult, Failure, OutputUpdate } from './result.ts';
import type { Session } from './session.ts';
import { expectedPrompts } from './prompt.ts';
import { commandStart, lastCommandStart } from '../../src/contract/shell.ts';
import { parseTranscript } from '../../src/contract/transcript.ts';

export const defaultTimeoutSeconds = 120;
const retryPauseMs = 1000;

export interface ExecuteOptions {
	/** Accept differing console output (to be written back) instead of failing. */
	update?: boolean | undefined;
}

/** One attempt's verdict, before timing and retries are added. */
interface Attempt {
	ok: boolean;
	output: string;
	exitCode?: number | undefined;
	failure?: Omit<Failure, 'file'> | undefined;
	updates?: OutputUpdate[] | undefined;
	/** The shell is gone: retrying cannot help. */
	fatal?: boolean | undefined;
}

/** The lines typed into a tty block: `stdin="a\nb\n"` is two lines, as `stdin="a\nb"` is. */
function typedLines(stdin: string | undefined): string[] {
	if (stdin === undefined) return [];
	return stdin.replace(/\n$/, '').split('\n');
}

function tail(text: string, count = 20): string {
	return text.split('\n').slice(-count).join('\n');
}

function seconds(ms: number): string {
	return `${Math.round(ms / 100) / 10} s`;
}

/** Why a block was stopped at its time limit. */
function timedOutMessage(timeoutMs: number, waitingFor: string | undefined): string {
	return `timed out after ${seconds(timeoutMs)}${waitingFor === undefined ? '' : ` waiting for ${waitingFor}`}: its processes were killed`;
}

async function runShell(block: Block, session: Session, timeoutMs: number): Promise<Attempt> {
	const tty = block.meta.tty === true ? { input: typedLines(block.meta.stdin) } : undefined;
	const result = await session.run(block.code, { timeoutMs, tty });
	const output = normalise(result.output, session.workspace);
	const lines = block.code.split('\n');
	const expectedExit = block.meta.exit ?? 0;
	if (result.timedOut) {
		return { ok: false, fatal: true, output, failure: { line: block.line, message: timedOutMessage(timeoutMs, result.waitingFor), lastLines: tail(output) } };
	}
	const failedIndex = result.failedLine === undefined ? undefined : commandStart(lines, result.failedLine - 1);
	const lastIndex = lastCommandStart(lines);
	const failedEarly = result.exitCode !== 0 && failedIndex !== undefined && failedIndex < lastIndex;
	if (result.exitCode === expectedExit && !failedEarly) return { ok: true, output, exitCode: result.exitCode };
	const index = result.exitCode !== 0 && failedIndex !== undefined ? failedIndex : lastIndex;
	const command = commandText(lines, index);
	const message =
		result.exitCode !== 0 && expectedExit === 0
			? `command failed with exit code ${result.exitCode}`
			: failedEarly
				? `command failed with exit code ${result.exitCode} before the last command (exit=${expectedExit} is for the last one)`
				: `the last command exited with ${result.exitCode}, expected exit=${expectedExit}`;
	return {
		ok: false,
		fatal: session.closed,
		output,
		exitCode: result.exitCode,
		failure: { line: block.codeLine + index, message, command, exitCode: result.exitCode, lastLines: tail(output) },
	};
}

function commandText(lines: readonly string[], start: number): string {
	const command = [lines[start] ?? ''];
	for (let index = start; /\\$/.test(lines[index] ?? '') && index + 1 < lines.length; index += 1) command.push(lines[index + 1] ?? '');
	return command.join('\n');
}

async function runConsole(block: Block, session: Session, timeoutMs: number, options: ExecuteOptions): Promise<Attempt> {
	const { commands } = parseTranscript(block.code, block.codeLine);
	const deadline = Date.now() + timeoutMs;
	const transcript: string[] = [];
	const updates: OutputUpdate[] = [];
	let exitCode = 0;
	for (const [index, command] of commands.entries()) {
		const last = index === commands.length - 1;
		const input = block.meta.tty === true && last ? typedLines(block.meta.stdin) : [];
		// The transcript shows the prompt each typed line follows: it is typed when that appears.
		const tty = block.meta.tty === true ? { input, prompts: expectedPrompts(command.expected, input) } : undefined;
		const result = await session.run(command.command, { timeoutMs: Math.max(deadline - Date.now(), 1), tty });
		const output = normalise(result.output, session.workspace);
		transcript.push(`$ ${command.command}`, ...(output === '' ? [] : [output]));
		exitCode = result.exitCode;
		const base = { line: command.line, command: command.command, exitCode: result.exitCode, lastLines: tail(output) };
		if (result.timedOut) {
			return { ok: false, fatal: true, output: transcript.join('\n'), failure: { ...base, message: timedOutMessage(timeoutMs, result.waitingFor) } };
		}
		const expectedExit = last ? (block.meta.exit ?? 0) : 0;
		if (result.exitCode !== expectedExit) {
			const message =
				expectedExit === 0
					? `command failed with exit code ${result.exitCode}`
					: `the last command exited with ${result.exitCode}, expected exit=${expectedExit}`;
			return { ok: false, fatal: session.closed, output: transcript.join('\n'), exitCode, failure: { ...base, message } };
		}
		const match = matchOutput(command.expected, output);
		if (!match.ok) {
			if (options.update === true) {
				updates.push({ command: index, actual: output });
				continue;
			}
			return { ok: false, output: transcript.join('\n'), exitCode, failure: { ...base, message: 'output differs from the transcript', diff: match.diff } };
		}
	}
	return { ok: true, output: transcript.join('\n'), exitCode, updates: updates.length > 0 ? updates : undefined };
}

async function writeFileBlock(block: Block, session: Session): Promise<Attempt> {
	const title = block.meta.title ?? '';
	const cwd = await session.cwd();
	const path = isAbsolute(title) ? title : join(cwd, title);
	await mkdir(dirname(path), { recursive: true });
	await writeFile(path, block.code.endsWith('\n') ? block.code : `${block.code}\n`);
	return { ok: true, output: '' };
}

async function attempt(block: Block, session: Session, options: ExecuteOptions): Promise<Attempt> {
	const timeoutMs = (block.meta.timeout ?? defaultTimeoutSeconds) * 1000;
	switch (block.kind) {
		case 'file':
			return writeFileBlock(block, session);
		case 'dockerfile':
			// Checked statically when the chapter was read; nothing to build.
			return { ok: true, output: '' };
		case 'shell':
			if (block.meta.background === true) {
				await session.startBackground(block.code, `${block.file}:${block.line}`);
				return { ok: true, output: '' };
			}
			return runShell(block, session, timeoutMs);
		case 'console':
			if (block.meta.background === true) {
				const { commands } = parseTranscript(block.code, block.codeLine);
				await session.startBackground(commands.map((command) => command.command).join('\n'), `${block.file}:${block.line}`);
				return { ok: true, output: '' };
			}
			return runConsole(block, session, timeoutMs, options);
		case 'shown':
			return { ok: true, output: '' };
	}
}

/** Runs the block, retrying as its `retry` allows. */
export async function executeBlock(block: Block, session: Session, options: ExecuteOptions = {}): Promise<BlockResult> {
	const identity = { file: block.file, line: block.line, kind: block.kind, hash: block.hash, label: blockLabel(block) };
	if (block.meta.skip !== undefined) return { ...identity, status: 'skipped', reason: block.meta.skip, durationMs: 0 };
	const started = Date.now();
	const retryUntil = started + (block.meta.retry ?? 0) * 1000;
	// A retry block is updated from the attempt that passes, or from the last one: an early
	// attempt shows a server still starting, not what the block is about.
	const retrying = block.meta.retry !== undefined && options.update === true;
	const strict = retrying ? { ...options, update: false } : options;
	let tries = 1;
	let result = await attempt(block, session, strict);
	while (!result.ok && result.fatal !== true && Date.now() + retryPauseMs < retryUntil) {
		await new Promise((resolve) => setTimeout(resolve, retryPauseMs));
		tries += 1;
		result = await attempt(block, session, strict);
	}
	if (retrying && !result.ok && result.fatal !== true) {
		tries += 1;
		result = await attempt(block, session, options);
	}
	const durationMs = Date.now() - started;
	const common = { ...identity, durationMs, output: result.output, exitCode: result.exitCode };
	if (result.ok) return { ...common, status: 'passed', updates: result.updates };
	const failure = result.failure ?? { line: block.line, message: 'failed' };
	const retried = tries > 1 ? ` (still failing after ${tries} tries in ${seconds(durationMs)})` : '';
	return { ...common, status: 'failed', failure: { ...failure, file: block.file, message: `${failure.message}${retried}` } };
}
