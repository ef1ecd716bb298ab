/**
 * Every chapter of the guide, in reading order, against the sandbox engine. Select one with
 * vitest's own filters: `npx vitest run --project examples -t introduction`.
 */
import { describe, inject, it } from 'vitest';
import { type Chapter, chapterSlugs, executableBlocks, loadChapter } from '../../scripts/examples/chapter.ts';
import { ChapterProblems } from '../../scripts/examples/problem.ts';
import { BlockFailure, chapterSuite } from './chapter-suite.ts';

const force = process.env['LAYERBOOK_FORCE'] === '1';

for (const slug of await chapterSlugs()) {
	let chapter: Chapter;
	try {
		chapter = await loadChapter(slug);
	} catch (error) {
		if (!(error instanceof ChapterProblems)) throw error;
		describe(slug, () => {
			it(`${slug}: the chapter can be read`, () => {
				throw new BlockFailure(error.message);
			});
		});
		continue;
	}
	if (executableBlocks(chapter).length === 0) continue;
	chapterSuite(chapter, { engine: () => inject('engine'), useCache: !force });
}
