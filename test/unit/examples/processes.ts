/**
 * Processes as the kernel lists them, for tests that check by pid what a session or a reaper left
 * running. The sleeps those tests start last a number of seconds no other test uses, so a match
 * is theirs.
 */
import { commandLine as argumentsOf } from '../../../scripts/host/proc.ts';

/** A process's command line, its arguments joined by spaces; undefined once it has ended (a zombie has none). */
export async function commandLine(pid: number): Promise<string | undefined> {
	const args = argumentsOf(pid);
	return args === null || args.length === 0 ? undefined : args.join(' ');
}

/** Waits until a process runs the given command: `$!` is printed before the child has run it. */
export async function running(pid: number, command: string): Promise<void> {
	const deadline = Date.now() + 5000;
	while ((await commandLine(pid)) !== command) {
		if (Date.now() > deadline) throw new Error(`process ${pid} is ${(await commandLine(pid)) ?? 'gone'}, not ${command}`);
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}
