import { createHash } from 'node:crypto';
import { docker } from '../docker.ts';
import type { EngineConfig } from '../config.ts';
import type { EnginePaths } from '../paths.ts';

export interface RecipeContext {
	config: EngineConfig;
	paths: EnginePaths;
	/** Environment pointing the engine's client at our daemon. */
	env: Record<string, string>;
	progress: (line: string) => void;
	signal?: AbortSignal;
}

/** A large input: hashed by what it is (its identity), fetched only when the stand-in is built. */
export interface Asset {
	name: string;
	identity: string;
	fetch: (ctx: RecipeContext) => Promise<string>;
}

export interface StandInRecipe {
	key: string;
	repository: string;
	/** Tags known before building; more may come from `describe` (nginx's version). */
	tags: string[];
	/** Keys of stand-ins this one is built FROM; their recipe hashes feed this one's. */
	parents: string[];
	/** What it is built from, in a sentence; recorded as a label. */
	builtFrom: string;
	dockerfile: string;
	/** Small files beside the Dockerfile, hashed by content. */
	files: Record<string, string>;
	assets: Asset[];
	/** Reads the built image to name extra tags and complete the description with versions. */
	describe?: (ctx: RecipeContext, ref: string) => Promise<{ tags?: string[]; builtFrom?: string }>;
}

export function recipeHash(recipe: StandInRecipe, parentHashes: readonly string[]): string {
	const hash = createHash('sha256');
	const feed = (label: string, value: string): void => {
		hash.update(`${label}\0${value.length}\0${value}\0`);
	};
	feed('key', recipe.key);
	feed('repository', recipe.repository);
	feed('tags', recipe.tags.join(','));
	feed('builtFrom', recipe.builtFrom);
	feed('dockerfile', recipe.dockerfile);
	for (const name of Object.keys(recipe.files).sort()) feed(`file:${name}`, recipe.files[name] ?? '');
	for (const asset of recipe.assets) feed(`asset:${asset.name}`, asset.identity);
	for (const parent of parentHashes) feed('parent', parent);
	return hash.digest('hex').slice(0, 16);
}

export function sha256(text: string | Buffer): string {
	return createHash('sha256').update(text).digest('hex');
}

/**
 * The Debian version of a package in a built stand-in, and the tags Docker Hub would give that
 * upstream version: 1.30.6-2 (or 5:7.0.15-1~deb12u4) gives 1.30.6 and 1.30.
 */
export async function packageVersionTags(ctx: RecipeContext, ref: string, pkg: string): Promise<{ version: string; tags: string[] }> {
	const version = (await docker(ctx.env, ['run', '--rm', '--network', 'none', '--entrypoint', 'dpkg-query', ref, '-W', '-f', '${Version}', pkg])).trim();
	const upstream = /^(?:\d+:)?(\d+)\.(\d+)\.(\d+)/.exec(version);
	const tags = upstream ? [`${upstream[1]}.${upstream[2]}.${upstream[3]}`, `${upstream[1]}.${upstream[2]}`] : [];
	return { version, tags };
}
