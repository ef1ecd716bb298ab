import './instance.ts';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { describe, expect, inject, test } from 'vitest';
import { down, engineConfig, enginePaths, networkSettings, reset, status, up, type Engine } from '../../scripts/engine/index.ts';
import { dockerOk } from './helpers.ts';

const first = inject('engine');

const networkModule = fileURLToPath(new URL('../../scripts/engine/network.ts', import.meta.url));

async function ourProcesses(): Promise<string[]> {
	const paths = enginePaths(engineConfig());
	const found: string[] = [];
	for (const entry of await readdir('/proc')) {
		if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
		const cmdline = (await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '')).replace(/\0/g, ' ');
		if (cmdline.includes(paths.runtime) || cmdline.includes(paths.mirrorConfig)) found.push(`${entry}: ${cmdline}`);
	}
	return found;
}

async function ourMounts(): Promise<string[]> {
	const paths = enginePaths(engineConfig());
	return (await readFile('/proc/self/mountinfo', 'utf8'))
		.split('\n')
		.map((line) => line.split(' ')[4] ?? '')
		.filter((point) => [paths.runtime, paths.dataRoot].some((root) => point === root || point.startsWith(`${root}/`)));
}

describe('engine lifecycle', () => {
	test('a second up reuses everything: no build, no pull, ready in seconds', async () => {
		const lines: string[] = [];
		const started = Date.now();
		const again = await up({ onProgress: (line) => lines.push(line) });
		const seconds = (Date.now() - started) / 1000;
		expect(lines.filter((l) => /building|pulling|debootstrap|starting|installing/.test(l))).toEqual([]);
		expect(again.baseImages).toEqual(first.baseImages);
		expect(again.dockerHost).toBe(first.dockerHost);
		expect(seconds).toBeLessThan(20);
	}, 60_000);

	test('reset leaves no image at all, as a fresh Docker has; the base images wait in the mirror', async () => {
		const engine: Engine = first;
		await dockerOk(engine, ['run', '-d', '--name', 'left-running', '-v', 'left-volume:/data', 'busybox', 'sleep', '600']);
		await dockerOk(engine, ['create', '--name', 'left-created', 'nginx']);
		await dockerOk(engine, ['network', 'create', 'left-network']);
		await dockerOk(engine, ['volume', 'create', 'left-alone']);
		await dockerOk(engine, ['build', '-t', 'left-image', '-'], { input: 'FROM busybox\nRUN echo hi > /hi\n' });
		await dockerOk(engine, ['pull', '-q', 'node:24-bookworm-slim']);
		await dockerOk(engine, ['tag', 'node:24-bookworm-slim', 'my-node:1']);
		// A chapter may point a base image's name at something else.
		await dockerOk(engine, ['tag', 'left-image', 'debian:bookworm']);

		await reset(engine);

		expect((await dockerOk(engine, ['ps', '-aq'])).trim()).toBe('');
		expect((await dockerOk(engine, ['volume', 'ls', '-q'])).trim()).toBe('');
		expect((await dockerOk(engine, ['network', 'ls', '--format', '{{.Name}}'])).trim().split('\n').sort()).toEqual(['bridge', 'host', 'none']);
		expect((await dockerOk(engine, ['image', 'ls', '-a', '--format', '{{.Repository}}:{{.Tag}}'])).trim()).toBe('');
		// The next pull of a base image gets the recorded digest from the mirror.
		for (const base of engine.baseImages.filter((b) => b.name === 'busybox:latest')) {
			expect(await dockerOk(engine, ['pull', base.name])).toContain(`Digest: ${base.digest}`);
		}
		const cache = await dockerOk(engine, ['system', 'df', '--format', '{{.Type}} {{.TotalCount}}']);
		expect(cache).toMatch(/^Build Cache 0$/m);
	}, 180_000);

	// In a network namespace of its own: forwarding is per namespace, and there no other engine of
	// ours keeps it on, as the engines of other suites do in the host's.
	test('the last down puts back the forwarding setting the first up found', async () => {
		const namespace = `lbfwd${process.pid}`;
		await execa('ip', ['netns', 'add', namespace]);
		try {
			const script = [
				`import { readFileSync, writeFileSync } from 'node:fs';`,
				`import { setupNetwork, teardownNetwork } from ${JSON.stringify(networkModule)};`,
				`const net = { bridge: 'lb-fwd', bridgeAddress: '10.250.0.1/24', supernet: '10.250.0.0/16', addressPool: { base: '10.250.128.0/17', size: 24 }, chain: 'LAYERBOOK-FWD' };`,
				`const read = () => readFileSync('/proc/sys/net/ipv4/ip_forward', 'utf8').trim();`,
				// A new namespace may inherit the host's setting: start from forwarding off.
				`writeFileSync('/proc/sys/net/ipv4/ip_forward', '0\\n');`,
				`const before = read(); await setupNetwork(1500, net); const during = read(); await teardownNetwork(net);`,
				`console.log(JSON.stringify({ before, during, after: read() }));`,
			].join('\n');
			const run = await execa('ip', ['netns', 'exec', namespace, process.execPath, '--import', 'tsx', '--input-type=module', '-e', script]);
			expect(JSON.parse(run.stdout)).toEqual({ before: '0', during: '1', after: '0' });
		} finally {
			await execa('ip', ['netns', 'del', namespace], { reject: false });
		}
	}, 60_000);

	test('down leaves no process, mount, bridge or rule of ours; up brings it back', async () => {
		const before = await status();
		expect(before.running).toBe(true);
		expect(await ourProcesses()).not.toEqual([]);

		await down();

		expect(await ourProcesses()).toEqual([]);
		expect(await ourMounts()).toEqual([]);
		const net = networkSettings(engineConfig());
		const link = await execa('ip', ['link', 'show', net.bridge], { reject: false });
		expect(link.exitCode).not.toBe(0);
		expect((await execa('iptables-save')).stdout).not.toContain(`${net.chain}-`);
		const after = await status();
		expect(after.running).toBe(false);
		expect(after.daemonPid).toBeNull();
		expect(after.mirror.running).toBe(false);

		// The data root and the mirror survive a down: the next up is warm.
		const lines: string[] = [];
		const again = await up({ onProgress: (line) => lines.push(line) });
		expect(lines.some((l) => /building/.test(l))).toBe(false);
		expect(again.baseImages).toEqual(first.baseImages);
		expect((await dockerOk(again, ['run', '--rm', 'busybox', 'echo', 'back'])).trim()).toBe('back');
	}, 180_000);
});
