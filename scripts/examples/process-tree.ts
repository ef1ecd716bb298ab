/**
 * Stopping every process a chapter started. `script` puts its child in a session of its own and
 * readers' commands may do the same, so killing a process group is not enough: the tree is
 * walked through /proc.
 */
import { readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';

async function parentsByPid(): Promise<Map<number, number>> {
	const parents = new Map<number, number>();
	for (const name of await readdir('/proc')) {
		if (!/^\d+$/.test(name)) continue;
		try {
			const stat = await readFile(`/proc/${name}/stat`, 'utf8');
			// The command name may hold spaces and parentheses: the fields start after the last ')'.
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			parents.set(Number(name), Number(fields[1]));
		} catch {
			// The process ended while we looked.
		}
	}
	return parents;
}

/** The process and all its descendants, parents first. */
export async function processTree(root: number): Promise<number[]> {
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

/** Running or stopped, not a zombie waiting to be reaped. */
function alive(pid: number): boolean {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
	} catch {
		return false;
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
	while (Date.now() < deadline && tree.some(alive)) await new Promise((resolve) => setTimeout(resolve, 50));
	for (const pid of tree) if (alive(pid)) signal(pid, 'SIGKILL');
}
