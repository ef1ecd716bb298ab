/**
 * The arrows of CONTRIBUTING.md's layout: every folder imports only the folders below it, and no two
 * folders import each other, however indirectly.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repositoryRoot } from '../../../scripts/host/repository.ts';

/** The project's folders and what each may import besides itself; a file sits in the longest folder that holds it. */
const layers: Record<string, readonly string[]> = {
	'src/contract': [],
	// The page side: the contract, and its own folders as they use each other.
	src: ['src/contract'],
	'src/verification': ['src/contract'],
	'src/components': ['src/contract', 'src/verification', 'src'],
	'src/pages': ['src/contract'],
	'scripts/host': [],
	'scripts/engine': ['scripts/host', 'src/contract'],
	'scripts/quality': ['scripts/host', 'src/contract'],
	'scripts/examples': ['scripts/engine', 'scripts/host', 'src/contract'],
	// Entry points that tie the layers together (`npm run setup`).
	scripts: ['scripts/examples', 'scripts/engine', 'scripts/quality', 'scripts/host', 'src/contract'],
	bench: ['scripts/examples', 'scripts/engine', 'scripts/quality', 'scripts/host', 'src/contract'],
};

function layerOf(file: string): string | undefined {
	return Object.keys(layers)
		.filter((folder) => file.startsWith(`${folder}/`))
		.sort((a, b) => b.length - a.length)[0];
}

async function sources(folder: string): Promise<string[]> {
	const entries = await readdir(join(repositoryRoot, folder), { recursive: true, withFileTypes: true });
	return entries
		.filter((entry) => entry.isFile() && /\.(ts|mts|mjs|astro)$/.test(entry.name))
		.map((entry) => relative(repositoryRoot, join(entry.parentPath, entry.name)));
}

/** Every relative import of a file that names a file of the repository, as a path from the repository's root. */
async function importsOf(file: string): Promise<string[]> {
	const text = await readFile(join(repositoryRoot, file), 'utf8');
	const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)].map((match) => match[1] ?? '');
	// A specifier inside a template (the scaffold writes one) names no file here.
	return specifiers.map((specifier) => normalize(join(file, '..', specifier))).filter((target) => existsSync(join(repositoryRoot, target)));
}

/** Each import from one layer into another: `from → to: file imports target`. */
async function arrows(): Promise<{ from: string; to: string; line: string }[]> {
	const found: { from: string; to: string; line: string }[] = [];
	for (const folder of ['src', 'scripts', 'bench']) {
		for (const file of await sources(folder)) {
			const from = layerOf(file);
			if (from === undefined) continue;
			for (const target of await importsOf(file)) {
				const to = layerOf(target) ?? target;
				if (to !== from) found.push({ from, to, line: `${file} imports ${target}` });
			}
		}
	}
	return found;
}

/** The arrows against the layers' table. */
function against(found: { from: string; to: string; line: string }[]): string[] {
	return found.filter(({ from, to }) => !(layers[from] ?? []).includes(to)).map(({ line }) => line);
}

/** Each cycle between folders, as the folders around it. */
function cycles(found: { from: string; to: string }[]): string[][] {
	const next = new Map<string, Set<string>>();
	for (const { from, to } of found) next.set(from, (next.get(from) ?? new Set()).add(to));
	const result: string[][] = [];
	const seen = new Set<string>();
	for (const start of next.keys()) {
		const walk = (folder: string, path: string[]): void => {
			for (const to of next.get(folder) ?? []) {
				if (to === start) {
					const key = [...path].sort().join(' ');
					if (!seen.has(key)) {
						seen.add(key);
						result.push([...path, start]);
					}
				} else if (!path.includes(to)) walk(to, [...path, to]);
			}
		};
		walk(start, [start]);
	}
	return result;
}

/** The files a file loads when it is loaded: its static imports, followed; `import()` inside a function waits until it is called. */
async function loadedWith(file: string): Promise<string[]> {
	const seen = new Set<string>();
	const pending = [file];
	for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
		if (seen.has(next)) continue;
		seen.add(next);
		const text = await readFile(join(repositoryRoot, next), 'utf8');
		for (const match of text.matchAll(/^\s*(?:import|export)\s(?:[^;'"]*?\sfrom\s*)?['"](\.{1,2}\/[^'"]+)['"]/gm)) {
			pending.push(normalize(join(next, '..', match[1] ?? '')));
		}
	}
	return [...seen].sort();
}

describe('the layout', () => {
	it('has every import follow the arrows of its folder', async () => {
		expect(against(await arrows())).toEqual([]);
	});

	it('has no cycle between folders', async () => {
		expect(cycles(await arrows())).toEqual([]);
	});

	it('sees an import that crosses (the check can fail)', async () => {
		expect(await importsOf('src/verification/block-status.ts')).toContain('src/contract/block.ts');
		const upward = { from: 'scripts/host', to: 'scripts/engine', line: 'scripts/host/a.ts imports scripts/engine/b.ts' };
		expect(against([upward])).toEqual([upward.line]);
		expect(cycles([upward, { from: 'scripts/engine', to: 'scripts/host', line: '' }])).toEqual([['scripts/host', 'scripts/engine', 'scripts/host']]);
	});

	it('loads no harness code with the test configuration, which every suite loads', async () => {
		const loaded = await loadedWith('vitest.config.ts');
		expect(loaded).toContain('test/examples/chapter-order.ts');
		expect(loaded.filter((file) => /^scripts\/(examples|engine|quality)\//.test(file))).toEqual([]);
	});
});
