import './instance.ts';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { ForeignObjectsError, assertNothingForeign, reset, status, up, type Engine } from '../../scripts/engine/index.ts';
import { engineRoot } from '../../scripts/engine/packages.ts';
import { engineConfig } from '../../scripts/engine/config.ts';
import { dockerOk, freePort, waitForHttp } from './helpers.ts';

const engine = inject('engine');
// The decoy runs the same unpacked Docker as ours, with the default configuration a reader's has.
const binaries = engineRoot(engineConfig().cacheRoot);

/*
 * A second dockerd, as a reader's own daemon would be: its own data root, socket and bridge, with
 * iptables on (the default), and a container of its own that must survive everything we do.
 */
const decoy = {
	bridge: 'lbdecoy0',
	address: '10.199.77.1/24',
	dir: '',
	host: '',
	pidfile: '',
	env: {} as Record<string, string>,
	port: 0,
};

const dockerChains = ['DOCKER', 'DOCKER-USER', 'DOCKER-ISOLATION-STAGE-1', 'DOCKER-ISOLATION-STAGE-2'];
let chainsBefore = '';
let forwardPolicyBefore = 'ACCEPT';

async function iptablesSave(): Promise<string> {
	return (await execa('iptables-save')).stdout;
}

/** Undoes what the decoy dockerd added to the host's iptables, and nothing else. */
async function removeDecoyRules(): Promise<void> {
	const saved = await iptablesSave();
	let table = '';
	for (const line of saved.split('\n')) {
		if (line.startsWith('*')) table = line.slice(1);
		const fresh = dockerChains.filter((c) => !chainsBefore.includes(`:${c} `));
		const jumpsToFresh = fresh.some((c) => line.endsWith(` -j ${c}`) || line.includes(` -j ${c} `));
		const aboutDecoy = line.includes(decoy.bridge) || line.includes('10.199.77.');
		if (line.startsWith('-A ') && (jumpsToFresh || aboutDecoy)) {
			const spec = line.slice(3).match(/(?:[^\s"]+|"[^"]*")+/g) ?? [];
			await execa('iptables', ['-w', '-t', table, '-D', ...spec.map((s) => s.replace(/^"|"$/g, ''))], { reject: false });
		}
	}
	for (const t of ['filter', 'nat']) {
		for (const chain of dockerChains.filter((c) => !chainsBefore.includes(`:${c} `))) {
			await execa('iptables', ['-w', '-t', t, '-F', chain], { reject: false });
			await execa('iptables', ['-w', '-t', t, '-X', chain], { reject: false });
		}
	}
	await execa('iptables', ['-w', '-P', 'FORWARD', forwardPolicyBefore], { reject: false });
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

describe('beside another dockerd', () => {
	beforeAll(async () => {
		const saved = await iptablesSave();
		chainsBefore = saved;
		forwardPolicyBefore = /^:FORWARD (\w+)/m.exec(saved)?.[1] ?? 'ACCEPT';
		decoy.dir = await mkdtemp(join(tmpdir(), 'lbdecoy-'));
		decoy.host = `unix://${decoy.dir}/docker.sock`;
		decoy.pidfile = join(decoy.dir, 'dockerd.pid');
		decoy.env = { DOCKER_HOST: decoy.host, DOCKER_CONFIG: join(decoy.dir, 'client') };
		const ours = await status();
		await execa('ip', ['link', 'add', decoy.bridge, 'type', 'bridge']);
		await execa('ip', ['addr', 'add', decoy.address, 'dev', decoy.bridge]);
		await execa('ip', ['link', 'set', decoy.bridge, 'up']);
		const config = join(decoy.dir, 'daemon.json');
		await writeFile(
			config,
			JSON.stringify({
				'data-root': join(decoy.dir, 'data'),
				'exec-root': join(decoy.dir, 'exec'),
				pidfile: decoy.pidfile,
				hosts: [decoy.host],
				bridge: decoy.bridge,
				'default-address-pools': [{ base: '10.199.128.0/17', size: 24 }],
				// It gets its images from our mirror, as a reader's daemon gets them from Docker Hub.
				'registry-mirrors': [ours.mirror.url],
			}),
		);
		const path = `${binaries.pathDirs.join(':')}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin`;
		const child = execa(binaries.dockerd, ['--config-file', config], {
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
		decoy.port = await freePort(18090);
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
		expect(await waitForHttp(`http://127.0.0.1:${decoy.port}/`)).toBe('decoy\n');
	}, 180_000);

	afterAll(async () => {
		const pid = Number(await execa('cat', [decoy.pidfile], { reject: false }).then((r) => r.stdout));
		if (pid > 0) {
			process.kill(pid, 'SIGTERM');
			const deadline = Date.now() + 30_000;
			while (Date.now() < deadline && (await execa('kill', ['-0', String(pid)], { reject: false })).exitCode === 0) {
				await new Promise((resolve) => setTimeout(resolve, 200));
			}
		}
		await execa('ip', ['link', 'del', decoy.bridge], { reject: false });
		await removeDecoyRules();
		const mounts = (await execa('sh', ['-c', `grep -o ' ${decoy.dir}[^ ]*' /proc/self/mountinfo || true`])).stdout;
		for (const point of mounts
			.split('\n')
			.map((m) => m.trim())
			.filter(Boolean)
			.reverse())
			await execa('umount', ['-l', point], { reject: false });
		await rm(decoy.dir, { recursive: true, force: true });
	}, 120_000);

	test('our engine runs beside it, and a whole reset/run/build of ours leaves the decoy alive', async () => {
		await reset(engine);
		const port = await freePort(8080);
		await dockerOk(engine, ['run', '-d', '--name', 'web', '-p', `${port}:80`, 'nginx']);
		expect(await waitForHttp(`http://127.0.0.1:${port}/`)).toContain('Welcome to nginx!');
		// Outbound network from a build still works with the decoy's FORWARD policy and chains in place.
		await dockerOk(engine, ['build', '-t', 'with-apt', '-'], {
			input: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends hello\n',
			timeout: 240_000,
		});
		await dockerOk(engine, ['run', '-d', '-v', 'data:/data', 'busybox', 'sleep', '60']);
		await reset(engine);
		expect((await dockerOk(engine, ['ps', '-aq'])).trim()).toBe('');

		expect(await decoyAlive()).toBe(true);
		expect(await waitForHttp(`http://127.0.0.1:${decoy.port}/`)).toBe('decoy\n');
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
			await decoyDocker(['run', '--name', 'chapter-left-this', 'busybox', 'true']);
			await reset(external);
			expect((await decoyDocker(['ps', '-aq'])).trim()).toBe('');
			expect((await decoyDocker(['image', 'ls', '--format', '{{.Repository}}:{{.Tag}}'])).trim()).toBe('busybox:latest');
		} finally {
			delete process.env['LAYERBOOK_DOCKER_HOST'];
		}
	}, 120_000);
});
