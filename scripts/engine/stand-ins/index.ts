import type { EngineConfig } from '../config.ts';
import { readState, writeState, type StandInState } from '../state.ts';
import { buildStandIn, mirrorHolds } from './build.ts';
import { busyboxRecipe } from './busybox.ts';
import { debianRecipe, debianSlimRecipe } from './debian.ts';
import { nginxRecipe } from './nginx.ts';
import { nodeRecipe } from './node.ts';
import type { RecipeContext, StandInRecipe } from './recipe.ts';
import { recipeHash } from './recipe.ts';
import { redisRecipe } from './redis.ts';
import { registryRecipe } from './registry.ts';
import { seedFromSibling } from './seed.ts';

export function standInRecipes(config: EngineConfig): StandInRecipe[] {
	return [debianRecipe(config), debianSlimRecipe(config), nodeRecipe(), nginxRecipe(config), busyboxRecipe(), registryRecipe(), redisRecipe()];
}

/** Recipes grouped so each group only needs earlier groups: the groups' members build side by side. */
function levels(recipes: StandInRecipe[]): StandInRecipe[][] {
	const done = new Set<string>();
	const result: StandInRecipe[][] = [];
	let rest = recipes;
	while (rest.length > 0) {
		const ready = rest.filter((r) => r.parents.every((p) => done.has(p)));
		if (ready.length === 0) throw new Error(`stand-in recipes with unknown parents: ${rest.map((r) => r.key).join(', ')}`);
		result.push(ready);
		for (const r of ready) done.add(r.key);
		rest = rest.filter((r) => !ready.includes(r));
	}
	return result;
}

/**
 * Builds each stand-in whose recipe changed (or that the mirror lost) and pushes it into the
 * mirror. Returns the state: one entry per stand-in.
 */
export async function ensureStandIns(ctx: RecipeContext): Promise<StandInState> {
	const state = await readState(ctx.paths.standInState);
	const hashes = new Map<string, string>();
	for (const level of levels(standInRecipes(ctx.config))) {
		for (const recipe of level)
			hashes.set(
				recipe.key,
				recipeHash(
					recipe,
					recipe.parents.map((p) => hashes.get(p) ?? ''),
				),
			);
	}
	if (Object.keys(state).length === 0) Object.assign(state, await seedFromSibling(ctx.paths, hashes, ctx.progress));
	// Parallel builds finish in any order: serialize writes of the state file.
	let saving = Promise.resolve();
	const save = (): Promise<void> => (saving = saving.then(() => writeState(ctx.paths.standInState, state)));

	for (const level of levels(standInRecipes(ctx.config))) {
		ctx.signal?.throwIfAborted();
		const results = await Promise.allSettled(
			level.map(async (recipe) => {
				const hash = hashes.get(recipe.key) ?? '';
				const entry = state[recipe.key];
				// The mirror holds it: chapters pull it from there, as a reader pulls from Docker Hub.
				if (entry !== undefined && entry.hash === hash && (await mirrorHolds(ctx, entry))) return;
				state[recipe.key] = await buildStandIn(ctx, recipe, hash);
				await save();
			}),
		);
		// Wait for every build of the level before failing, so none is left running.
		const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
		if (failed !== undefined) {
			await saving;
			throw failed.reason;
		}
	}
	await saving;
	// Forget stand-ins that no recipe makes any more.
	const keys = new Set(standInRecipes(ctx.config).map((r) => r.key));
	for (const key of Object.keys(state)) if (!keys.has(key)) delete state[key];
	await writeState(ctx.paths.standInState, state);
	return state;
}
