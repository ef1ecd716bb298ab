import './instance.ts';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, inject, test } from 'vitest';
import { reset } from '../../scripts/engine/index.ts';
import { docker, dockerOk } from './helpers.ts';

const engine = inject('engine');

/**
 * Runs a shell line under a pseudo-terminal (util-linux `script`) and types each text once the
 * screen's last line is its prompt, on a line after the one the previous text was typed on:
 * a fixed pause types too early on a loaded machine. A prompt that does not come is an error.
 */
async function typeAtPrompts(line: string, keys: { prompt: RegExp; text: string }[], waitMs = 45_000): Promise<string> {
	const child = execa('script', ['-qec', line, '/dev/null'], { env: engine.env, reject: false, buffer: false, timeout: 60_000 });
	let screen = '';
	child.stdout.setEncoding('utf8');
	child.stdout.on('data', (chunk: string) => {
		screen += chunk;
	});
	// Strip terminal escapes so prompts and assertions read plain text.
	const plain = (): string => screen.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r/g, '');
	try {
		let typedAt = 0;
		for (const key of keys) {
			const deadline = Date.now() + waitMs;
			while (!(plain().split('\n').length > typedAt && key.prompt.test(plain().split('\n').at(-1) ?? ''))) {
				if (Date.now() > deadline)
					throw new Error(`no prompt ${String(key.prompt)} to type ${JSON.stringify(key.text)} within ${waitMs} ms; the screen showed:\n${plain()}`);
				await new Promise((resolve) => setTimeout(resolve, 50));
			}
			typedAt = plain().split('\n').length;
			child.stdin.write(key.text);
		}
		child.stdin.end();
		await child;
		return plain();
	} finally {
		child.kill();
	}
}

