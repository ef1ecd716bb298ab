/** The outputs and entries of the fixture site's record (fixture-site.ts), shared by the tests that build it. */
import type { RecordedBlock } from '../../src/contract/record.ts';
import type { RecordBlock } from './fixture-site.ts';

export const transcript = [
	'$ docker run --rm busybox echo hi',
	'hi',
	'$ docker image ls \\',
	'    --filter reference=busybox',
	'REPOSITORY   TAG       IMAGE ID       CREATED        SIZE',
	'busybox      latest    f99f0448162a   2 hours ago    3.11MB',
].join('\n');
const seq = ['$ seq 1 10', ...Array.from({ length: 10 }, (_, i) => String(i + 1))].join('\n');
const outputs = ['\u001b[32mhello\u001b[0m', Array.from({ length: 100 }, (_, i) => String(i + 1)).join('\n'), transcript, seq];

export const digests = { containerd: `sha256:${'c'.repeat(64)}`, classic: `sha256:${'0'.repeat(64)}` };
const inspect = "$ docker image inspect -f '{{.Id}}' busybox";
/** The stores page's outputs, by block: the first two the same on both stores, then each pair's halves. */
export const storeOutputs = [
	'same',
	'$ echo first\nfirst',
	`${inspect}\n${digests.containerd}`,
	`${inspect}\n${digests.classic}`,
	'REPOSITORY   TAG       DIGEST    IMAGE ID       CREATED       SIZE\nbusybox      latest    sha256:c…   c0ffee000000   2 hours ago   6.2MB',
	'REPOSITORY   TAG       IMAGE ID       CREATED       SIZE\nbusybox      latest    0123456789ab   2 hours ago   4.4MB',
];

/**
 * What the fixture record holds for a block (fixture-site.ts, RecordBlock): passed with the output
 * above for its page and place, or skipped with its reason. The same on both stores but for a pair's
 * halves, which have outputs of their own.
 */
export const recorded: RecordBlock = (block, index, _store, page) => {
	const kind = block.kind as RecordedBlock['kind'];
	const output = page === 'page' ? outputs[index] : page === 'stores' ? storeOutputs[index] : '$ docker image ls -q busybox\n0123456789ab';
	return block.meta.skip === undefined
		? {
				hash: block.hash,
				parity: block.parity,
				file: `src/content/docs/${page}.mdx`,
				line: block.line,
				kind,
				...(block.meta.store === undefined ? {} : { store: block.meta.store }),
				status: 'passed',
				durationMs: 5,
				output: output ?? '',
			}
		: {
				hash: block.hash,
				parity: block.parity,
				file: `src/content/docs/${page}.mdx`,
				line: block.line,
				kind,
				status: 'skipped',
				reason: block.meta.skip,
				durationMs: 0,
			};
};
