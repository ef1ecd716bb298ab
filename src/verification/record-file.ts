/**
 * The committed record as the site reads it: from the project root Astro names, never from a
 * module's own URL (the config is bundled, so its URL is not where the file lives).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type VerificationRecord, verificationRecordSchema } from '../contract/record.ts';

function recordFile(root: string): string {
	return join(root, 'src', 'data', 'record.json');
}

let cached: { path: string; modified: number; record: VerificationRecord } | undefined;

/** Read and checked once per change of the file, not once per page. */
export function readRecordSync(root: string): VerificationRecord | undefined {
	const path = recordFile(root);
	if (!existsSync(path)) return undefined;
	const modified = statSync(path).mtimeMs;
	if (cached?.path === path && cached.modified === modified) return cached.record;
	const parsed = verificationRecordSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
	if (!parsed.success) throw new Error(`${path} does not match the record's schema: run npm run record`, { cause: parsed.error });
	cached = { path, modified, record: parsed.data };
	return parsed.data;
}
