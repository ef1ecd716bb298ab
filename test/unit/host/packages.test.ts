/**
 * scripts/host/packages.ts: setup installs nothing that would replace a contributor's Docker, and an
 * interrupted install leaves the host's service policy as it found it.
 */
import { existsSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { describe, expect, it, test } from 'vitest';
import { hostPackages, plannedRemovals } from '../../../scripts/host/packages.ts';
import { tempDirs } from '../../temp-dirs.ts';

describe('host packages', () => {
	it('installs nothing that ships or conflicts with runc or containerd: the engine unpacks those itself', () => {
		const names = hostPackages.map((p) => p.pkg);
		for (const risky of ['runc', 'containerd', 'docker.io', 'docker-registry', 'debootstrap']) expect(names).not.toContain(risky);
	});

	it("reads the packages apt-get's simulated install would remove", () => {
		const simulation = [
			'Reading package lists...',
			'The following packages will be REMOVED:',
			'  containerd.io docker-ce',
			'Remv docker-ce [5:27.3.1-1~debian.12~bookworm]',
			'Remv containerd.io [1.7.22-1]',
			'Inst runc (1.1.5+ds1-1+deb12u1 Debian:12.8/stable [amd64])',
			'Conf runc (1.1.5+ds1-1+deb12u1 Debian:12.8/stable [amd64])',
		].join('\n');
		expect(plannedRemovals(simulation)).toEqual(['docker-ce', 'containerd.io']);
		expect(plannedRemovals('Inst iptables (1.8.9-2 Debian:12.8/stable [amd64])\n')).toEqual([]);
	});
});

describe('an install interrupted by Ctrl-C', () => {
	const policy = '/usr/sbin/policy-rc.d';
	const tempDir = tempDirs();

	// apt-get runs only as root; the child below stands in for it, so nothing is installed.
	test.skipIf(process.getuid?.() !== 0)(
		"leaves the host's service policy (/usr/sbin/policy-rc.d) as it found it",
		async () => {
			const dir = await tempDir('layerbook-apt-');
			const marker = join(dir, 'apt-get-ran');
			await writeFile(
				join(dir, 'apt-get'),
				// A simulated install removes nothing; anything else runs long enough to be interrupted.
				`#!/bin/sh\ncase " $* " in *" -s "*) exit 0 ;; esac\necho "$*" >> ${marker}\nexec sleep 60\n`,
				{ mode: 0o755 },
			);
			const before = existsSync(policy);
			const module = fileURLToPath(new URL('../../../scripts/host/packages.ts', import.meta.url));
			const child = execa(
				process.execPath,
				[
					'--import',
					'tsx',
					'--input-type=module',
					'-e',
					`import { installHostPackages } from ${JSON.stringify(module)}; await installHostPackages(['quality'], () => {});`,
				],
				{ env: { PATH: `${dir}:${process.env['PATH'] ?? ''}`, LAYERBOOK_SHELLCHECK: join(dir, 'no-shellcheck') }, detached: true, reject: false },
			);
			const deadline = Date.now() + 30_000;
			while (!existsSync(marker)) {
				if (Date.now() > deadline || child.exitCode !== null) throw new Error(`apt-get was never run: ${(await child).stderr}`);
				await new Promise((resolve) => setTimeout(resolve, 100));
			}
			process.kill(-(child.pid ?? 0), 'SIGINT');
			await child;
			const after = existsSync(policy);
			if (after && !before) await rm(policy, { force: true });
			expect(after).toBe(before);
		},
		60_000,
	);
});
