import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, test } from 'vitest';
import { reset } from '../../scripts/engine/index.ts';
import { engineConfig } from '../../scripts/engine/config.ts';
import { mirrorUrl } from '../../scripts/engine/mirror.ts';
import { docker, dockerOk } from './helpers.ts';

const engine = inject('engine');

/** Today's Docker: the containerd image store, BuildKit through buildx, Compose as a plugin. */
describe('Docker Engine 28.5', () => {
	const work: string[] = [];
	afterAll(async () => {
		for (const dir of work) await rm(dir, { recursive: true, force: true });
		await reset(engine);
	});

	test('the daemon runs the containerd image store', async () => {
		expect(engine.store).toBe('containerd');
		const info = JSON.parse(await dockerOk(engine, ['info', '--format', '{{json .DriverStatus}}'])) as string[][];
		expect(info).toContainEqual(['driver-type', 'io.containerd.snapshotter.v1']);
	});

	test('pulls go through the registry mirror', async () => {
		const mirrors = JSON.parse(await dockerOk(engine, ['info', '--format', '{{json .RegistryConfig.Mirrors}}'])) as string[];
		expect(mirrors.map((m) => m.replace(/\/$/, ''))).toContain(mirrorUrl(engineConfig()));
	});

	test('docker buildx and docker compose are the unpacked plugins', async () => {
		expect(await dockerOk(engine, ['buildx', 'version'])).toMatch(/github\.com\/docker\/buildx 0\.29\./);
		expect(await dockerOk(engine, ['compose', 'version'])).toMatch(/^Docker Compose version v?2\.40\./);
	});

	test('a build goes through BuildKit and exports a manifest list whose digest is the image ID', async () => {
		const dir = await mkdtemp(join(tmpdir(), 'layerbook-build-'));
		work.push(dir);
		await writeFile(join(dir, 'Dockerfile'), 'FROM busybox:latest\nRUN echo built > /built.txt\n');
		const { all } = await docker(engine, ['build', '--progress=plain', '-t', 'docker28-build:1', dir]);
		const list = /exporting manifest list (sha256:[0-9a-f]{64})/.exec(all)?.[1];
		expect(list, all).toBeDefined();
		expect((await dockerOk(engine, ['image', 'inspect', '--format', '{{.Id}}', 'docker28-build:1'])).trim()).toBe(list);
	}, 120_000);

	test('docker compose up runs a service and down removes it', async () => {
		const dir = await mkdtemp(join(tmpdir(), 'layerbook-compose-'));
		work.push(dir);
		await writeFile(join(dir, 'compose.yaml'), 'services:\n  hello:\n    image: busybox:latest\n    command: ["echo", "hello from compose"]\n');
		await dockerOk(engine, ['compose', '-p', 'docker28', 'up'], { cwd: dir });
		expect(await dockerOk(engine, ['compose', '-p', 'docker28', 'logs', '--no-log-prefix', 'hello'], { cwd: dir })).toContain('hello from compose');
		await dockerOk(engine, ['compose', '-p', 'docker28', 'down'], { cwd: dir });
		expect((await dockerOk(engine, ['ps', '-a', '--filter', 'label=com.docker.compose.project=docker28', '-q'])).trim()).toBe('');
	}, 120_000);
});
