/**
 * The committed verification record (src/data/record.json): what the site shows beside every
 * executable block, and what `npm run record:check` holds the chapters to. Its schema lives in
 * the contract (src/contract/record.ts), which the site reads too.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
	type EngineInfo,
	type RecordedBaseImage,
	type RecordedBlock,
	type RecordedChapter,
	type StoreColumn,
	type VerificationRecord,
	verificationRecordSchema,
} from '../../src/contract/record.ts';
import type { Block } from '../../src/contract/block.ts';
import { repositoryRoot } from '../host/repository.ts';
import { defaultStore, type ImageStore, imageStores } from '../../src/contract/store.ts';
import { type Chapter, storeBlocks } from './chapter.ts';
import type { ChapterResult } from './result.ts';
import { escapeRegExp } from '../../src/contract/pattern.ts';

export const recordPath = join(repositoryRoot, 'src', 'data', 'record.json');

/** The committed record, or undefined when there is none yet. */
export async function readRecord(path = recordPath): Promise<VerificationRecord | undefined> {
	let text: string;
	try {
		text = await readFile(path, 'utf8');
	} catch (error) {
		if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return undefined;
		throw new Error(`cannot read the record ${path}`, { cause: error });
	}
	const parsed = verificationRecordSchema.safeParse(JSON.parse(text));
	if (!parsed.success) {
		throw new RecordSchemaError(`the record ${path} does not match its schema: run npm run record`, { cause: parsed.error });
	}
	return parsed.data;
}

/** A record written by an older form of the harness: `npm run record` writes it afresh. */
export class RecordSchemaError extends Error {}

export async function writeRecord(record: VerificationRecord, path = recordPath): Promise<void> {
	const sortedColumn = (column: StoreColumn | undefined): StoreColumn | undefined =>
		column === undefined ? undefined : { ...column, chapters: Object.fromEntries(Object.entries(column.chapters).sort(([a], [b]) => a.localeCompare(b))) };
	const sorted: VerificationRecord = {
		...record,
		stores: { containerd: sortedColumn(record.stores.containerd), classic: sortedColumn(record.stores.classic) },
	};
	await writeFile(path, `${JSON.stringify(verificationRecordSchema.parse(sorted), null, '\t')}\n`);
}

/** The base images a chapter's blocks name, `nginx` standing for `nginx:latest`. */
export function referencedImages(code: readonly string[], images: readonly RecordedBaseImage[]): string[] {
	const text = code.join('\n');
	return images
		.map((image) => image.name)
		.filter((name) => {
			const [repository = name, tag = 'latest'] = name.split(':');
			const escaped = escapeRegExp(repository);
			if (new RegExp(`(?<![\\w/.-])${escaped}:${tag.replace(/\./g, '\\.')}(?![\\w.-])`).test(text)) return true;
			return tag === 'latest' && new RegExp(`(?<![\\w/.:-])${escaped}(?![\\w/.:-])`).test(text);
		});
}

/** What the record keeps of an engine. */
export function engineInfo(engine: EngineInfo): EngineInfo {
	return { version: engine.version, store: engine.store, packages: engine.packages, source: engine.source, os: engine.os, arch: engine.arch };
}

/**
 * Each entry's parity from the chapter's blocks as they are now (an entry written before parity
 * was recorded, or by another chapter's run, gets it here); entries whose block is gone keep theirs.
 */
export function withParity(chapter: RecordedChapter, blocks: readonly Block[]): RecordedChapter {
	const byHash = new Map(blocks.map((block) => [block.hash, block.parity]));
	return { ...chapter, blocks: chapter.blocks.map((entry) => ({ ...entry, parity: byHash.get(entry.hash) ?? entry.parity })) };
}

/**
 * One store's column after a run on that store: each chapter that passed gets a new entry from its
 * blocks that ran there (a store pair's other half is not among them); chapters that failed or did
 * not run keep their entries, and chapters no longer in the guide lose theirs.
 */
export function nextColumn(
	previous: StoreColumn | undefined,
	run: {
		store: ImageStore;
		date: string;
		engine: EngineInfo & { baseImages: RecordedBaseImage[] };
		results: readonly ChapterResult[];
		chapters: readonly Chapter[];
		slugs: ReadonlySet<string>;
	},
): StoreColumn {
	const kept = Object.entries(previous?.chapters ?? {}).filter(([slug]) => run.slugs.has(slug));
	const column: StoreColumn = { date: run.date, engine: engineInfo(run.engine), chapters: Object.fromEntries(kept) };
	for (const result of run.results) {
		const chapter = run.chapters.find((candidate) => candidate.slug === result.slug);
		if (result.status !== 'passed' || chapter === undefined) continue;
		column.chapters[result.slug] = recordedChapter(result, storeBlocks(chapter, run.store), run.engine);
	}
	return column;
}

/**
 * The stores `npm run record` runs on: containerd always (the store the pages are written for),
 * the classic store too with `--stores all`, `--store classic` or LAYERBOOK_IMAGE_STORE=classic.
 */
export function recordedStores(all: boolean, configured: ImageStore): ImageStore[] {
	return imageStores.filter((store) => store === defaultStore || all || store === configured);
}

/** A chapter's entry in the record, from a run that passed. */
export function recordedChapter(result: ChapterResult, blocks: readonly Block[], engine: EngineInfo & { baseImages: RecordedBaseImage[] }): RecordedChapter {
	const parity = new Map(blocks.map((block) => [block.hash, block.parity]));
	const stores = new Map(blocks.map((block) => [block.hash, block.meta.store]));
	return {
		slug: result.slug,
		file: result.file,
		date: result.date,
		engine: engineInfo(engine),
		baseImages: referencedImages(
			blocks.map((block) => block.code),
			engine.baseImages,
		),
		durationMs: result.durationMs,
		blocks: result.blocks.flatMap((block): RecordedBlock[] => {
			if ((block.status !== 'passed' && block.status !== 'skipped') || block.kind === 'shown') return [];
			return [
				{
					hash: block.hash,
					parity: parity.get(block.hash),
					file: block.file,
					line: block.line,
					kind: block.kind,
					store: stores.get(block.hash),
					status: block.status,
					reason: block.reason,
					durationMs: block.durationMs,
					output: block.output === '' ? undefined : block.output,
					exitCode: block.exitCode,
				},
			];
		}),
	};
}
