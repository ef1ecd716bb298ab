/** What on a daemon the harness did not make, so a reset never removes anyone else's containers, images, volumes or networks. */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { apiJson } from './api.ts';
import { isBaseName } from './base-images.ts';
import { docker, lines } from './docker.ts';
import { type EnginePaths, enginePaths } from './paths.ts';
import type { BaseImage, Engine } from './types.ts';

export interface ForeignObjects {
	containers: string[];
	images: string[];
	volumes: string[];
	networks: string[];
}

export class ForeignObjectsError extends Error {
	constructor(
		readonly dockerHost: string,
		readonly foreign: ForeignObjects,
	) {
		const list = [
			...foreign.containers.map((c) => `  container ${c}`),
			...foreign.images.map((i) => `  image ${i}`),
			...foreign.volumes.map((v) => `  volume ${v}`),
			...foreign.networks.map((n) => `  network ${n}`),
		];
		super(
			`the daemon at ${dockerHost} holds objects the harness did not make, so nothing was run on it ` +
				`(the examples remove containers and images, and would destroy these):\n${list.join('\n')}\n` +
				"Unset LAYERBOOK_DOCKER_HOST to use the engine's own daemon, or point it at a daemon holding only the base images.",
		);
		this.name = 'ForeignObjectsError';
	}
}

const defaultNetworks = new Set(['bridge', 'host', 'none']);

const timesSchema = {
	containers: z.array(z.object({ Id: z.string(), Created: z.number() })),
	images: z.array(z.object({ Id: z.string(), Created: z.number() })),
	volumes: z.object({ Volumes: z.array(z.object({ Name: z.string(), CreatedAt: z.string().optional() })).nullable() }),
	networks: z.array(z.object({ Name: z.string(), Created: z.string() })),
};

/** The daemon's clock, in seconds: what a chapter makes is stamped by it, not by ours. */
export async function daemonTime(host: string): Promise<number> {
	const info = z.object({ SystemTime: z.string() }).parse(await apiJson(host, '/info'));
	return Math.floor(Date.parse(info.SystemTime) / 1000);
}

/** Containers, images, volumes and networks created at or after `since` (the daemon's seconds): a chapter's own. */
async function madeSince(host: string, since: number): Promise<Set<string>> {
	const made = new Set<string>();
	const seconds = (text: string | undefined): number => (text === undefined ? 0 : Math.floor(Date.parse(text) / 1000));
	for (const c of timesSchema.containers.parse(await apiJson(host, '/containers/json?all=1'))) if (c.Created >= since) made.add(c.Id);
	for (const i of timesSchema.images.parse(await apiJson(host, '/images/json?all=1'))) if (i.Created >= since) made.add(i.Id);
	for (const v of timesSchema.volumes.parse(await apiJson(host, '/volumes')).Volumes ?? []) if (seconds(v.CreatedAt) >= since) made.add(`volume:${v.Name}`);
	for (const n of timesSchema.networks.parse(await apiJson(host, '/networks'))) if (seconds(n.Created) >= since) made.add(`network:${n.Name}`);
	return made;
}

/**
 * Everything on the daemon that is neither a base image nor one of Docker's default networks; with
 * `chapter`, also leaving out what was created since the chapter started on that daemon (its own).
 */
export async function findForeign(
	env: Record<string, string>,
	baseImages: readonly BaseImage[],
	chapter?: { host: string; since: number },
): Promise<ForeignObjects> {
	const own = chapter === undefined ? new Set<string>() : await madeSince(chapter.host, chapter.since);
	const containers = lines(await docker(env, ['ps', '-a', '--no-trunc', '--format', '{{.ID}}\t{{.Names}}\t{{.Image}}\t{{.Status}}']))
		.map((row) => row.split('\t'))
		.filter(([id = '']) => !own.has(id))
		.map(([id = '', name = '', image = '', status = '']) => `${id.slice(0, 12)} "${name}" (image ${image}, ${status})`);
	const rows = lines(await docker(env, ['image', 'ls', '-a', '--no-trunc', '--format', '{{.ID}}\t{{.Repository}}:{{.Tag}}'])).map((row) => {
		const [id = '', name = ''] = row.split('\t');
		return { id, name };
	});
	const baseIds = new Set(rows.filter((r) => isBaseName(r.name, baseImages)).map((r) => r.id));
	const images = rows
		.filter((r) => !own.has(r.id))
		.filter((r) => (r.name === '<none>:<none>' ? !baseIds.has(r.id) : !isBaseName(r.name, baseImages)))
		.map((r) =>
			r.name === '<none>:<none>' ? `${r.id.replace('sha256:', '').slice(0, 12)} (untagged)` : `${r.name} (${r.id.replace('sha256:', '').slice(0, 12)})`,
		);
	const volumes = lines(await docker(env, ['volume', 'ls', '-q'])).filter((v) => !own.has(`volume:${v}`));
	const networks = lines(await docker(env, ['network', 'ls', '--format', '{{.Name}}'])).filter((n) => !defaultNetworks.has(n) && !own.has(`network:${n}`));
	return { containers, images, volumes, networks };
}

export function isEmpty(foreign: ForeignObjects): boolean {
	return foreign.containers.length + foreign.images.length + foreign.volumes.length + foreign.networks.length === 0;
}

const vettedSchema = z.object({ hosts: z.array(z.string()) });

async function readVetted(paths: EnginePaths): Promise<string[]> {
	try {
		return vettedSchema.parse(JSON.parse(await readFile(paths.vettedExternal, 'utf8'))).hosts;
	} catch {
		return [];
	}
}

/** Remembers that an external daemon passed the check, so `reset` may work on it (also from another process). */
export async function markVetted(paths: EnginePaths, dockerHost: string): Promise<void> {
	const hosts = new Set(await readVetted(paths));
	hosts.add(dockerHost);
	const path = paths.vettedExternal;
	await mkdir(dirname(path), { recursive: true });
	await writeFile(path, JSON.stringify({ hosts: [...hosts] }));
}

export async function isVetted(paths: EnginePaths, dockerHost: string): Promise<boolean> {
	return (await readVetted(paths)).includes(dockerHost);
}

/**
 * Checked before every reset of a daemon the engine did not start: it throws, before anything is
 * removed, when the daemon holds anything that is neither a base image nor, with `chapter`, made
 * by the chapter that started at that time (a container, another image, a volume, a network).
 */
export async function assertNothingForeign(engine: Engine, chapterSince?: number): Promise<void> {
	const foreign = await findForeign(engine.env, engine.baseImages, chapterSince === undefined ? undefined : { host: engine.dockerHost, since: chapterSince });
	if (!isEmpty(foreign)) throw new ForeignObjectsError(engine.dockerHost, foreign);
	await markVetted(enginePaths(engine.config), engine.dockerHost);
}
