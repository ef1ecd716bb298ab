/**
 * Holds the chapters to the committed record without a daemon, in seconds: every executable
 * block must have a passed or skipped entry for its current content, and every translation must
 * hold the original's executable blocks.
 */
import { access } from 'node:fs/promises';
import { type Block, blockHash, isExecutable } from './block.ts';
import { type Chapter, chapterPath, chapterSlugs, docsDirectory, loadChapter, loadChapterFile, translationLocales } from './chapter.ts';
import { withoutCommentLines } from './comments.ts';
import { ChapterProblems, type Problem } from './problem.ts';
import { type VerificationRecord, readRecord } from './record.ts';

/** The block's identity once comments are gone: what a translation must keep. */
function translationKey(block: Block): string {
	return blockHash(block.kind, block.lang, block.meta, withoutCommentLines(block.lang, block.code));
}

export function recordProblems(chapter: Chapter, record: VerificationRecord | undefined): Problem[] {
	const recorded = record?.chapters[chapter.slug]?.blocks ?? [];
	return chapter.blocks.filter(isExecutable).flatMap((block): Problem[] => {
		const entry = recorded.find((candidate) => candidate.hash === block.hash);
		if (entry !== undefined) return [];
		return [{ file: block.file, line: block.line, message: `${block.kind} block is not in the record (new or changed since it was recorded): run npm run record` }];
	});
}

export function translationProblems(original: Chapter, translation: Chapter): Problem[] {
	const originals = original.blocks.filter(isExecutable);
	const translated = translation.blocks.filter(isExecutable);
	const problems: Problem[] = [];
	const count = Math.max(originals.length, translated.length);
	for (let index = 0; index < count; index += 1) {
		const source = originals[index];
		const copy = translated[index];
		if (source === undefined && copy !== undefined) {
			problems.push({ file: copy.file, line: copy.line, message: `executable block that ${original.file} does not have` });
		} else if (source !== undefined && copy === undefined) {
			problems.push({ file: translation.file, line: 1, message: `missing the executable block of ${source.file}:${source.line}` });
		} else if (source !== undefined && copy !== undefined && translationKey(source) !== translationKey(copy)) {
			problems.push({
				file: copy.file,
				line: copy.line,
				message: `differs from ${source.file}:${source.line} beyond comment lines: a translation runs the original's code`,
			});
		}
		// One mismatch shifts every later pair: report the first only.
		if (problems.length > 0) break;
	}
	return problems;
}

async function exists(path: string): Promise<boolean> {
	return access(path).then(
		() => true,
		() => false,
	);
}

/** Every problem of the whole guide; empty when the record is current. */
export async function checkRecord(options: { root?: string; record?: VerificationRecord | undefined } = {}): Promise<Problem[]> {
	const root = options.root ?? docsDirectory;
	const record = 'record' in options ? options.record : await readRecord();
	const problems: Problem[] = [];
	for (const slug of await chapterSlugs(root)) {
		let chapter: Chapter;
		try {
			chapter = await loadChapter(slug, root);
		} catch (error) {
			if (error instanceof ChapterProblems) {
				problems.push(...error.problems);
				continue;
			}
			throw error;
		}
		problems.push(...recordProblems(chapter, record));
		for (const locale of translationLocales) {
			const path = chapterPath(slug, locale, root);
			if (!(await exists(path))) continue;
			try {
				problems.push(...translationProblems(chapter, await loadChapterFile(path, `${locale}/${slug}`)));
			} catch (error) {
				if (error instanceof ChapterProblems) problems.push(...error.problems);
				else throw error;
			}
		}
	}
	return problems;
}
