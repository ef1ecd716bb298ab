import type { StandInState } from './state.ts';
import { standInRecipes } from './stand-ins/index.ts';
import type { BaseImage } from './types.ts';

export function baseImagesFromState(state: StandInState): BaseImage[] {
	const images: BaseImage[] = [];
	for (const recipe of standInRecipes()) {
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
	const names = standInRecipes().flatMap((r) => r.tags.map((t) => `${r.repository}:${t}`));
	const escaped = names.map((n) => new RegExp(`^${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
	return [...escaped, /^nginx:\d+(\.\d+)*$/];
}

export function isBaseName(name: string, known: readonly BaseImage[]): boolean {
	return known.some((b) => b.name === name) || baseNamePatterns().some((p) => p.test(name));
}
