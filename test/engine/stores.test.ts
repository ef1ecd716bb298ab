import './instance.ts';
import { afterAll, describe, expect, test } from 'vitest';
import { down, engineConfig, enginePaths, up } from '../../scripts/engine/index.ts';
import { dockerOk } from './helpers.ts';

/**
 * Both image stores on one host: an engine instance of its own runs the classic store, with its
 * own data root, while the suite's engine keeps the containerd one (docker28.test.ts).
 */
describe('the classic image store', () => {
	const config = engineConfig({ ...process.env, LAYERBOOK_INSTANCE: 'tcls', LAYERBOOK_IMAGE_STORE: 'classic' });
	afterAll(async () => {
		await down(config);
	});

	test('is the store asked for: overlay2 graph driver, its own data root, and images that keep no digest of their own', async () => {
		const engine = await up({ config });
		expect(engine.store).toBe('classic');
		expect((await dockerOk(engine, ['info', '--format', '{{.Driver}}'])).trim()).toBe('overlay2');
		expect((await dockerOk(engine, ['info', '--format', '{{.DockerRootDir}}'])).trim()).toBe(enginePaths(config).dataRoot);
		expect(enginePaths(config).dataRoot).toMatch(/\/stores\/classic$/);
		// On the classic store a pulled image's ID is its config's digest, not the manifest's.
		await dockerOk(engine, ['pull', '-q', 'busybox:latest']);
		const [id, digests] = (await dockerOk(engine, ['image', 'inspect', '--format', '{{.Id}} {{json .RepoDigests}}', 'busybox:latest'])).trim().split(' ');
		const digest = (JSON.parse(digests ?? '[]') as string[])[0]?.split('@')[1];
		expect(id).toMatch(/^sha256:/);
		expect(digest).toMatch(/^sha256:/);
		expect(id).not.toBe(digest);
	});

	test('switching the instance to the containerd store restarts its dockerd there, and back', async () => {
		const containerd = { ...config, imageStore: 'containerd' as const };
		const switched = await up({ config: containerd });
		expect(switched.store).toBe('containerd');
		expect((await dockerOk(switched, ['info', '--format', '{{.DockerRootDir}}'])).trim()).toBe(enginePaths(containerd).dataRoot);
		expect((await up({ config })).store).toBe('classic');
	});
});
