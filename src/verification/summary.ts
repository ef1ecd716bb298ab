/**
 * The verification page's numbers, from the record: per chapter what passed on each image store,
 * how many blocks are written once per store (store pairs) and what was not run (with the reasons
 * in the page's language), and each store's engine.
 */
import { isExecutable } from '../contract/block.ts';
import { extractBlocks } from '../contract/extract.ts';
import { type EngineInfo, type RecordedChapter, type VerificationRecord, verificationRecordSchema } from '../contract/record.ts';
import { chapters } from '../contract/chapters.ts';
import type { GuideLanguage } from '../contract/locales.ts';
import { type ImageStore, imageStores } from '../contract/store.ts';

export interface ChapterSummary {
	slug: string;
	label: string;
	/** Blocks that passed, on each store whose column holds the chapter (a pair's half counts on its own store). */
	passed: Partial<Record<ImageStore, number>>;
	/** Store pairs: blocks whose output differs between the stores, so written once for each. */
	pairs: number;
	skipped: { line: number; reason: string }[];
	/** How long the chapter's run took, on each store whose column holds it. */
	durationMs: Partial<Record<ImageStore, number>>;
	/** The latest of its runs. */
	date: string;
}

/** One column of the record: the store, the engine it ran on, and its latest run. */
export interface StoreEngine {
	store: ImageStore;
	engine: EngineInfo;
	date: string;
}

// Vite finds these relative to this file, whatever the working directory of the build. The record
// comes in as text, parsed here: as a JSON module it would be a 400 KB object literal that the
// bundler walks property by property on every build.
const recordModules = import.meta.glob<string>('../data/record.json', { eager: true, query: '?raw', import: 'default' });
const translatedSources = import.meta.glob<string>('../content/docs/en/*.mdx', { eager: true, query: '?raw', import: 'default' });

export function loadRecord(): VerificationRecord | undefined {
	const module = Object.values(recordModules)[0];
	return module === undefined ? undefined : verificationRecordSchema.parse(JSON.parse(module));
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

export function storeEngines(record: VerificationRecord): StoreEngine[] {
	return imageStores.flatMap((store): StoreEngine[] => {
		const column = record.stores[store];
		return column === undefined ? [] : [{ store, engine: column.engine, date: column.date }];
	});
}

export function chapterSummaries(record: VerificationRecord, language: GuideLanguage): ChapterSummary[] {
	return chapters.flatMap((chapter): ChapterSummary[] => {
		const runs = imageStores.flatMap((store): { store: ImageStore; recorded: RecordedChapter }[] => {
			const recorded = record.stores[store]?.chapters[chapter.slug];
			return recorded === undefined ? [] : [{ store, recorded }];
		});
		// The first column that has the chapter (containerd's, when there is one) names what was not run.
		const first = runs[0]?.recorded;
		if (first === undefined) return [];
		const reasons = language === 'ko' ? new Map<string, string | undefined>() : translatedReasons(chapter.slug);
		// Each pair has one half on each store: count the halves of the column that has more.
		const halves = runs.map(({ store, recorded }) => recorded.blocks.filter((block) => block.store === store).length);
		return [
			{
				slug: chapter.slug,
				label: chapter.label[language],
				passed: Object.fromEntries(runs.map(({ store, recorded }) => [store, recorded.blocks.filter((block) => block.status === 'passed').length])),
				pairs: Math.max(0, ...halves),
				skipped: first.blocks.flatMap((block) =>
					block.status === 'skipped'
						? [{ line: block.line, reason: (block.parity === undefined ? undefined : reasons.get(block.parity)) ?? block.reason ?? '' }]
						: [],
				),
				durationMs: Object.fromEntries(runs.map(({ store, recorded }) => [store, recorded.durationMs])),
				// ISO dates sort as text.
				date:
					runs
						.map(({ recorded }) => recorded.date)
						.sort()
						.at(-1) ?? first.date,
			},
		];
	});
}
