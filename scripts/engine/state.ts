/** The engine's note of the stand-ins it has built: a JSON file in its cache (paths.ts, standInState). */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';

/** What the engine remembers of each built stand-in, so a warm `up` rebuilds nothing. */
const standInStateSchema = z.record(
	z.object({
		hash: z.string(),
		repository: z.string(),
		tags: z.array(z.string()),
		digest: z.string(),
		builtFrom: z.string(),
		builtAt: z.string(),
		size: z.number().optional(),
	}),
);
export type StandInState = z.infer<typeof standInStateSchema>;

export async function readState(path: string): Promise<StandInState> {
	try {
		return standInStateSchema.parse(JSON.parse(await readFile(path, 'utf8')));
	} catch {
		return {};
	}
}

export async function writeState(path: string, state: StandInState): Promise<void> {
	await mkdir(dirname(path), { recursive: true });
	await writeFile(`${path}.tmp`, `${JSON.stringify(state, null, 2)}\n`);
	await rename(`${path}.tmp`, path);
}
