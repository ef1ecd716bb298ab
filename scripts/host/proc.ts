/**
 * What /proc says of a process: one reading of it for the whole project (the engine's pidfiles,
 * a chapter's process tree, the leftovers of a killed run).
 */
import { readFileSync, readlinkSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';

export interface ProcessStat {
	/** R, S, D, T, Z… */
	state: string;
	ppid: number;
	/** Clock ticks since boot: with the pid, tells a process from a later one that reuses its pid. */
	startTime: string;
}

/** Parses /proc/<pid>/stat; the command name may hold spaces and parentheses, so fields start after the last ')'. */
export function parseStat(stat: string): ProcessStat {
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	return { state: fields[0] ?? '', ppid: Number(fields[1]), startTime: fields[19] ?? '' };
}

export function processStat(pid: number): ProcessStat | null {
	try {
		return parseStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
	} catch {
		return null;
	}
}

/** Running or stopped, not gone and not a zombie waiting to be reaped (which still answers signal 0). */
export function isAlive(pid: number): boolean {
	const stat = processStat(pid);
	return stat !== null && stat.state !== 'Z';
}

/** Its arguments, or null when it is gone. */
export function commandLine(pid: number): string[] | null {
	try {
		return readFileSync(`/proc/${pid}/cmdline`, 'utf8')
			.split('\0')
			.filter((arg) => arg !== '');
	} catch {
		return null;
	}
}

/**
 * The file it executes (/proc/<pid>/exe), or null when it is gone or not ours to read. A binary
 * replaced on disk while it runs (a package upgrade) still counts as its old path.
 */
export function executable(pid: number): string | null {
	try {
		return readlinkSync(`/proc/${pid}/exe`).replace(/ \(deleted\)$/, '');
	} catch {
		return null;
	}
}

/** Its environment entries (`HOME=…`), empty when it is gone or not ours to read. */
export async function environment(pid: number): Promise<string[]> {
	return (await readFile(`/proc/${pid}/environ`, 'utf8').catch(() => '')).split('\0');
}

/** Every pid there is now. */
export async function allPids(): Promise<number[]> {
	return (await readdir('/proc')).filter((name) => /^\d+$/.test(name)).map(Number);
}
