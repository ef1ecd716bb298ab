/**
 * The verification page's numbers, from the record: per chapter what passed and what was not run
 * (with the reasons in the page's language), and the run's engine and base images.
 */
import { isExecutable } from '../contract/block.ts';
import { extractBlocks } from '../contract/extract.ts';
import { type VerificationRecord, verificationRecordSchema } from '../contract/record.ts';
import { chapters } from '../contract/chapters.ts';
import type { GuideLanguage } from '../contract/locales.ts';

export interface ChapterSummary {
	slug: string;
	label: string;
	passed: number;
	skipped: { line: number; reason: string }[];
	durationMs: number;
	date: string;
}

// Vite finds these relative to this file, whatever the working directory of the build.
const recordModules = import.meta.glob<{ default: unknown }>('../data/record.json', { eager: true });
const translatedSources = import.meta.glob<string>('../content/docs/en/*.mdx', { eager: true, query: '?raw', import: 'default' });

export function loadRecord(): VerificationRecord | undefined {
	const module = Object.values(recordModules)[0];
	return module === undefined ? undefined : verificationRecordSchema.parse(module.default);
}

/** Skip reasons as the translation writes them, by the parity its blocks share with the original's. */
function translatedReasons(slug: string): Map<string, string | undefined> {
	const source = translatedSources[`../content/docs/en/${slug}.mdx`];
	if (source === undefined) return new Map();
	return new Map(
		extractBlocks(`src/content/docs/en/${slug}.mdx`, source)
			.filter(isExecutable)
			.map((block) => [block.parity, block.meta.skip]),
	);
}

export function chapterSummaries(record: VerificationRecord, language: GuideLanguage): ChapterSummary[] {
	return chapters.flatMap((chapter): ChapterSummary[] => {
		const recorded = record.chapters[chapter.slug];
		if (recorded === undefined) return [];
		const reasons = language === 'ko' ? new Map<string, string | undefined>() : translatedReasons(chapter.slug);
		return [
			{
				slug: chapter.slug,
				label: chapter.label[language],
				passed: recorded.blocks.filter((block) => block.status === 'passed').length,
				skipped: recorded.blocks.flatMap((block) =>
					block.status === 'skipped'
						? [{ line: block.line, reason: (block.parity === undefined ? undefined : reasons.get(block.parity)) ?? block.reason ?? '' }]
						: [],
				),
				durationMs: recorded.durationMs,
				date: recorded.date,
			},
		];
	});
}
