/**
 * Stopping every process a chapter started. `script` puts its child in a session of its own and
 * readers' commands may do the same, so killing a process group is not enough: the tree is
 * walked through /proc.
 */
import { allPids, isAlive, processStat } from '../host/proc.ts';

async function parentsByPid(): Promise<Map<number, number>> {
	const parents = new Map<number, number>();
	for (const pid of await allPids()) {
		// Null when the process ended while we looked.
		const stat = processStat(pid);
		if (stat !== null) parents.set(pid, stat.ppid);
	}
	return parents;
}

/** The process and all its descendants, parents first. */
async function processTree(root: number): Promise<number[]> {
	const parents = await parentsByPid();
	const tree = [root];
	for (let index = 0; index < tree.length; index += 1) {
		for (const [pid, parent] of parents) if (parent === tree[index]) tree.push(pid);
	}
	return tree;
}

function signal(pid: number, name: NodeJS.Signals): void {
	try {
		process.kill(pid, name);
	} catch {
		// Already gone.
	}
}

/** SIGTERM to the whole tree, then SIGKILL to whatever is left after a grace period. */
export async function killTree(root: number, graceMs = 2000): Promise<void> {
	// 0 is the parent of init and 1 is init: their trees are every process there is.
	if (!Number.isInteger(root) || root <= 1) throw new RangeError(`refusing to kill the process tree of pid ${root}`);
	const tree = await processTree(root);
	// A tree holding this process would stop it halfway, the rest of the tree stopped for good.
	if (tree.includes(process.pid)) throw new RangeError(`refusing to kill the process tree of pid ${root}: it holds this process`);
	// Stop the parents first so they do not start anything new while the children go.
	for (const pid of tree) signal(pid, 'SIGSTOP');
	for (const pid of tree) signal(pid, 'SIGTERM');
	for (const pid of tree) signal(pid, 'SIGCONT');
	const deadline = Date.now() + graceMs;
	while (Date.now() < deadline && tree.some(isAlive)) await new Promise((resolve) => setTimeout(resolve, 50));
	for (const pid of tree) if (isAlive(pid)) signal(pid, 'SIGKILL');
}
