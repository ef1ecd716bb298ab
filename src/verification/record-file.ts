/**
 * The committed record as the site reads it: from the project root Astro names, never from a
 * module's own URL (the config is bundled, so its URL is not where the file lives).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type VerificationRecord, verificationRecordSchema } from '../../scripts/examples/record.ts';

export function recordFile(root: string): string {
	return join(root, 'src', 'data', 'record.json');
}

export function readRecordSync(root: string): VerificationRecord | undefined {
	const path = recordFile(root);
	if (!existsSync(path)) return undefined;
	const parsed = verificationRecordSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
	if (!parsed.success) throw new Error(`${path} does not match the record's schema: run npm run record`, { cause: parsed.error });
	return parsed.data;
}
