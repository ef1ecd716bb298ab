/**
 * The verification record's shape (src/data/record.json): what the harness writes and the site
 * reads. Pure: reading and writing the file belong to each side.
 */
import { z } from 'zod';
import { blockKinds } from './block.ts';
import { type ImageStore, imageStores } from './store.ts';

const recordedBlockSchema = z.object({
	/** Content hash of the block (block.ts, blockHash): the record's key. */
	hash: z.string().regex(/^[0-9a-f]{16}$/),
	/** The block's hash without its comment lines (block.ts, Block.parity): how a translation finds it. */
	parity: z
		.string()
		.regex(/^[0-9a-f]{16}$/)
		.optional(),
	/** Where the block was when it was recorded, `src/content/docs/x.mdx:12`. */
	file: z.string(),
	line: z.number().int().positive(),
	kind: z.enum(blockKinds).exclude(['shown']),
	/** Set on one half of a store pair (`store=` on its fence): the block runs on that store only. */
	store: z.enum(imageStores).optional(),
	status: z.enum(['passed', 'skipped']),
	/** The skip reason as the chapter gives it. */
	reason: z.string().optional(),
	durationMs: z.number().nonnegative(),
	/**
	 * What the block printed, the workspace path written `[CWD]`. A console block's output is
	 * the transcript as it ran (`$ command` then its output); a shell block's is its output.
	 */
	output: z.string().optional(),
	/** Exit code of the block's last command, when it ran a command. */
	exitCode: z.number().int().optional(),
});
export type RecordedBlock = z.infer<typeof recordedBlockSchema>;

const baseImageSchema = z.object({
	/** The name chapters use, `node:24-bookworm-slim`. */
	name: z.string(),
	digest: z.string(),
	/** Set when the image is a stand-in built here rather than pulled from Docker Hub. */
	standIn: z.object({ builtFrom: z.string() }).nullable(),
});
export type RecordedBaseImage = z.infer<typeof baseImageSchema>;

const engineInfoSchema = z.object({
	version: z.string(),
	/** The image store the blocks ran on. */
	store: z.enum(imageStores),
	/** The engine's packages and where they came from; empty for an external daemon. */
	packages: z.array(z.object({ name: z.string(), version: z.string() })),
	source: z.string().nullable(),
	os: z.string(),
	arch: z.string(),
});
export type EngineInfo = z.infer<typeof engineInfoSchema>;

const recordedChapterSchema = z.object({
	slug: z.string(),
	file: z.string(),
	/** When this chapter was run (ISO 8601). */
	date: z.string(),
	engine: engineInfoSchema,
	/** Base images the chapter's blocks name. */
	baseImages: z.array(z.string()),
	/** Total time of the chapter's run, setup and cleanup included. */
	durationMs: z.number().nonnegative(),
	blocks: z.array(recordedBlockSchema),
});
export type RecordedChapter = z.infer<typeof recordedChapterSchema>;

/** One image store's column of the record: every chapter as it ran on an engine with that store. */
const storeColumnSchema = z.object({
	/** The latest run on this store that wrote the column (ISO 8601). */
	date: z.string(),
	engine: engineInfoSchema,
	/** By chapter slug. */
	chapters: z.record(z.string(), recordedChapterSchema),
});
export type StoreColumn = z.infer<typeof storeColumnSchema>;

/**
 * One store's reading-order run (`npm run record -- --reading-order`): every chapter in the
 * sidebar's order on one engine, no reset between them, as a reader who follows along keeps what
 * earlier chapters left. Only a run in which every chapter passed is written.
 */
const readingOrderRunSchema = z.object({
	date: z.string(),
	engine: engineInfoSchema,
	/** The chapters, in the order they ran. */
	chapters: z.array(z.string()),
	/** The blocks that ran and passed, and those skipped by their chapter. */
	passed: z.number().int().nonnegative(),
	skipped: z.number().int().nonnegative(),
	durationMs: z.number().nonnegative(),
});
export type ReadingOrderRun = z.infer<typeof readingOrderRunSchema>;

export const verificationRecordSchema = z.object({
	/** 2: a column per image store. */
	version: z.literal(2),
	/** The latest run that wrote the record (ISO 8601). */
	date: z.string(),
	/** Every base image of the engine, with its digest and, for stand-ins, what it was built from (the same on both stores: one mirror). */
	baseImages: z.array(baseImageSchema),
	/** One column per image store; a block verified on both has an entry in each. */
	stores: z.object({
		containerd: storeColumnSchema.optional(),
		classic: storeColumnSchema.optional(),
	}),
	/** Each store's latest reading-order run that passed. */
	readingOrder: z
		.object({
			containerd: readingOrderRunSchema.optional(),
			classic: readingOrderRunSchema.optional(),
		})
		.optional(),
});
export type VerificationRecord = z.infer<typeof verificationRecordSchema>;

/** A chapter's entry in one store's column. */
export function recordedChapterOn(record: VerificationRecord | undefined, store: ImageStore, slug: string): RecordedChapter | undefined {
	return record?.stores[store]?.chapters[slug];
}
