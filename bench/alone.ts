/**
 * How much other work ran beside a measured command. The load average cannot tell: a two-minute
 * average after a build on two cores is high from the build itself. Instead: the CPU time the
 * whole machine spent, minus the CPU time of the command and its children.
 */
import { readFileSync } from 'node:fs';

/** Ticks per second of /proc's counters (USER_HZ, 100 on Linux). */
const ticksPerSecond = 100;

/** Busy CPU time of the whole machine so far, in ms (every core; idle and iowait left out). */
function machineBusyMs(): number {
	const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
	const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields;
	return ((user + nice + system + irq + softirq + steal) * 1000) / ticksPerSecond;
}

/** CPU time of this process's children that it has waited for, in ms (cutime + cstime). */
function childrenMs(): number {
	const stat = readFileSync('/proc/self/stat', 'utf8');
	// Fields after the command name, which may hold spaces: field 3 (state) comes first.
	const fields = stat
		.slice(stat.lastIndexOf(')') + 2)
		.split(' ')
		.map(Number);
	return (((fields[13] ?? 0) + (fields[14] ?? 0)) * 1000) / ticksPerSecond;
}

export interface Alone<T> {
	result: T;
	wallMs: number;
	/** CPU time of the command itself (with its children). */
	ownCpuMs: number;
	/** CPU time of everything else on the machine meanwhile, as a share of one core over the run. */
	otherShare: number;
}

/** Runs a synchronous command (spawnSync and the like) and measures what else the machine did. */
export function runAlone<T>(command: () => T): Alone<T> {
	const busyBefore = machineBusyMs();
	const childrenBefore = childrenMs();
	const started = performance.now();
	const result = command();
	const wallMs = performance.now() - started;
	const ownCpuMs = childrenMs() - childrenBefore;
	const otherMs = Math.max(0, machineBusyMs() - busyBefore - ownCpuMs);
	return { result, wallMs, ownCpuMs, otherShare: wallMs > 0 ? otherMs / wallMs : 0 };
}

/** Other work of at most a tenth of one core counts as idle (the bench itself and the kernel). */
export const idleShare = 0.1;
