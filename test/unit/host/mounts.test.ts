import { describe, expect, it } from 'vitest';
import { mountsUnder } from '../../../scripts/host/mounts.ts';

describe('mountsUnder', () => {
	it('finds the mount points under the roots, deepest first, and nothing beside them', () => {
		const mountinfo = [
			'22 1 0:21 / /run rw - tmpfs tmpfs rw',
			'30 22 0:40 / /run/layerbook/exec/x rw - overlay overlay rw',
			'31 30 0:41 / /run/layerbook/exec/x/y rw - proc proc rw',
			'32 22 0:42 / /run/layerbook-test/exec rw - tmpfs tmpfs rw',
		].join('\n');
		expect(mountsUnder(mountinfo, ['/run/layerbook'])).toEqual(['/run/layerbook/exec/x/y', '/run/layerbook/exec/x']);
	});
});
