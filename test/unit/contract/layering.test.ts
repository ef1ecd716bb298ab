/**
 * The arrows of CONTRIBUTING.md's layout: the page side and the harness never import each other,
 * and the contract imports nothing of the project but itself.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repositoryRoot } from '../../../scripts/host/repository.ts';

async function sources(folder: string): Promise<string[]> {
	const entries = await readdir(join(repositoryRoot, folder), { recursive: true, withFileTypes: true });
	return entries
		.filter((entry) => entry.isFile() && /\.(ts|mts|mjs|astro)$/.test(entry.name))
		.map((entry) => relative(repositoryRoot, join(entry.parentPath, entry.name)));
}

/** Every relative import of a file, as a path from the repository's root. */
async function importsOf(file: string): Promise<string[]> {
	const text = await readFile(join(repositoryRoot, file), 'utf8');
	const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)].map((match) => match[1] ?? '');
	return specifiers.map((specifier) => normalize(join(file, '..', specifier)));
}

async function crossings(folders: string[], forbidden: (target: string) => boolean): Promise<string[]> {
	const found: string[] = [];
	for (const folder of folders) {
		for (const file of await sources(folder)) {
			for (const target of await importsOf(file)) if (forbidden(target)) found.push(`${file} imports ${target}`);
		}
	}
	return found;
}

describe('the layout', () => {
	it('keeps the site side off the harness and the engine', async () => {
		expect(await crossings(['src'], (target) => target.startsWith('scripts/'))).toEqual([]);
	});

	it('lets scripts reach into src/ only through the contract', async () => {
		expect(await crossings(['scripts'], (target) => target.startsWith('src/') && !target.startsWith('src/contract/'))).toEqual([]);
	});

	it('keeps the contract to itself', async () => {
		expect(await crossings(['src/contract'], (target) => !target.startsWith('src/contract/'))).toEqual([]);
	});

	it('sees an import that crosses (the check can fail)', async () => {
		expect(await importsOf('src/verification/block-status.ts')).toContain('src/contract/block.ts');
	});
});
