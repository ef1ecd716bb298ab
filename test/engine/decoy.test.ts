import './instance.ts';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { ForeignObjectsError, assertNothingForeign, daemonTime, enginePaths, reset, up, type Engine } from '../../scripts/engine/index.ts';
import { inNamespace } from '../../scripts/engine/network.ts';
import { engineTools } from '../../scripts/engine/tools.ts';
import { engineRoot } from '../../scripts/engine/packages.ts';
import { engineConfig } from '../../scripts/engine/config.ts';
import { dockerOk, waitForHttp } from './helpers.ts';
import { hostNetwork } from './host-network.ts';
import { unmountUnder } from '../../scripts/host/mounts.ts';

const engine = inject('engine');
// The decoy runs the same unpacked Docker as ours, with the default configuration a reader's has.
const binaries = engineRoot(engineConfig().cacheRoot);
const tools = engineTools(engineConfig().cacheRoot);

/*
 * A second dockerd, as a reader's own daemon would be: its own data root and socket, iptables on
 * (the default), and a container of its own that must survive everything we do. It runs in a
 * network namespace of its own, so its rules never touch the host's; a killed run leaves that
 * namespace behind, and the next run removes it first (by its name's prefix and its dead pid).
 */
const namespacePrefix = 'lbdecoy-';
const decoy = {
	namespace: `${namespacePrefix}${process.pid}`,
	dir: '',
	host: '',
	pidfile: '',
	mirrorPid: 0,
	env: {} as Record<string, string>,
	port: 18090,
};
const namespaceFile = (): string => `/run/netns/${decoy.namespace}`;

/** What an earlier, killed run left: its namespace (and with it its rules), once its process is gone. */
async function removeLeftoverNamespaces(): Promise<void> {
	const listed = (await execa('ip', ['netns', 'list'], { reject: false })).stdout;
	for (const name of listed.split('\n').map((line) => line.split(' ')[0] ?? '')) {
		if (!name.startsWith(namespacePrefix)) continue;
		const owner = Number(name.slice(namespacePrefix.length));
		const alive = owner > 0 && (await execa('kill', ['-0', String(owner)], { reject: false })).exitCode === 0;
		if (!alive) await execa('ip', ['netns', 'del', name], { reject: false });
	}
}

async function decoyDocker(args: string[]): Promise<string> {
	const result = await execa(binaries.client, args, { env: decoy.env, reject: false, all: true });
	if (result.exitCode !== 0) throw new Error(`decoy: docker ${args.join(' ')}: ${result.all}`);
	return result.stdout;
}

async function decoyAlive(): Promise<boolean> {
	const state = await decoyDocker(['inspect', '--format', '{{.State.Running}}', 'decoy']).catch(() => 'gone');
	return state.trim() === 'true';
}

let hostBefore = '';

