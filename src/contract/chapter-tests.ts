/** Where the examples suite keeps a chapter's test file, for the harness's shard plan and the suite's reading order. */
import { sep } from 'node:path';

/** The chapter a test file runs, by its path (`test/examples/chapters/<slug>.test.ts`); none for the harness's own files. */
export function chapterOfTestFile(path: string): string | undefined {
	return /^test\/examples\/chapters\/([^/]+)\.test\.ts$/.exec(path.split(sep).join('/'))?.[1];
}
