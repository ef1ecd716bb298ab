/** scripts/examples/chapter.ts: which pages are chapters, in reading order. */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chapterSlugs, loadChapter } from '../../../scripts/examples/chapter.ts';

describe('chapterSlugs', () => {
	it('lists root-locale .mdx files in reading order, then the rest by name, never translations', async () => {
		const root = await mkdtemp(join(tmpdir(), 'docs-'));
		await mkdir(join(root, 'en'));
		await mkdir(join(root, 'extra'));
		for (const name of ['building-images.mdx', 'introduction.mdx', 'zeta.mdx', 'extra/alpha.mdx', 'en/introduction.mdx', '404.md']) {
			await writeFile(join(root, name), '# x\n');
		}
		expect(await chapterSlugs(root)).toEqual(['introduction', 'building-images', 'extra/alpha', 'zeta']);
		expect((await loadChapter('extra/alpha', root)).file).toMatch(/extra\/alpha\.mdx$/);
	});
});
