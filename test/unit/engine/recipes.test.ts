/** The stand-in base images' recipes: what each is built from, and what changes its hash and so rebuilds it. */
import { describe, expect, test } from 'vitest';
import { engineConfig } from '../../../scripts/engine/config.ts';
import { standInRecipes } from '../../../scripts/engine/stand-ins/index.ts';
import { recipeHash, type StandInRecipe } from '../../../scripts/engine/stand-ins/recipe.ts';
import { repositoryRoot } from '../../../scripts/host/repository.ts';
import { readRecordSync } from '../../../src/verification/record-file.ts';

/** The rule behind "rebuilt only when its recipe changes": what feeds a stand-in's hash. */
describe('stand-in recipes', () => {
	const recipes = standInRecipes(engineConfig({}));
	const byKey = (key: string): StandInRecipe => {
		const recipe = recipes.find((r) => r.key === key);
		if (recipe === undefined) throw new Error(`no recipe ${key}`);
		return recipe;
	};

	test('the verification page names every stand-in, each saying what it is built from', () => {
		// The page lists the committed record's base images: a stand-in missing there was never shown to readers.
		const record = readRecordSync(repositoryRoot);
		if (record === undefined) throw new Error('no committed record (src/data/record.json)');
		const documented = new Map(record.baseImages.flatMap((image) => (image.standIn === null ? [] : [[image.name, image.standIn.builtFrom] as const])));
		const names = recipes.flatMap((r) => r.tags.map((t) => `${r.repository}:${t}`));
		expect(names.length).toBeGreaterThan(0);
		expect(names.filter((name) => !documented.has(name))).toEqual([]);
		for (const r of recipes) expect(r.builtFrom.length).toBeGreaterThan(20);
		for (const name of names) expect(documented.get(name)?.length ?? 0).toBeGreaterThan(20);
	});

	test('the hash is stable, and changes with the Dockerfile, a file, an asset or a parent', () => {
		const node = byKey('node');
		const base = recipeHash(node, ['parent-a']);
		expect(recipeHash(node, ['parent-a'])).toBe(base);
		expect(recipeHash({ ...node, dockerfile: `${node.dockerfile}# changed\n` }, ['parent-a'])).not.toBe(base);
		expect(recipeHash({ ...node, files: { ...node.files, 'docker-entrypoint.sh': '#!/bin/sh\n' } }, ['parent-a'])).not.toBe(base);
		expect(recipeHash({ ...node, assets: node.assets.map((a) => ({ ...a, identity: `${a.identity}-next` })) }, ['parent-a'])).not.toBe(base);
		expect(recipeHash(node, ['parent-b'])).not.toBe(base);
	});

	test('stand-ins built on the slim image name it as their parent; busybox ends on scratch', () => {
		for (const key of ['node', 'nginx', 'registry', 'busybox']) {
			const recipe = byKey(key);
			expect(recipe.parents).toEqual(['debian-slim']);
			expect(recipe.dockerfile).toMatch(/^FROM debian:bookworm-slim/m);
		}
		expect(byKey('busybox').dockerfile).toMatch(/^FROM scratch$/m);
		expect(byKey('debian').parents).toEqual([]);
	});

	test('the Debian stand-ins carry the host CA bundle where update-ca-certificates finds it', () => {
		for (const key of ['debian', 'debian-slim']) {
			expect(byKey(key).dockerfile).toContain('/usr/local/share/ca-certificates/layerbook-host-ca.crt');
			expect(Object.keys(byKey(key).files)).toContain('host-ca.crt');
		}
		// npm trusts it through its global config, not an environment variable a reader would see.
		expect(byKey('node').dockerfile).toContain("echo 'cafile=/usr/local/share/ca-certificates/layerbook-host-ca.crt' > /out/etc/npmrc");
		expect(byKey('node').dockerfile).not.toMatch(/^ENV NODE_EXTRA_CA_CERTS/m);
	});

	test("the node stand-in has the official image's environment and Yarn", () => {
		const envs = byKey('node')
			.dockerfile.split('\n')
			.filter((line) => line.startsWith('ENV '));
		expect(envs.map((line) => line.split('=')[0])).toEqual(['ENV NODE_VERSION', 'ENV YARN_VERSION']);
		expect(byKey('node').dockerfile).toContain('/out/bin/yarn');
	});
});

describe('the nginx stand-in', () => {
	test("installs the nginx branch the chapters name, and only that one: a change of branch changes the recipe's hash", async () => {
		const { nginxBranch, nginxRecipe } = await import('../../../scripts/engine/stand-ins/nginx.ts');
		const config = engineConfig({});
		expect(nginxRecipe(config).dockerfile).toContain(`'nginx=${nginxBranch}.*'`);
		expect(nginxRecipe(config).dockerfile).toMatch(/no longer offers nginx/);
		const { readdir, readFile } = await import('node:fs/promises');
		const docs = new URL('../../../src/content/docs/', import.meta.url);
		const named = new Set<string>();
		for (const entry of await readdir(docs, { recursive: true })) {
			if (!entry.endsWith('.mdx')) continue;
			for (const match of (await readFile(new URL(entry, docs), 'utf8')).matchAll(/\bnginx:(1\.\d+)\b/g)) named.add(match[1] ?? '');
		}
		// Chapters may tag their own images nginx-like (`myapp:1.0`), but the nginx they pull is the pinned branch.
		expect([...named].filter((v) => v !== '1.0' && v !== '1.1')).toEqual([nginxBranch]);
	});
});
