/** Which image store a daemon runs, from its `docker info`. */
import { describe, expect, it } from 'vitest';
import { imageStore, infoSchema } from '../../../scripts/engine/docker.ts';

const base = { ServerVersion: '28.5.2', OSType: 'linux', OperatingSystem: 'Debian', Architecture: 'x86_64' };

describe('imageStore', () => {
	it('is containerd when docker info reports a containerd snapshotter', () => {
		const info = infoSchema.parse({ ...base, Driver: 'overlayfs', DriverStatus: [['driver-type', 'io.containerd.snapshotter.v1']] });
		expect(imageStore(info)).toBe('containerd');
	});

	it('is classic for a graph driver such as overlay2', () => {
		const info = infoSchema.parse({
			...base,
			Driver: 'overlay2',
			DriverStatus: [
				['Backing Filesystem', 'extfs'],
				['Supports d_type', 'true'],
			],
		});
		expect(imageStore(info)).toBe('classic');
	});
});
