/**
 * Runs the chapters' test files in the guide's reading order (src/contract/chapters.ts), the order a
 * reader follows; files that are not chapters (the harness's fixtures) come after, by name.
 */
import { basename } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { chapters } from '../../src/contract/chapters.ts';

function readingRank(file: TestSpecification): number {
	const slug = basename(file.moduleId).replace(/\.test\.ts$/, '');
	const index = chapters.findIndex((chapter) => chapter.slug === slug);
	return index === -1 ? chapters.length : index;
}

export class ReadingOrderSequencer extends BaseSequencer {
	override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
		return [...files].sort((a, b) => readingRank(a) - readingRank(b) || a.moduleId.localeCompare(b.moduleId));
	}
}
