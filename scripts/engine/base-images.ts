/** The base images chapters may use: the stand-ins the engine built, by name and digest. */
import type { StandInState } from './state.ts';
import { escapeRegExp } from '../../src/contract/pattern.ts';
import { engineConfig } from './config.ts';
import { standInRecipes } from './stand-ins/index.ts';
import type { BaseImage } from './types.ts';

/** The stand-ins' names and tags, which no setting changes: the recipes under default settings. */
let named: ReturnType<typeof standInRecipes> | undefined;
function namedRecipes(): ReturnType<typeof standInRecipes> {
	// Made once: building the recipes reads the host's CA bundle, and names are asked for per image.
	named ??= standInRecipes(engineConfig({}));
	return named;
}

export function baseImagesFromState(state: StandInState): BaseImage[] {
	const images: BaseImage[] = [];
	for (const recipe of namedRecipes()) {
		const entry = state[recipe.key];
		if (entry === undefined) continue;
		for (const tag of entry.tags) {
			images.push({ name: `${entry.repository}:${tag}`, digest: entry.digest, standIn: { builtFrom: entry.builtFrom } });
		}
	}
	return images;
}

/** The names chapters may use, known before anything is built (nginx's version tags come from the build). */
export function baseNamePatterns(): RegExp[] {
	const names = namedRecipes().flatMap((r) => r.tags.map((t) => `${r.repository}:${t}`));
	const escaped = names.map((n) => new RegExp(`^${escapeRegExp(n)}$`));
	return [...escaped, /^nginx:\d+(\.\d+)*$/];
}

export function isBaseName(name: string, known: readonly BaseImage[]): boolean {
	return known.some((b) => b.name === name) || baseNamePatterns().some((p) => p.test(name));
}
