/**
 * Holds the chapters to the committed record without a daemon, in seconds: every executable
 * block must have a passed or skipped entry for its current content, and every translation must
 * hold the original's executable blocks.
 */
import { isExecutable } from '../../src/contract/block.ts';
import { translationLocales } from '../../src/contract/locales.ts';
import { type Chapter, chapterPath, chapterSlugs, docsDirectory, loadChapter, loadChapterFile } from './chapter.ts';
import { ChapterProblems, type Problem } from '../../src/contract/problem.ts';
import { type VerificationRecord, recordedChapterOn } from '../../src/contract/record.ts';
import { type ImageStore, storesOf } from '../../src/contract/store.ts';
import { readRecord } from './record.ts';
import { exists } from '../host/fs.ts';

/**
 * Every executable block must be in the record's column of each store it runs on (both, but a
 * store pair's half only its own), under its current content.
 */
export function recordProblems(chapter: Chapter, record: VerificationRecord | undefined): Problem[] {
	return chapter.blocks.filter(isExecutable).flatMap((block): Problem[] => {
		const missing: ImageStore[] = [];
		for (const store of storesOf(block)) {
			const entry = recordedChapterOn(record, store, chapter.slug)?.blocks.find((candidate) => candidate.hash === block.hash);
			if (entry === undefined) missing.push(store);
			else if (entry.parity !== block.parity)
				return [
					{ file: block.file, line: block.line, message: `${block.kind} block's record entry lacks the key its translation is found by: run npm run record` },
				];
		}
		if (missing.length === 0) return [];
		const command = missing.length === 2 ? 'npm run record -- --stores all' : `npm run record -- --store ${missing[0] ?? ''}`;
		return [
			{
				file: block.file,
				line: block.line,
				message: `${block.kind} block is not in the record for the ${missing.join(' and ')} image store${missing.length === 2 ? 's' : ''} (new or changed since it was recorded): run ${command}`,
			},
		];
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
		} else if (source !== undefined && copy !== undefined && source.parity !== copy.parity) {
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
