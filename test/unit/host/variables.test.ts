/** Every `LAYERBOOK_*` variable the code reads is documented where contributors look. */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repositoryRoot } from '../../../scripts/host/repository.ts';

async function text(folders: string[], pattern: RegExp): Promise<string> {
	let all = '';
	for (const folder of folders) {
		const entries = await readdir(join(repositoryRoot, folder), { recursive: true, withFileTypes: true });
		for (const entry of entries) {
			if (entry.isFile() && pattern.test(entry.name)) all += await readFile(join(entry.parentPath, entry.name), 'utf8');
		}
	}
	return all;
}

function variablesIn(source: string): string[] {
	return [...new Set(source.match(/\bLAYERBOOK_[A-Z][A-Z_]*[A-Z]\b/g) ?? [])].sort();
}

describe('LAYERBOOK_* variables', () => {
	it('are each documented in a README or CONTRIBUTING.md', async () => {
		const code = await text(['scripts', 'src', 'bench', 'test/engine', 'test/examples', 'test/browser', 'test/site'], /\.(ts|mts|mjs)$/);
		const docs = `${await readFile(join(repositoryRoot, 'scripts/engine/README.md'), 'utf8')}${await readFile(join(repositoryRoot, 'scripts/examples/README.md'), 'utf8')}${await readFile(join(repositoryRoot, 'CONTRIBUTING.md'), 'utf8')}`;
		const used = variablesIn(code);
		expect(used.length).toBeGreaterThan(5);
		expect(used.filter((name) => !docs.includes(name))).toEqual([]);
	});

	it('finds a variable in code (the check can fail)', () => {
		expect(variablesIn("process.env['LAYERBOOK_NOT_DOCUMENTED'] ?? x")).toEqual(['LAYERBOOK_NOT_DOCUMENTED']);
	});
});
