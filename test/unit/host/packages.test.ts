import { describe, expect, it } from 'vitest';
import { hostPackages, plannedRemovals } from '../../../scripts/host/packages.ts';

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
