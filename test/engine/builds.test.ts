import './instance.ts';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, inject, test } from 'vitest';
import { reset } from '../../scripts/engine/index.ts';
import { docker, dockerOk } from './helpers.ts';

const engine = inject('engine');

/** Builds reach the Debian archive and the npm registry from inside the engine's containers. */
describe('builds with network', () => {
	let dir = '';
	beforeEach(async () => {
		dir = await mkdtemp(join(tmpdir(), 'layerbook-build-'));
	});
	afterEach(async () => {
		await rm(dir, { recursive: true, force: true });
	});
	afterAll(() => reset(engine));

	test('a Dockerfile that runs apt-get install builds and runs', async () => {
		await writeFile(
			join(dir, 'Dockerfile'),
			[
				'FROM debian:bookworm-slim',
				'RUN apt-get update && apt-get install -y --no-install-recommends jq && rm -rf /var/lib/apt/lists/*',
				'CMD ["jq", "--version"]',
				'',
			].join('\n'),
		);
		const built = await docker(engine, ['build', '-t', 'with-apt', dir], { timeout: 240_000 });
		expect(built.exitCode, String(built.all)).toBe(0);
		expect((await dockerOk(engine, ['run', '--rm', 'with-apt'])).trim()).toMatch(/^jq-1\./);
	}, 300_000);

	test('a Dockerfile that runs npm install express builds and runs', async () => {
		await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true }));
		await writeFile(join(dir, 'server.js'), "const express = require('express');\nconsole.log(typeof express());\n");
		await writeFile(
			join(dir, 'Dockerfile'),
			[
				'FROM node:24-bookworm-slim',
				'WORKDIR /app',
				'COPY package.json ./',
				'RUN npm install express',
				'COPY server.js ./',
				'CMD ["node", "server.js"]',
				'',
			].join('\n'),
		);
		const built = await docker(engine, ['build', '-t', 'with-express', dir], { timeout: 240_000 });
		expect(built.exitCode, String(built.all)).toBe(0);
		expect((await dockerOk(engine, ['run', '--rm', 'with-express'])).trim()).toBe('function');
	}, 300_000);
});
