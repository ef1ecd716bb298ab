import './instance.ts';
import { readFile } from 'node:fs/promises';
import { execa } from 'execa';
import { describe, expect, inject, test } from 'vitest';
import { down, engineConfig, enginePaths, reset, status, up, type Engine } from '../../scripts/engine/index.ts';
import { acquireLock } from '../../scripts/host/lock.ts';
import { mountsUnder } from '../../scripts/host/mounts.ts';
import { allPids, commandLine } from '../../scripts/host/proc.ts';
import { namespaceName, namespacePath } from '../../scripts/engine/network.ts';
import { dockerOk } from './helpers.ts';

const first = inject('engine');

async function ourProcesses(): Promise<string[]> {
	const paths = enginePaths(engineConfig());
	const found: string[] = [];
	for (const entry of await allPids()) {
		if (entry === process.pid) continue;
		const cmdline = (commandLine(entry) ?? []).join(' ');
		// The engine's programs by their paths, and slirp4netns by the namespace it serves.
		if (cmdline.includes(paths.runtime) || cmdline.includes(paths.mirrorConfig) || cmdline.includes(namespacePath(engineConfig())))
			found.push(`${entry}: ${cmdline}`);
	}
	return found;
}

/** Processes of these containers, wherever they run: found by the container id in their cgroup. */
async function containerProcesses(ids: readonly string[]): Promise<string[]> {
	const found: string[] = [];
	for (const entry of await allPids()) {
		const cgroup = await readFile(`/proc/${entry}/cgroup`, 'utf8').catch(() => '');
		if (ids.some((id) => cgroup.includes(id))) found.push(`${entry}: ${(commandLine(entry) ?? []).join(' ')}`);
	}
	return found;
}

async function ourMounts(): Promise<string[]> {
	const paths = enginePaths(engineConfig());
	return mountsUnder(await readFile('/proc/self/mountinfo', 'utf8'), [paths.runtime, paths.dataRoot]);
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

	test('down stops a container that ignores SIGTERM and has a long stop timeout: none of its processes outlives the daemon', async () => {
		const id = (await dockerOk(first, ['run', '-d', '--stop-timeout', '120', 'busybox', 'sh', '-c', 'trap "" TERM; sleep 1000'])).trim();
		expect(await containerProcesses([id])).not.toEqual([]);
		await down();
		expect(await containerProcesses([id])).toEqual([]);
		await up();
	}, 240_000);

	test('up asked for the other image store waits for a chapter another process is running on the daemon, instead of restarting under it', async () => {
		const paths = enginePaths(engineConfig());
		// Held as a chapter run holds it (scripts/examples/engine-lock.ts), from another process.
		const chapter = await acquireLock(paths.chapterLock, { what: 'a chapter run on the engine', timeoutMs: 5_000 });
		const before = await status();
		try {
			const other = engineConfig({ ...process.env, LAYERBOOK_IMAGE_STORE: 'classic' });
			const lines: string[] = [];
			const restarting = up({ config: other, onProgress: (line) => lines.push(line) });
			let settled = false;
			void restarting.then(
				() => {
					settled = true;
				},
				() => {
					settled = true;
				},
			);
			await new Promise((resolve) => setTimeout(resolve, 5_000));
			expect(settled).toBe(false);
			expect((await status()).daemonPid).toBe(before.daemonPid);
			expect(lines.join('\n')).toMatch(/waiting for process \d+, which is running a chapter/);
			await chapter.release();
			const switched = await restarting;
			expect(switched.store).toBe('classic');
		} finally {
			await chapter.release();
			await up();
		}
	}, 600_000);

	test('down leaves no process, container process, mount or namespace of ours; up brings it back', async () => {
		const before = await status();
		expect(before.running).toBe(true);
		expect(before.namespace).toBe(true);
		const running = (await dockerOk(first, ['run', '-d', 'busybox', 'sleep', '900'])).trim();
		expect(await ourProcesses()).not.toEqual([]);
		expect(await containerProcesses([running])).not.toEqual([]);

		await down();

		expect(await ourProcesses()).toEqual([]);
		expect(await containerProcesses([running])).toEqual([]);
		expect(await ourMounts()).toEqual([]);
		expect((await execa('ip', ['netns', 'list'])).stdout).not.toMatch(new RegExp(`^${namespaceName(engineConfig())}\\b`, 'm'));
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
