import './instance.ts';
import { readFile } from 'node:fs/promises';
import { execa } from 'execa';
import { afterAll, describe, expect, inject, test } from 'vitest';
import { reset } from '../../scripts/engine/index.ts';
import { inNamespace } from '../../scripts/engine/network.ts';
import { docker, dockerOk, waitForHttp } from './helpers.ts';

const engine = inject('engine');

describe('published ports', () => {
	afterAll(() => reset(engine));

	test('nginx started with -p 8080:80 answers on 127.0.0.1:8080 with its welcome page', async () => {
		// 8080 as the chapters write it: the engine's namespace has ports of its own, so nothing on the host holds it.
		const port = 8080;
		await dockerOk(engine, ['run', '-d', '--name', 'web', '-p', `${port}:80`, 'nginx']);
		const page = await waitForHttp(`http://127.0.0.1:${port}/`, engine.namespace);
		expect(page).toContain('<h1>Welcome to nginx!</h1>');
		const served = await dockerOk(engine, ['exec', 'web', 'cat', '/usr/share/nginx/html/index.html']);
		expect(served).toBe(page.trimEnd());
		const logs = await docker(engine, ['logs', 'web']);
		expect(String(logs.all)).toMatch(/"GET \/ HTTP\/1\.1" 200/);
	}, 60_000);

	test('a published port answers on 127.0.0.1 and is not bound on 0.0.0.0 or [::]', async () => {
		const port = 8081;
		await dockerOk(engine, ['run', '-d', '--name', 'loopback', '-p', `${port}:80`, 'nginx']);
		await waitForHttp(`http://127.0.0.1:${port}/`, engine.namespace);
		expect((await dockerOk(engine, ['port', 'loopback', '80/tcp'])).trim()).toBe(`127.0.0.1:${port}`);
		// The kernel's own list of listening sockets in the engine's namespace: the port is held on loopback only.
		const hex = port.toString(16).toUpperCase().padStart(4, '0');
		const listening = async (file: string): Promise<string[]> =>
			(await execa(...inNamespace(engine.namespace ?? '', 'cat', [file]))).stdout
				.split('\n')
				.slice(1)
				.map((line) => line.trim().split(/\s+/))
				.filter((fields) => fields[3] === '0A' && fields[1]?.endsWith(`:${hex}`))
				.map((fields) => fields[1] ?? '');
		expect(await listening('/proc/net/tcp')).toEqual([`0100007F:${hex}`]);
		expect(await listening('/proc/net/tcp6').catch(() => [])).toEqual([]);
		// And nothing of it on the host's own loopback.
		expect(await readFile('/proc/net/tcp', 'utf8')).not.toMatch(new RegExp(`:${hex} [0-9A-F]{8}:[0-9A-F]{4} 0A `));
	}, 60_000);

	test('a registry:2 container on port 5000 accepts a push and serves the pull', async () => {
		const port = 5000;
		await dockerOk(engine, ['run', '-d', '--name', 'registry', '-p', `${port}:5000`, 'registry:2']);
		await waitForHttp(`http://127.0.0.1:${port}/v2/`, engine.namespace);
		const ref = `localhost:${port}/my-busybox:1`;
		await dockerOk(engine, ['pull', '-q', 'busybox']);
		await dockerOk(engine, ['tag', 'busybox', ref]);
		const pushed = await dockerOk(engine, ['push', ref]);
		expect(pushed).toMatch(/digest: sha256:[0-9a-f]{64}/);
		await dockerOk(engine, ['rmi', ref]);
		const pulled = await dockerOk(engine, ['pull', ref]);
		expect(pulled).toContain(`Downloaded newer image for ${ref}`);
		expect((await dockerOk(engine, ['run', '--rm', ref, 'echo', 'pulled'])).trim()).toBe('pulled');
		const catalog = await waitForHttp(`http://127.0.0.1:${port}/v2/_catalog`, engine.namespace);
		expect(JSON.parse(catalog)).toEqual({ repositories: ['my-busybox'] });
	}, 120_000);
});
