/** A chapter for the harness's tests: a store pair (lines 1 and 5), then a block on both stores (line 10). */
import type { Chapter } from '../../../scripts/examples/chapter.ts';
import { extractBlocks } from '../../../src/contract/extract.ts';

const storePairSource = [
	'```console store=containerd',
	'$ docker info -f x',
	'overlayfs',
	'```',
	'```console store=classic',
	'$ docker info -f x',
	'overlay2',
	'```',
	'',
	'```sh',
	'true',
	'```',
].join('\n');

export function storePairChapter(file: string, slug: string): Chapter {
	return { slug, file, absolutePath: file, source: storePairSource, blocks: extractBlocks(file, storePairSource) };
}
