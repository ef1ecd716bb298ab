/** Helpers for tests of locks between processes. */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';

const holderScript = fileURLToPath(new URL('./lock-holder.ts', import.meta.url));

/** Starts a process that takes the lock and holds it for `ms`. */
export function startHolder(kind: 'engine' | 'chapter', where: string, ms: number, log?: string) {
	return execa(process.execPath, ['--import', 'tsx', holderScript, kind, where, String(ms), ...(log === undefined ? [] : [log])], {
		buffer: false,
		reject: false,
	});
}

export type Holder = ReturnType<typeof startHolder>;

/** Resolves when the holder says it has the lock. */
export function locked(holder: Holder): Promise<void> {
	return new Promise((resolve, reject) => {
		let text = '';
		holder.stdout.setEncoding('utf8').on('data', (chunk: string) => {
			text += chunk;
			if (text.includes('locked\n')) resolve();
		});
		void holder.then((result) => reject(new Error(`the holder ended before it took the lock: ${String(result.exitCode)}`)));
	});
}

/** Holds of the lock as [pid, start line, end line] in the log; fails on any overlap. */
export async function overlaps(log: string): Promise<string[]> {
	const lines = (await readFile(log, 'utf8')).trim().split('\n');
	const problems: string[] = [];
	let holder: string | undefined;
	for (const line of lines) {
		const [event, pid] = line.split(' ');
		if (event === 'start') {
			if (holder !== undefined) problems.push(`${pid} started while ${holder} held the lock`);
			holder = pid;
		} else {
			if (holder !== pid) problems.push(`${pid} ended while ${holder ?? 'nobody'} held the lock`);
			holder = undefined;
		}
	}
	return problems;
}
