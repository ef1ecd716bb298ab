import './instance.ts';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, describe, expect, inject, test } from 'vitest';
import { offlineProxy } from '../../scripts/engine/daemon.ts';
import { inNamespace } from '../../scripts/engine/network.ts';
import { reset } from '../../scripts/engine/index.ts';
import { docker, dockerOk, waitForHttp } from './helpers.ts';
import { hostNetwork } from './host-network.ts';

const engine = inject('engine');

/**
 * Whether the container answers a request from the host (not the engine's namespace) to
 * address:port, told by the page it serves: on some networks a transparent proxy accepts any
 * outgoing connection, so a connection that opens proves nothing.
 */
async function answersHost(address: string, port: number): Promise<boolean> {
	try {
		const response = await fetch(`http://${address}:${port}/`, { signal: AbortSignal.timeout(3_000) });
		return (await response.text()).includes('Welcome to nginx!');
	} catch {
		return false;
	}
}

async function hostAddresses(): Promise<string[]> {
	const shown = await execa('ip', ['-4', '-o', 'addr', 'show', 'scope', 'global']);
	return [...shown.stdout.matchAll(/ inet (\d+\.\d+\.\d+\.\d+)\//g)].map((m) => m[1] ?? '');
}

describe("the engine's own network namespace", () => {
	afterAll(() => reset(engine));

	test("with containers, published ports and a build running, the host's rules, ip_forward, routes and links are as before up", async () => {
		await dockerOk(engine, ['run', '-d', '--name', 'web', '-p', '8080:80', 'nginx']);
		await waitForHttp('http://127.0.0.1:8080/', engine.namespace);
		await dockerOk(engine, ['network', 'create', 'apart']);
		await dockerOk(engine, ['run', '-d', '--network', 'apart', '--name', 'other', 'busybox', 'sleep', '300']);
		expect(await hostNetwork()).toBe(inject('hostNetworkBefore'));
	}, 120_000);

	test("a container is reachable neither at the host's own addresses nor at its container address from the host", async () => {
		await dockerOk(engine, ['run', '-d', '--name', 'everywhere', '-p', '0.0.0.0:8083:80', 'nginx']);
		await waitForHttp('http://127.0.0.1:8083/', engine.namespace);
		const inside = (await dockerOk(engine, ['inspect', '--format', '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}', 'everywhere'])).trim();
		expect(inside).toMatch(/^10\.213\.0\.\d+$/);
		const addresses = await hostAddresses();
		expect(addresses.length).toBeGreaterThan(0);
		for (const address of [...addresses, '127.0.0.1']) expect(await answersHost(address, 8083), `${address}:8083`).toBe(false);
		expect(await answersHost(inside, 80), `${inside}:80`).toBe(false);
		// From inside the namespace, where the chapters run, it answers.
		expect(await waitForHttp(`http://${inside}/`, engine.namespace)).toContain('Welcome to nginx!');
	}, 120_000);

	test('npm run engine -- shell is a bash in the namespace, with docker pointed at the engine', async () => {
		const cli = fileURLToPath(new URL('../../scripts/engine/cli.ts', import.meta.url));
		const shell = await execa(process.execPath, ['--import', 'tsx', cli, 'shell'], { input: 'readlink /proc/self/ns/net\necho "$DOCKER_HOST"\n' });
		const inside = await execa(...inNamespace(engine.namespace ?? '', 'readlink', ['/proc/self/ns/net']));
		expect(shell.stdout.split('\n')).toEqual([inside.stdout, engine.dockerHost]);
	}, 60_000);

	test('a build that runs apt-get install reaches the Debian archive through the user-mode network', async () => {
		const built = await docker(engine, ['build', '--progress=plain', '-t', 'with-hello', '-'], {
			input: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends hello\n',
			timeout: 300_000,
		});
		expect(built.exitCode, built.all).toBe(0);
		expect((await dockerOk(engine, ['run', '--rm', 'with-hello', 'hello'])).trim()).toBe('Hello, world!');
	}, 320_000);

	test('a pull of an image the mirror lacks fails at once, naming the image, and no registry beyond the mirror is reached', async () => {
		const started = Date.now();
		const missing = await docker(engine, ['pull', 'layerbook-absent/never-pushed:1']);
		expect(missing.exitCode).not.toBe(0);
		expect(missing.all).toContain('layerbook-absent/never-pushed:1');
		expect(missing.all).toContain('not found');
		// Any registry but the mirror goes through a proxy that does not exist: Docker Hub too,
		// should the mirror not answer. The error says why.
		const elsewhere = await docker(engine, ['pull', 'ghcr.io/layerbook-absent/never:1']);
		expect(elsewhere.exitCode).not.toBe(0);
		expect(elsewhere.all).toContain('ghcr.io/layerbook-absent/never:1');
		expect(elsewhere.all).toContain(new URL(offlineProxy).hostname);
		expect((await dockerOk(engine, ['info', '--format', '{{.HTTPSProxy}}'])).trim()).toBe(offlineProxy);
		// "At once": no retries against a network; a generous bound for a loaded machine.
		expect((Date.now() - started) / 1000).toBeLessThan(30);
	}, 60_000);
});
