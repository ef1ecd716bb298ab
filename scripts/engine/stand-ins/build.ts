import { copyFile, link, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { docker, dockerStreaming, inspectImages } from '../docker.ts';
import { mirrorAddress, mirrorDigest } from '../mirror.ts';
import type { StandInState } from '../state.ts';
import type { RecipeContext, StandInRecipe } from './recipe.ts';

type Entry = StandInState[string];

export const labels = {
	standIn: 'org.layerbook.stand-in',
	recipe: 'org.layerbook.recipe',
	builtFrom: 'org.layerbook.built-from',
} as const;

function mirrorRepo(ctx: RecipeContext, recipe: { repository: string }): string {
	return `${mirrorAddress(ctx.config)}/library/${recipe.repository}`;
}

async function writeContext(ctx: RecipeContext, recipe: StandInRecipe, dir: string): Promise<void> {
	await rm(dir, { recursive: true, force: true });
	await mkdir(dir, { recursive: true });
	await writeFile(join(dir, 'Dockerfile'), recipe.dockerfile);
	for (const [name, content] of Object.entries(recipe.files)) {
		await writeFile(join(dir, name), content, { mode: /\.(sh|envsh)$/.test(name) ? 0o755 : 0o644 });
	}
	for (const asset of recipe.assets) {
		const source = await asset.fetch(ctx);
		// A hard link avoids copying a large tarball into every context; copy across file systems.
		await link(source, join(dir, asset.name)).catch(() => copyFile(source, join(dir, asset.name)));
	}
}

/** Builds a stand-in and pushes every tag into the mirror. */
export async function buildStandIn(ctx: RecipeContext, recipe: StandInRecipe, hash: string): Promise<Entry> {
	const name = `${recipe.repository}:${recipe.tags[0] ?? 'latest'}`;
	const dir = join(ctx.paths.buildContexts, recipe.key);
	const repo = mirrorRepo(ctx, recipe);
	const staging = `${repo}:${recipe.tags[0] ?? 'latest'}`;
	const started = Date.now();
	try {
		await writeContext(ctx, recipe, dir);
		ctx.progress(`stand-in ${name}: building (recipe ${hash})`);
		await dockerStreaming(
			ctx.env,
			[
				'build',
				'--progress=plain',
				'--label',
				`${labels.standIn}=${recipe.repository}`,
				'--label',
				`${labels.recipe}=${hash}`,
				'--label',
				`${labels.builtFrom}=${recipe.builtFrom}`,
				'-t',
				staging,
				dir,
			],
			(line) => {
				// Step headers only: enough to see a long build move.
				if (/^#\d+ \[[^\]]+\] /.test(line)) ctx.progress(`  ${name}: ${line}`);
			},
			ctx.signal !== undefined ? { signal: ctx.signal } : {},
		);
		const described = recipe.describe ? await recipe.describe(ctx, staging) : {};
		const tags = [...new Set([...recipe.tags, ...(described.tags ?? [])])];
		for (const tag of tags) {
			if (`${repo}:${tag}` !== staging) await docker(ctx.env, ['tag', staging, `${repo}:${tag}`]);
			ctx.progress(`stand-in ${name}: pushing ${recipe.repository}:${tag} to the mirror`);
			await docker(ctx.env, ['push', '--quiet', `${repo}:${tag}`]);
		}
		const digest = await mirrorDigest(ctx.config, `${recipe.repository}:${tags[0] ?? 'latest'}`);
		if (digest === null) throw new Error(`the mirror does not serve ${recipe.repository} after the push`);
		const [image] = await inspectImages(ctx.env, [staging]);
		// The daemon keeps none of it: chapters pull the stand-in from the mirror, as from Docker Hub.
		await docker(ctx.env, ['rmi', ...tags.map((tag) => `${repo}:${tag}`)]);
		ctx.progress(`stand-in ${name}: ready in ${Math.round((Date.now() - started) / 1000)}s (${digest.slice(0, 19)}…)`);
		return {
			hash,
			repository: recipe.repository,
			tags,
			digest,
			builtFrom: described.builtFrom ?? recipe.builtFrom,
			builtAt: new Date().toISOString(),
			...(image !== undefined ? { size: image.Size } : {}),
		};
	} catch (error) {
		throw new Error(`could not build the ${name} stand-in`, { cause: error });
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
}

/** True when the mirror serves every tag of the entry at the recorded digest. */
export async function mirrorHolds(ctx: RecipeContext, entry: Entry): Promise<boolean> {
	const digests = await Promise.all(entry.tags.map((tag) => mirrorDigest(ctx.config, `${entry.repository}:${tag}`)));
	return digests.every((d) => d === entry.digest);
}