describe('base images', () => {
	afterAll(() => reset(engine));

	test('the engine reports its daemon and uses its own client', async () => {
		expect(engine.version).toMatch(/^28\.5\./);
		expect(engine.os).toMatch(/^(Debian|Ubuntu)/); // the host the engine runs on, as docker info names it
		// BuildKit is the only builder: nothing asks for it.
		expect(engine.env['DOCKER_BUILDKIT']).toBeUndefined();
		const client = await dockerOk(engine, ['version', '--format', '{{.Client.Version}} {{.Server.Version}}']);
		expect(client.trim()).toBe(`${engine.version} ${engine.version}`);
	});

	test('every base image the engine documents is there, each a stand-in that says what it was built from', () => {
		const names = engine.baseImages.map((b) => b.name);
		for (const name of ['debian:bookworm', 'debian:bookworm-slim', 'node:24-bookworm-slim', 'nginx:latest', 'busybox:latest', 'registry:2', 'redis:7']) {
			expect(names).toContain(name);
		}
		expect(names.some((n) => /^nginx:\d+\.\d+$/.test(n))).toBe(true);
		for (const image of engine.baseImages) {
			expect(image.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
			expect(image.standIn?.builtFrom).toBeTruthy();
		}
	});

	test.each(['debian:bookworm', 'debian:bookworm-slim', 'node:24-bookworm-slim', 'nginx:latest', 'busybox', 'registry:2'])(
		'%s is pulled through the mirror and gets a repo digest',
		async (name) => {
			const ref = name.includes(':') ? name : `${name}:latest`;
			const repo = ref.split(':')[0] ?? ref;
			// Remove it first, so the pull really goes through the registry.
			await docker(engine, ['rmi', ref]);
			const pulled = await dockerOk(engine, ['pull', name]);
			const base = engine.baseImages.find((b) => b.name === ref);
			expect(pulled).toContain(`Digest: ${base?.digest ?? 'missing'}`);
			const digests = await dockerOk(engine, ['image', 'inspect', '--format', '{{json .RepoDigests}}', name]);
			expect(JSON.parse(digests)).toContain(`${repo}@${base?.digest ?? 'missing'}`);
		},
		120_000,
	);

	test('node prints its version, v24', async () => {
		const out = await dockerOk(engine, ['run', '--rm', 'node:24-bookworm-slim', 'node', '-e', 'console.log(process.version)']);
		expect(out.trim()).toMatch(/^v24\.\d+\.\d+$/);
		const npm = await dockerOk(engine, ['run', '--rm', 'node:24-bookworm-slim', 'npm', '--version']);
		expect(npm.trim()).toMatch(/^\d+\.\d+\.\d+$/);
	}, 60_000);

	test('docker run -it of node opens the REPL', async () => {
		const screen = await typeAtPrompts('docker run -it --rm node:24-bookworm-slim', [
			{ prompt: /^> $/, text: '6*7\n' },
			{ prompt: /^> $/, text: '.exit\n' },
		]);
		expect(screen).toMatch(/Welcome to Node\.js v24\./);
		expect(screen).toMatch(/^42$/m);
	}, 60_000);

	test('the stand-ins look like the official images', async () => {
		const inspect = async (name: string, format: string): Promise<string> => (await dockerOk(engine, ['image', 'inspect', '--format', format, name])).trim();
		expect(await inspect('node:24-bookworm-slim', '{{json .Config.Entrypoint}} {{json .Config.Cmd}}')).toBe('["docker-entrypoint.sh"] ["node"]');
		expect(await inspect('nginx', '{{json .Config.Cmd}} {{.Config.StopSignal}} {{json .Config.ExposedPorts}}')).toBe(
			'["nginx","-g","daemon off;"] SIGQUIT {"80/tcp":{}}',
		);
		expect(await inspect('registry:2', '{{json .Config.ExposedPorts}} {{json .Config.Volumes}}')).toBe('{"5000/tcp":{}} {"/var/lib/registry":{}}');
		expect(await inspect('busybox', '{{len .RootFS.Layers}} {{json .Config.Cmd}}')).toBe('1 ["sh"]');
		expect(await inspect('debian:bookworm-slim', '{{index .Config.Labels "org.layerbook.stand-in"}}')).toBe('debian');
		const nodeWhere = await dockerOk(engine, ['run', '--rm', 'node:24-bookworm-slim', 'sh', '-c', 'for c in node npm npx; do command -v "$c"; done']);
		expect(nodeWhere.trim().split('\n')).toEqual(['/usr/local/bin/node', '/usr/local/bin/npm', '/usr/local/bin/npx']);
		const logs = await dockerOk(engine, ['run', '--rm', 'nginx', 'readlink', '/var/log/nginx/access.log', '/var/log/nginx/error.log']);
		expect(logs.trim().split('\n')).toEqual(['/dev/stdout', '/dev/stderr']);
	}, 60_000);

	test('nginx starts the way the official image does: its entrypoint, its log lines, its temp paths', async () => {
		await dockerOk(engine, ['run', '-d', '--name', 'like-official', 'nginx']);
		try {
			const command = await dockerOk(engine, ['ps', '--filter', 'name=like-official', '--format', '{{.Command}}']);
			expect(command.trim()).toBe('"/docker-entrypoint.…"');
			let logs = '';
			for (let tries = 0; tries < 50 && !logs.includes('ready for start up'); tries += 1) {
				logs = (await docker(engine, ['logs', 'like-official'])).all;
				await new Promise((resolve) => setTimeout(resolve, 100));
			}
			expect(logs).toContain('/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh');
			expect(logs).toContain('/docker-entrypoint.sh: Configuration complete; ready for start up');
			const changed = (await dockerOk(engine, ['diff', 'like-official'])).split('\n');
			expect(changed).toContain('A /var/cache/nginx/client_temp');
			expect(changed).toContain('C /etc/nginx/conf.d/default.conf');
		} finally {
			await docker(engine, ['rm', '-f', 'like-official']);
		}
	}, 60_000);

	test('redis starts as the official image does: user redis (999), /data as volume and working directory, protected mode off, a healthcheck that answers', async () => {
		await dockerOk(engine, ['pull', '-q', 'redis:7']);
		const inspect = async (format: string): Promise<string> => (await dockerOk(engine, ['image', 'inspect', '--format', format, 'redis:7'])).trim();
		expect(
			await inspect('{{json .Config.Entrypoint}} {{json .Config.Cmd}} {{.Config.WorkingDir}} {{json .Config.Volumes}} {{json .Config.ExposedPorts}}'),
		).toBe('["docker-entrypoint.sh"] ["redis-server"] /data {"/data":{}} {"6379/tcp":{}}');
		expect((await dockerOk(engine, ['run', '--rm', '--entrypoint', 'id', 'redis:7', 'redis'])).trim()).toBe('uid=999(redis) gid=999(redis) groups=999(redis)');
		// A version tag as Docker Hub has it, on the same image.
		const version = (await dockerOk(engine, ['run', '--rm', 'redis:7', 'redis-server', '--version'])).match(/v=(\d+\.\d+)\.\d+/)?.[1] ?? '';
		expect(version).toMatch(/^7\.\d+$/);
		await dockerOk(engine, ['pull', '-q', `redis:${version}`]);
		expect(await dockerOk(engine, ['image', 'inspect', '--format', '{{.Id}}', `redis:${version}`])).toBe(
			await dockerOk(engine, ['image', 'inspect', '--format', '{{.Id}}', 'redis:7']),
		);
		await dockerOk(engine, ['network', 'create', 'redis-check']);
		try {
			await dockerOk(engine, ['run', '-d', '--name', 'redis-like-official', '--network', 'redis-check', 'redis:7']);
			let pong = '';
			for (let tries = 0; tries < 50 && pong !== 'PONG'; tries += 1) {
				pong = (await docker(engine, ['exec', 'redis-like-official', 'redis-cli', 'ping'])).stdout.trim();
				if (pong !== 'PONG') await new Promise((resolve) => setTimeout(resolve, 100));
			}
			expect(pong).toBe('PONG');
			// The server runs as redis, owns /data, and takes connections from other containers without a password.
			expect((await dockerOk(engine, ['exec', 'redis-like-official', 'stat', '-c', '%U', '/proc/1', '/data'])).trim().split('\n')).toEqual(['redis', 'redis']);
			expect((await dockerOk(engine, ['exec', 'redis-like-official', 'redis-cli', 'config', 'get', 'protected-mode'])).trim().split('\n')).toEqual([
				'protected-mode',
				'no',
			]);
			const remote = await dockerOk(engine, [
				'run',
				'--rm',
				'--network',
				'redis-check',
				'--entrypoint',
				'redis-cli',
				'redis:7',
				'-h',
				'redis-like-official',
				'set',
				'k',
				'v',
			]);
			expect(remote.trim()).toBe('OK');
		} finally {
			await docker(engine, ['rm', '-f', '-v', 'redis-like-official']);
			await docker(engine, ['network', 'rm', 'redis-check']);
		}
	}, 90_000);

	test('nginx is a maintained stable branch, tagged as Docker Hub tags it', async () => {
		// nginx -v writes to stderr (after any pull's lines); the entrypoint is bypassed so only nginx speaks.
		const versionOf = async (image: string): Promise<string> =>
			/nginx version: nginx\/(\d+\.\d+\.\d+)/.exec((await docker(engine, ['run', '--rm', '--entrypoint', 'nginx', image, '-v'])).all)?.[1] ?? '';
		const version = await versionOf('nginx');
		const [major = 0, minor = 0] = version.split('.').map(Number);
		// 1.22 ended in 2023 and 1.26 in 2025: the guide's pinned tag must be a branch that still gets fixes.
		expect(major * 1000 + minor).toBeGreaterThanOrEqual(1030);
		// Stable branches are even.
		expect(minor % 2).toBe(0);
		expect(await versionOf(`nginx:${major}.${minor}`)).toBe(version);
	}, 60_000);

	test("node has the official image's environment and Yarn, and nothing more", async () => {
		const env = await dockerOk(engine, ['image', 'inspect', '--format', '{{json .Config.Env}}', 'node:24-bookworm-slim']);
		expect(JSON.parse(env).map((entry: string) => entry.split('=')[0])).toEqual(['PATH', 'NODE_VERSION', 'YARN_VERSION']);
		expect((await dockerOk(engine, ['run', '--rm', 'node:24-bookworm-slim', 'yarn', '--version'])).trim()).toMatch(/^1\.22\.\d+$/);
	}, 60_000);

	test('BuildKit resolves FROM through the mirror', async () => {
		const dir = await mkdtemp(join(tmpdir(), 'layerbook-from-'));
		try {
			await writeFile(join(dir, 'Dockerfile'), 'FROM busybox\nRUN echo built > /built\n');
			// Not in the daemon's store: BuildKit has to fetch it from the registry.
			await docker(engine, ['rmi', 'busybox']);
			const built = await docker(engine, ['build', '--progress=plain', '-t', 'from-mirror', dir]);
			expect(built.exitCode, String(built.all)).toBe(0);
			const base = engine.baseImages.find((b) => b.name === 'busybox:latest');
			// It resolved the name to the mirror's digest and fetched the layer.
			expect(built.all).toMatch(new RegExp(`resolve docker\\.io/library/busybox(?::latest)?@${base?.digest ?? 'missing'}`));
			expect(built.all).toMatch(/extracting sha256:/);
		} finally {
			await rm(dir, { recursive: true, force: true });
		}
	}, 180_000);
});
