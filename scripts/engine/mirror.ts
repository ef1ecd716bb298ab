/**
 * The Docker Hub mirror: Debian's docker-registry (the CNCF distribution server) on a loopback port
 * of the engine's network namespace, where dockerd reaches it and nothing outside does.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import type { EngineConfig } from './config.ts';
import { fetchInNamespace, inNamespace, namespacePath } from './network.ts';
import { type EnginePaths, mirrorPort } from './paths.ts';
import { isAlive } from '../host/proc.ts';
import { alivePid, spawnDaemon, stopByPidfile, tail, waitFor } from './proc.ts';
import type { EngineTools } from './tools.ts';

// Stand-ins are pushed into it as library/<name>, and the daemon pulls through it via
// --registry-mirror, so pulls go through a real registry and images get real repo digests.

export function mirrorAddress(config: Pick<EngineConfig, 'instance' | 'mirrorPort'>): string {
	return `127.0.0.1:${mirrorPort(config)}`;
}

export function mirrorUrl(config: Pick<EngineConfig, 'instance' | 'mirrorPort'>): string {
	return `http://${mirrorAddress(config)}`;
}

function registryConfig(address: string, storage: string): string {
	return [
		'version: 0.1',
		'log:',
		'  level: warn',
		'  fields:',
		'    service: layerbook-mirror',
		'storage:',
		'  filesystem:',
		`    rootdirectory: ${storage}`,
		'  delete:',
		'    enabled: true',
		'http:',
		`  addr: ${address}`,
		'',
	].join('\n');
}

export async function mirrorReady(config: Pick<EngineConfig, 'instance' | 'mirrorPort'>): Promise<boolean> {
	return (await fetchInNamespace(namespacePath(config), `${mirrorUrl(config)}/v2/`)).status === 200;
}

export async function mirrorRunning(paths: EnginePaths): Promise<number | null> {
	return alivePid(paths.mirrorPid, 'docker-registry');
}

/** Starts the mirror unless ours already runs; returns whether this call started it. */
export async function startMirror(config: EngineConfig, paths: EnginePaths, tools: EngineTools, progress: (line: string) => void): Promise<boolean> {
	if ((await mirrorRunning(paths)) !== null && (await mirrorReady(config))) return false;
	await stopByPidfile(paths.mirrorPid, undefined, 'docker-registry');
	if (await mirrorReady(config)) {
		throw new Error(`something else already answers on ${mirrorAddress(config)}: set LAYERBOOK_MIRROR_PORT to a free port`);
	}
	await mkdir(paths.mirrorStorage, { recursive: true });
	await writeFile(paths.mirrorConfig, registryConfig(mirrorAddress(config), paths.mirrorStorage));
	progress(`mirror: starting docker-registry on ${mirrorAddress(config)}`);
	const [file, args] = inNamespace(namespacePath(config), tools.registry, ['serve', paths.mirrorConfig]);
	const pid = await spawnDaemon(file, args, {
		log: paths.mirrorLog,
		pidfile: paths.mirrorPid,
	});
	try {
		await waitFor('the registry mirror', () => mirrorReady(config), { timeoutMs: 20_000, alive: () => isAlive(pid) });
	} catch (error) {
		await stopByPidfile(paths.mirrorPid, undefined, 'docker-registry');
		throw new Error(`the registry mirror did not start:\n${await tail(paths.mirrorLog)}`, { cause: error });
	}
	return true;
}

export async function stopMirror(paths: EnginePaths): Promise<void> {
	await stopByPidfile(paths.mirrorPid, 10_000, 'docker-registry');
}

const manifestTypes = [
	'application/vnd.docker.distribution.manifest.v2+json',
	'application/vnd.docker.distribution.manifest.list.v2+json',
	'application/vnd.oci.image.manifest.v1+json',
	'application/vnd.oci.image.index.v1+json',
].join(', ');

/** The digest the mirror serves for library/<repo>:<tag>, or null when it has none. */
export async function mirrorDigest(config: Pick<EngineConfig, 'instance' | 'mirrorPort'>, name: string): Promise<string | null> {
	const [repo, tag = 'latest'] = name.split(':');
	const response = await fetchInNamespace(namespacePath(config), `${mirrorUrl(config)}/v2/library/${repo}/manifests/${tag}`, {
		method: 'HEAD',
		accept: manifestTypes,
	});
	return response.status === 200 ? response.digest : null;
}
