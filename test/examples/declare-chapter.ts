/**
 * One chapter of the guide as a vitest suite against the sandbox engine. Each chapter has a test
 * file of its own (test/examples/chapters/<slug>.test.ts), so vitest's --shard spreads chapters
 * across runners; select one with vitest's filters: `npx vitest run --project examples introduction`.
 */
import { describe, inject, it } from 'vitest';
import { type Chapter, loadChapter } from '../../scripts/examples/chapter.ts';
import { ChapterProblems } from '../../src/contract/problem.ts';
import { BlockFailure, chapterSuite } from './chapter-suite.ts';

const force = process.env['LAYERBOOK_FORCE'] === '1';

export async function declareChapter(slug: string): Promise<void> {
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
		return;
	}
	const engine = inject('engine');
	chapterSuite(chapter, { engine: () => engine, store: engine.store, useCache: !force });
}
