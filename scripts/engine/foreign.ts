import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
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

/** Everything on the daemon that is neither a base image nor one of Docker's default networks. */
export async function findForeign(env: Record<string, string>, baseImages: readonly BaseImage[]): Promise<ForeignObjects> {
	const containers = lines(await docker(env, ['ps', '-a', '--no-trunc', '--format', '{{.ID}}\t{{.Names}}\t{{.Image}}\t{{.Status}}'])).map((row) => {
		const [id = '', name = '', image = '', status = ''] = row.split('\t');
		return `${id.slice(0, 12)} "${name}" (image ${image}, ${status})`;
	});
	const rows = lines(await docker(env, ['image', 'ls', '-a', '--no-trunc', '--format', '{{.ID}}\t{{.Repository}}:{{.Tag}}'])).map((row) => {
		const [id = '', name = ''] = row.split('\t');
		return { id, name };
	});
	const baseIds = new Set(rows.filter((r) => isBaseName(r.name, baseImages)).map((r) => r.id));
	const images = rows
		.filter((r) => (r.name === '<none>:<none>' ? !baseIds.has(r.id) : !isBaseName(r.name, baseImages)))
		.map((r) =>
			r.name === '<none>:<none>' ? `${r.id.replace('sha256:', '').slice(0, 12)} (untagged)` : `${r.name} (${r.id.replace('sha256:', '').slice(0, 12)})`,
		);
	const volumes = lines(await docker(env, ['volume', 'ls', '-q']));
	const networks = lines(await docker(env, ['network', 'ls', '--format', '{{.Name}}'])).filter((n) => !defaultNetworks.has(n));
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
 * The harness calls this before each chapter: it throws, before any command runs, when the daemon
 * holds anything that is not a base image (a container, another image, a volume, a network).
 */
export async function assertNothingForeign(engine: Engine): Promise<void> {
	const foreign = await findForeign(engine.env, engine.baseImages);
	if (!isEmpty(foreign)) throw new ForeignObjectsError(engine.dockerHost, foreign);
	await markVetted(enginePaths(engine.config), engine.dockerHost);
}
