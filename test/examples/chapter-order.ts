/**
 * Runs the chapters' test files in the guide's reading order (src/contract/chapters.ts), the order a
 * reader follows; files that are not chapters (the harness's fixtures) come after, by name.
 * With `--shard=i/n`, files are spread by their recorded duration, greedy longest-first
 * (scripts/examples/shards.ts), not by count as vitest's own shards do. vitest.config.ts loads this
 * file for every suite: the harness's planner is imported only when there are shards to plan.
 */
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { repositoryRoot } from '../../scripts/host/repository.ts';
import { chapterOfTestFile } from '../../src/contract/chapter-tests.ts';
import { chapters } from '../../src/contract/chapters.ts';

const path = (file: TestSpecification): string => relative(repositoryRoot, file.moduleId);

function readingRank(file: TestSpecification): number {
	const slug = chapterOfTestFile(path(file));
	const index = chapters.findIndex((chapter) => chapter.slug === slug);
	return index === -1 ? chapters.length : index;
}

export class ReadingOrderSequencer extends BaseSequencer {
	override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
		return [...files].sort((a, b) => readingRank(a) - readingRank(b) || a.moduleId.localeCompare(b.moduleId));
	}

	override async shard(files: TestSpecification[]): Promise<TestSpecification[]> {
		const shard = this.ctx.config.shard;
		if (shard === undefined) return files;
		// Planned by path: two files of one name (a chapter and a harness file) are two jobs. The plan
		// gives no shard nothing, and a shard left with nothing fails here rather than pass empty.
		const { planTestFiles } = await import('../../scripts/examples/shards.ts');
		const plan = await planTestFiles(files.map(path), shard.count);
		const chosen = new Set(plan[shard.index - 1]?.jobs.map((job) => job.file));
		const mine = files.filter((file) => chosen.has(path(file)));
		if (mine.length === 0) throw new Error(`shard ${shard.index}/${shard.count} of the examples has no test file`);
		return mine;
	}
}
