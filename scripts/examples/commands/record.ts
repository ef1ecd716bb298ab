/** `npm run record`: the chapters run on each store asked for, each store's column of the record written. */
import type { VerificationRecord } from '../../../src/contract/record.ts';
import type { ImageStore } from '../../../src/contract/store.ts';
import type { EngineConfig } from '../../engine/config.ts';
import { chapterSlugs, executableBlocks, loadChapter } from '../chapter.ts';
import { RecordSchemaError, nextColumn, readRecord, recordPath, withParity, writeRecord } from '../record.ts';
import { formatSummary } from '../report.ts';
import type { ChapterResult } from '../result.ts';
import { backToConfiguredStore, type RunOptions, readChapters, runChapters, startEngine, write } from './shared.ts';

/**
 * `record`: runs the chapters on each store asked for and writes that store's column of the record;
 * the other column, and chapters not run, keep their entries.
 */
export async function record(positionals: string[], options: RunOptions, stores: readonly ImageStore[], config: EngineConfig): Promise<number> {
	if (positionals.some((name) => name.endsWith('.mdx'))) throw new Error("the record holds the guide's chapters only: name them by slug");
	const chapters = await readChapters(positionals);
	// An older form of the record keeps nothing: every chapter is recorded afresh.
	const previous = await readRecord().catch((error: unknown) => {
		if (error instanceof RecordSchemaError) return undefined;
		throw error;
	});
	const slugs = new Set(await chapterSlugs());
	const next: VerificationRecord = { version: 2, date: new Date().toISOString(), baseImages: previous?.baseImages ?? [], stores: { ...previous?.stores } };
	const configured = config;
	const all: ChapterResult[] = [];
	for (const store of stores) {
		const engine = await startEngine({ ...configured, imageStore: store });
		const results = await runChapters(chapters, engine, { ...options, keep: false, update: false });
		all.push(...results);
		next.baseImages = engine.baseImages;
		const column = nextColumn(previous?.stores[store], { store, date: new Date().toISOString(), engine, results, chapters, slugs });
		// Kept chapters' entries get their parity from the chapters as they are now.
		for (const [slug, entry] of Object.entries(column.chapters)) {
			if (entry.blocks.some((block) => block.parity === undefined)) column.chapters[slug] = withParity(entry, executableBlocks(await loadChapter(slug)));
		}
		next.stores[store] = column;
		// Written after each store, so a later store's failure does not lose this one's column.
		await writeRecord(next);
		write(`${store} image store: ${formatSummary(results)}`);
	}
	// Every run brings the engine to the store it needs; leave it on the one it is configured for.
	await backToConfiguredStore(stores, configured);
	write(`\nrecord written to ${recordPath}`);
	return all.every((result) => result.status === 'passed') ? 0 : 1;
}
