/** `up`, `down` and `status` of the sandbox engine, or of an external daemon named by LAYERBOOK_DOCKER_HOST. */
import { mkdir, readdir, rm } from 'node:fs/promises';
import { baseImagesFromState, baseNamePatterns } from './base-images.ts';
import { daemonAnswers, daemonRunning, dockerHost, engineEnv, ensureClientBin, startDaemon, stopDaemon } from './daemon.ts';
import { docker, dockerInfo, imageInspectSchema, imageStore, lines } from './docker.ts';
import { ForeignObjectsError, findForeign, isEmpty, markVetted } from './foreign.ts';
import { installHostPackages } from '../host/packages.ts';
import { enginePackages, engineSuite, ensureEnginePackages } from './packages.ts';
import { withLock } from './lock.ts';
import { mirrorReady, mirrorRunning, mirrorUrl, startMirror, stopMirror } from './mirror.ts';
import { namespaceExists, namespacePath, setupNamespace, teardownNamespace } from './network.ts';
import { enginePaths } from './paths.ts';
import { ensureEngineTools } from './tools.ts';
import { unmountUnder } from '../host/mounts.ts';
import { type EngineConfig, engineConfig } from './config.ts';
import { ensureStandIns } from './stand-ins/index.ts';
import { readState } from './state.ts';
import { labels } from './stand-ins/build.ts';
import type { BaseImage, Engine, EngineStatus, UpOptions } from './types.ts';

export async function up(options: UpOptions = {}): Promise<Engine> {
	const config = options.config ?? engineConfig();
	const progress = options.onProgress ?? ((): void => undefined);
	if (config.externalHost !== null) return upExternal(config, config.externalHost, progress);

	// `npm run setup` has done both before any test; a person's first `engine up` does them here.
	await installHostPackages(['engine'], progress, options.signal);
	if (process.getuid?.() !== 0) {
		throw new Error(
			'the engine runs a private dockerd, which needs root: run `npm run engine -- up` as root, ' +
				'or set LAYERBOOK_DOCKER_HOST to a daemon of your own that holds only the base images',
		);
	}
	const paths = enginePaths(config);
	await mkdir(paths.runtime, { recursive: true, mode: 0o700 });
	return withLock(paths.lock, 'up', async () => {
		let startedSomething = false;
		try {
			await ensureEnginePackages(config, progress);
			const tools = await ensureEngineTools(config, progress);
			await ensureClientBin(paths);
			// Checked on every up: the namespace and its way out are made again if something removed them.
			startedSomething = !(await namespaceExists(config)) || startedSomething;
			await setupNamespace(config, paths, tools, progress);
			startedSomething = (await startMirror(config, paths, tools, progress)) || startedSomething;
			options.signal?.throwIfAborted();
			const host = dockerHost(paths);
			startedSomething = (await startDaemon(config, paths, tools, progress)) || startedSomething;
			options.signal?.throwIfAborted();
			const env = engineEnv(host, paths, config.path);
			const state = await ensureStandIns({ config, paths, env, progress, ...(options.signal ? { signal: options.signal } : {}) });
			const info = await dockerInfo(env);
			const store = imageStore(info);
			if (store !== config.imageStore) throw new Error(`dockerd runs the ${store} image store, not the ${config.imageStore} one that was asked for`);
			return {
				config,
				dockerHost: host,
				namespace: namespacePath(config),
				env,
				version: info.ServerVersion,
				store,
				packages: enginePackages.map((p) => ({ name: p.name, version: p.version })),
				source: `Debian ${engineSuite} (${config.debianMirror})`,
				os: info.OperatingSystem,
				arch: info.Architecture,
				baseImages: baseImagesFromState(state),
			};
		} catch (error) {
			// Never leave processes behind that this call started.
			if (startedSomething) await downUnlocked(config).catch(() => undefined);
			throw error;
		}
	});
}

