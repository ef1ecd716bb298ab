/**
 * The engine's settings, read from the environment once at the entry points and passed down
 * explicitly. Every variable is documented in scripts/engine/README.md.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { type ImageStore, imageStores } from '../../src/contract/store.ts';

/** Unset and empty are the same: `LAYERBOOK_X= npm test` turns a setting off. */
const optional = z
	.string()
	.optional()
	.transform((value) => (value === undefined || value === '' ? undefined : value));

const environmentSchema = z.object({
	// Kept short: the name goes into the network namespace's name (`layerbook-<name>`) and into the
	// runtime dir's path, under which unix socket paths are limited to 108 bytes.
	LAYERBOOK_INSTANCE: optional.pipe(
		z
			.string()
			.regex(/^[a-z0-9]{1,6}$/, 'must be 1-6 lowercase letters or digits')
			.optional(),
	),
	LAYERBOOK_IMAGE_STORE: optional.pipe(z.enum(imageStores).default('containerd')),
	LAYERBOOK_RUNTIME_DIR: optional,
	LAYERBOOK_MIRROR_PORT: optional.pipe(z.coerce.number().int().min(1).max(65_535).optional()),
	LAYERBOOK_DOCKER_HOST: optional,
	LAYERBOOK_DEBIAN_MIRROR: optional.pipe(z.string().url().default('http://deb.debian.org/debian')),
	LAYERBOOK_DEBIAN_SECURITY_MIRROR: optional.pipe(z.string().url().default('http://deb.debian.org/debian-security')),
	LAYERBOOK_HOST_CA: optional.pipe(z.string().default('/etc/ssl/certs/ca-certificates.crt')),
	XDG_CACHE_HOME: optional,
	PATH: optional.pipe(z.string().default('/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin')),
});

export interface EngineConfig {
	/** A separate engine beside the default one (null): its own data root, runtime dir and network namespace. */
	instance: string | null;
	/** The image store dockerd runs: containerd's snapshotters, or the classic overlay2 graph driver. */
	imageStore: ImageStore;
	/** `$XDG_CACHE_HOME/layerbook`: downloads, engine packages, every instance's data. */
	cacheRoot: string;
	/** Sockets, pid files and logs, when not the default `/run/layerbook[-instance]`. */
	runtimeDir: string | null;
	/** The registry mirror's port on the namespace's loopback, when not the default (47001). */
	mirrorPort: number | null;
	/** A daemon of the contributor's own to use instead of the engine's (checked to hold nothing foreign). */
	externalHost: string | null;
	debianMirror: string;
	debianSecurityMirror: string;
	/** The host's CA bundle, given to stand-ins so HTTPS through a TLS-inspecting proxy works in builds. */
	hostCa: string;
	/** The caller's PATH, behind the engine's own client in the environment chapters run with. */
	path: string;
}

export class EngineConfigError extends Error {
	override name = 'EngineConfigError';
}

/**
 * The settings in `env`, checked with zod. Called only at the entry points, which pass the result
 * down (`enginePaths(config)`, `up({ config })`): no setting is read from `process.env` below them
 * (the engine only passes the environment through to the programs it starts).
 */
export function engineConfig(env: NodeJS.ProcessEnv = process.env): EngineConfig {
	const parsed = environmentSchema.safeParse(env);
	if (!parsed.success) {
		const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}=${JSON.stringify(env[String(issue.path[0])])}: ${issue.message}`);
		throw new EngineConfigError(`the engine's settings are wrong:\n${problems.join('\n')}`, { cause: parsed.error });
	}
	const settings = parsed.data;
	return {
		instance: settings.LAYERBOOK_INSTANCE ?? null,
		imageStore: settings.LAYERBOOK_IMAGE_STORE,
		cacheRoot: join(settings.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'layerbook'),
		runtimeDir: settings.LAYERBOOK_RUNTIME_DIR ?? null,
		mirrorPort: settings.LAYERBOOK_MIRROR_PORT ?? null,
		externalHost: settings.LAYERBOOK_DOCKER_HOST ?? null,
		debianMirror: settings.LAYERBOOK_DEBIAN_MIRROR,
		debianSecurityMirror: settings.LAYERBOOK_DEBIAN_SECURITY_MIRROR,
		hostCa: settings.LAYERBOOK_HOST_CA,
		path: settings.PATH,
	};
}
