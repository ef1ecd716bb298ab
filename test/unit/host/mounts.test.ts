/** scripts/host/mounts.ts: the mounts under a folder, from /proc's mountinfo, deepest first. */
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

	it("decodes mountinfo's octal escapes (space, tab, newline, backslash) into the real paths", () => {
		const mountinfo = [
			String.raw`40 22 0:50 / /tmp/a\040b rw - tmpfs tmpfs rw`,
			String.raw`41 40 0:51 / /tmp/a\040b/tab\011here rw - tmpfs tmpfs rw`,
			String.raw`42 40 0:52 / /tmp/a\040b/new\012line rw - tmpfs tmpfs rw`,
			String.raw`43 40 0:53 / /tmp/a\040b/back\134slash rw - tmpfs tmpfs rw`,
			String.raw`44 22 0:54 / /tmp/a\040bc rw - tmpfs tmpfs rw`,
		].join('\n');
		expect(mountsUnder(mountinfo, ['/tmp/a b'])).toEqual(['/tmp/a b/back\\slash', '/tmp/a b/tab\there', '/tmp/a b/new\nline', '/tmp/a b']);
	});
});