/** A daemon named by LAYERBOOK_DOCKER_HOST: used only while it holds nothing the harness did not make. */
async function upExternal(config: EngineConfig, host: string, progress: (line: string) => void): Promise<Engine> {
	const paths = enginePaths(config);
	await ensureEnginePackages(config, progress);
	await ensureClientBin(paths);
	const env = engineEnv(host, paths, config.path);
	if (!(await daemonAnswers(host))) throw new Error(`LAYERBOOK_DOCKER_HOST=${host}: no Docker daemon answers there`);
	progress(`external daemon ${host}: checking that it holds nothing foreign`);
	const present = await presentBaseImages(env);
	const foreign = await findForeign(env, present);
	if (!isEmpty(foreign)) throw new ForeignObjectsError(host, foreign);
	await markVetted(paths, host);
	const info = await dockerInfo(env);
	return {
		config,
		dockerHost: host,
		namespace: null,
		env,
		version: info.ServerVersion,
		store: imageStore(info),
		packages: [],
		source: null,
		os: info.OperatingSystem,
		arch: info.Architecture,
		baseImages: present,
	};
}

async function presentBaseImages(env: Record<string, string>): Promise<BaseImage[]> {
	const patterns = baseNamePatterns();
	const names = lines(await docker(env, ['image', 'ls', '--format', '{{.Repository}}:{{.Tag}}'])).filter((n) => patterns.some((p) => p.test(n)));
	const images: BaseImage[] = [];
	for (const name of names) {
		const [image] = imageInspectSchema.parse(JSON.parse(await docker(env, ['image', 'inspect', name])));
		const repo = name.split(':')[0] ?? name;
		const digest = (image?.RepoDigests ?? []).find((d) => d.startsWith(`${repo}@`))?.split('@')[1];
		if (digest === undefined) continue;
		const builtFrom = image?.Config?.Labels?.[labels.builtFrom];
		images.push({ name, digest, standIn: builtFrom !== undefined ? { builtFrom } : null });
	}
	return images;
}

async function downUnlocked(config: EngineConfig): Promise<void> {
	const paths = enginePaths(config);
	await stopDaemon(paths);
	await stopMirror(paths);
	await unmountUnder([paths.execRoot, paths.dataRoot, paths.runtime]);
	await teardownNamespace(config, paths);
	// Keep the logs of the last run for a post-mortem, and the lock files (a chapter may hold one);
	// everything else in the runtime dir goes.
	const entries = await readdir(paths.runtime).catch(() => []);
	for (const entry of entries) {
		if (!entry.endsWith('.log') && entry !== 'lock' && !entry.endsWith('.lock')) await rm(`${paths.runtime}/${entry}`, { recursive: true, force: true });
	}
}

/** Stops everything `up` started: dockerd, its containerd, the mirror, slirp4netns; unmounts; removes the network namespace. */
export async function down(config: EngineConfig = engineConfig()): Promise<void> {
	const paths = enginePaths(config);
	await mkdir(paths.runtime, { recursive: true, mode: 0o700 });
	await withLock(paths.lock, 'down', () => downUnlocked(config));
}

export async function status(config: EngineConfig = engineConfig()): Promise<EngineStatus> {
	const paths = enginePaths(config);
	const host = dockerHost(paths);
	const daemonPid = await daemonRunning(paths);
	const mirrorPid = await mirrorRunning(paths);
	const state = await readState(paths.standInState);
	return {
		running: daemonPid !== null && (await daemonAnswers(host)) && mirrorPid !== null && (await mirrorReady(config)),
		dockerHost: host,
		daemonPid,
		mirror: { running: mirrorPid !== null, pid: mirrorPid, url: mirrorUrl(config) },
		namespace: await namespaceExists(config),
		dataRoot: paths.dataRoot,
		runtimeDir: paths.runtime,
		baseImages: baseImagesFromState(state),
		external: config.externalHost,
	};
}
