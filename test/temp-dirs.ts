/** Folders a test file makes under the system's temp dir, removed after the tests of the block that asked for them. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/** Call inside a `describe` (or at the top of a file): returns a maker of fresh folders, each removed in that block's afterAll. */
export function tempDirs(): (prefix: string) => Promise<string> {
	const made: string[] = [];
	afterAll(async () => {
		for (const dir of made) await rm(dir, { recursive: true, force: true });
	});
	return async (prefix) => {
		const dir = await mkdtemp(join(tmpdir(), prefix));
		made.push(dir);
		return dir;
	};
}