describe('beside another dockerd', () => {
	beforeAll(async () => {
		await removeLeftoverNamespaces();
		hostBefore = await hostNetwork();
		decoy.dir = await mkdtemp(join(tmpdir(), 'lbdecoy-'));
		decoy.host = `unix://${decoy.dir}/docker.sock`;
		decoy.pidfile = join(decoy.dir, 'dockerd.pid');
		decoy.env = { DOCKER_HOST: decoy.host, DOCKER_CONFIG: join(decoy.dir, 'client') };
		await execa('ip', ['netns', 'add', decoy.namespace]);
		await execa('ip', ['-n', decoy.namespace, 'link', 'set', 'lo', 'up']);
		// It gets its images from a mirror as a reader's daemon gets them from Docker Hub: a second
		// registry on its own loopback, serving our mirror's storage.
		const ours = enginePaths(engineConfig());
		const registryConfig = join(decoy.dir, 'registry.yml');
		await writeFile(registryConfig, `version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: ${ours.mirrorStorage}\nhttp:\n  addr: 127.0.0.1:47001\n`);
		const registry = execa(...inNamespace(namespaceFile(), tools.registry, ['serve', registryConfig]), {
			detached: true,
			stdio: 'ignore',
			reject: false,
			cleanup: false,
		});
		registry.unref();
		decoy.mirrorPid = registry.pid ?? 0;
		const config = join(decoy.dir, 'daemon.json');
		await writeFile(
			config,
			JSON.stringify({
				'data-root': join(decoy.dir, 'data'),
				'exec-root': join(decoy.dir, 'exec'),
				pidfile: decoy.pidfile,
				hosts: [decoy.host],
				'registry-mirrors': ['http://127.0.0.1:47001'],
			}),
		);
		const path = `${[...binaries.pathDirs, ...tools.pathDirs].join(':')}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin`;
		const child = execa(...inNamespace(namespaceFile(), binaries.dockerd, ['--config-file', config]), {
			detached: true,
			stdio: 'ignore',
			reject: false,
			cleanup: false,
			env: { PATH: path },
			extendEnv: false,
		});
		child.unref();
		const deadline = Date.now() + 60_000;
		while ((await execa(binaries.client, ['version'], { env: decoy.env, reject: false })).exitCode !== 0) {
			if (Date.now() > deadline) throw new Error('the decoy dockerd did not start');
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
		await decoyDocker(['pull', 'busybox']);
		await decoyDocker([
			'run',
			'-d',
			'--name',
			'decoy',
			'-p',
			`${decoy.port}:80`,
			'busybox',
			'sh',
			'-c',
			'mkdir /www && echo decoy > /www/index.html && exec httpd -f -p 80 -h /www',
		]);
		await decoyDocker(['tag', 'busybox', 'decoy-image:mine']);
		expect(await waitForHttp(`http://127.0.0.1:${decoy.port}/`, namespaceFile())).toBe('decoy\n');
	}, 180_000);

	afterAll(async () => {
		const pid = Number(await execa('cat', [decoy.pidfile], { reject: false }).then((r) => r.stdout));
		for (const target of [pid, decoy.mirrorPid].filter((p) => p > 0)) {
			process.kill(target, 'SIGTERM');
			const deadline = Date.now() + 30_000;
			while (Date.now() < deadline && (await execa('kill', ['-0', String(target)], { reject: false })).exitCode === 0) {
				await new Promise((resolve) => setTimeout(resolve, 200));
			}
		}
		await execa('ip', ['netns', 'del', decoy.namespace], { reject: false });
		await unmountUnder([decoy.dir]);
		await rm(decoy.dir, { recursive: true, force: true });
		// The decoy's rules were its namespace's: the host's are as they were.
		expect(await hostNetwork()).toEqual(hostBefore);
	}, 120_000);

	test('our engine runs beside it, and a whole reset/run/build of ours leaves the decoy alive', async () => {
		await reset(engine);
		const port = 8080;
		await dockerOk(engine, ['run', '-d', '--name', 'web', '-p', `${port}:80`, 'nginx']);
		expect(await waitForHttp(`http://127.0.0.1:${port}/`, engine.namespace)).toContain('Welcome to nginx!');
		// Outbound network from a build still works beside another daemon with its own rules.
		await dockerOk(engine, ['build', '-t', 'with-apt', '-'], {
			input: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends hello\n',
			timeout: 240_000,
		});
		await dockerOk(engine, ['run', '-d', '-v', 'data:/data', 'busybox', 'sleep', '60']);
		await reset(engine);
		expect((await dockerOk(engine, ['ps', '-aq'])).trim()).toBe('');

		expect(await decoyAlive()).toBe(true);
		expect(await waitForHttp(`http://127.0.0.1:${decoy.port}/`, namespaceFile())).toBe('decoy\n');
		expect(await decoyDocker(['image', 'ls', '--format', '{{.Repository}}:{{.Tag}}'])).toContain('decoy-image:mine');
	}, 300_000);

	test('LAYERBOOK_DOCKER_HOST naming the decoy daemon is refused, naming what is foreign, before any command', async () => {
		const snapshot = async (): Promise<string> =>
			`${await decoyDocker(['ps', '-a', '--no-trunc', '--format', '{{.ID}} {{.Names}} {{.Image}}'])} ${await decoyDocker(['inspect', '--format', '{{.State.StartedAt}}', 'decoy'])}`;
		const before = await snapshot();
		process.env['LAYERBOOK_DOCKER_HOST'] = decoy.host;
		try {
			const error: unknown = await up().then(
				() => null,
				(e: unknown) => e,
			);
			expect(error).toBeInstanceOf(ForeignObjectsError);
			const message = (error as Error).message;
			expect(message).toContain(decoy.host);
			expect(message).toMatch(/container [0-9a-f]{12} "decoy" \(image busybox/);
			expect(message).toContain('image decoy-image:mine');
			expect(message).not.toMatch(/image busybox:latest/);
		} finally {
			delete process.env['LAYERBOOK_DOCKER_HOST'];
		}
		// reset refuses a daemon we did not start that has not passed the check.
		const external: Engine = { ...engine, dockerHost: decoy.host, env: { ...engine.env, DOCKER_HOST: decoy.host } };
		await expect(reset(external)).rejects.toThrow(/refusing to reset/);
		await expect(assertNothingForeign(external)).rejects.toThrow(/"decoy"/);
		expect(await snapshot()).toBe(before);
		expect(await decoyAlive()).toBe(true);
	}, 60_000);

	test('once it holds only base images, the external daemon is used, and reset works on it', async () => {
		await decoyDocker(['rm', '-f', 'decoy']);
		await decoyDocker(['rmi', 'decoy-image:mine']);
		process.env['LAYERBOOK_DOCKER_HOST'] = decoy.host;
		try {
			const external = await up();
			expect(external.dockerHost).toBe(decoy.host);
			expect(external.baseImages.map((b) => b.name)).toEqual(['busybox:latest']);
			expect(external.baseImages[0]?.standIn?.builtFrom).toMatch(/busybox/);
			// A chapter: what it makes after it started is its own, and the reset after it removes that.
			const since = await daemonTime(decoy.host);
			await decoyDocker(['run', '--name', 'chapter-left-this', 'busybox', 'true']);
			await decoyDocker(['volume', 'create', 'chapter-volume']);
			await reset(external, since);
			expect((await decoyDocker(['ps', '-aq'])).trim()).toBe('');
			expect((await decoyDocker(['volume', 'ls', '-q'])).trim()).toBe('');
			expect((await decoyDocker(['image', 'ls', '--format', '{{.Repository}}:{{.Tag}}'])).trim()).toBe('busybox:latest');
			// Between two chapters its owner makes something: the next chapter's reset checks again,
			// refuses, and removes nothing.
			await decoyDocker(['create', '--name', 'made-between-chapters', 'busybox', 'true']);
			await decoyDocker(['volume', 'create', 'owners-volume']);
			const refused = await reset(external).catch((e: unknown) => e);
			expect(refused).toBeInstanceOf(Error);
			expect(String((refused as Error).cause ?? refused)).toMatch(/"made-between-chapters"/);
			expect((await decoyDocker(['ps', '-a', '--format', '{{.Names}}'])).trim()).toBe('made-between-chapters');
			expect((await decoyDocker(['volume', 'ls', '-q'])).trim()).toBe('owners-volume');
		} finally {
			delete process.env['LAYERBOOK_DOCKER_HOST'];
		}
	}, 120_000);
});
