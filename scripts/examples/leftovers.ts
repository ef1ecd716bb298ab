/**
 * What a chapter run killed outright (SIGKILL, a crash) leaves behind: its detached shell with
 * whatever that started, and the scenario's temp dir. Ctrl-C cleans up; this cannot. So each
 * session records them in a small file, and the next run reaps those whose harness is gone.
 */
import { mkdir, readdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { basename, isAbsolute, join, normalize } from 'node:path';
import { z } from 'zod';
import { allPids, environment, processStat } from '../host/proc.ts';
import { killTree } from './process-tree.ts';

const runRecordSchema = z.object({
	/** The harness process that ran the session. */
	harness: z.number().int().positive(),
	/** Its start time (clock ticks after boot): with the pid, it names one process, not a reused pid. */
	harnessStart: z.string().nullable(),
	/** The chapter's shell, leader of its own process group. */
	shell: z.number().int().positive(),
	/** The scenario's temp dir. */
	root: z.string(),
	/** Environment entries (`HOME=…`) only this run's processes have: how they are told from others. */
	markers: z.array(z.string().min(1)).min(1),
});

export type RunRecord = z.infer<typeof runRecordSchema>;

/** A process's start time, or null when it is gone or a zombie. */
function startTime(pid: number): string | null {
	const stat = processStat(pid);
	return stat === null || stat.state === 'Z' ? null : stat.startTime;
}

/** Whether the harness still runs: the same pid, started at the same time. */
async function harnessAlive(pid: number, start: string | null): Promise<boolean> {
	const now = startTime(pid);
	return now !== null && (start === null || now === start);
}

/** Records a session where the next run looks; returns the record's file. */
export async function recordRun(dir: string, run: Omit<RunRecord, 'harness' | 'harnessStart'>, harness = process.pid): Promise<string> {
	await mkdir(dir, { recursive: true });
	const file = join(dir, `${harness}-${run.shell}.json`);
	const record: RunRecord = { harness, harnessStart: startTime(harness), ...run };
	await writeFile(file, `${JSON.stringify(record)}\n`);
	return file;
}

/** Whether a process carries one of the run's markers in its environment; a reused pid does not. */
async function marked(pid: number, markers: readonly string[]): Promise<boolean> {
	return (await environment(pid)).some((entry) => markers.includes(entry));
}

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return undefined;
	}
}

/** Only a scenario's temp dir is removed, whatever a record says. */
function scenarioDir(root: string): boolean {
	return isAbsolute(root) && normalize(root) === root && basename(root).startsWith('layerbook-');
}

async function reap(record: RunRecord): Promise<void> {
	const victims: number[] = [];
	// The shell's tree goes whole, readers' commands that cleared their environment included.
	if (await marked(record.shell, record.markers)) victims.push(record.shell);
	// Processes whose parent ended first left the tree, but still carry the run's environment.
	for (const pid of await allPids()) {
		if (pid <= 1 || pid === record.shell || pid === process.pid) continue;
		if (await marked(pid, record.markers)) victims.push(pid);
	}
	await Promise.all(victims.map((pid) => killTree(pid)));
	if (scenarioDir(record.root)) await rm(record.root, { recursive: true, force: true, maxRetries: 3 });
}

/**
 * Reaps what runs whose harness is gone left behind: their processes, their temp dirs, their
 * records. Records of live runs (another harness, in parallel) are left alone. Returns the reaped.
 */
export async function reapLeftovers(dir: string): Promise<RunRecord[]> {
	const names = await readdir(dir).catch(() => []);
	const reaped: RunRecord[] = [];
	for (const name of names) {
		const named = /^(\d+)-\d+\.json$/.exec(name);
		if (named === null) continue;
		const file = join(dir, name);
		const text = await readFile(file, 'utf8').catch(() => undefined);
		// Another run reaped it meanwhile.
		if (text === undefined) continue;
		const parsed = runRecordSchema.safeParse(parseJson(text));
		if (!parsed.success) {
			// Cut short as it was written: only its name tells whose it was.
			if (!(await harnessAlive(Number(named[1]), null))) await unlink(file).catch(() => undefined);
			continue;
		}
		const record = parsed.data;
		if (await harnessAlive(record.harness, record.harnessStart)) continue;
		try {
			await reap(record);
		} catch (error) {
			throw new Error(`cannot reap what the run of process ${record.harness} left (${file})`, { cause: error });
		}
		await unlink(file).catch(() => undefined);
		reaped.push(record);
	}
	return reaped;
}

/** Drops a record: its run cleaned up after itself, or keeps its temp dir on purpose. */
export async function forgetRun(file: string): Promise<void> {
	await unlink(file).catch(() => undefined);
}
