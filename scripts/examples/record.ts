/**
 * The committed verification record (src/data/record.json): what the site shows beside every
 * executable block, and what `npm run record:check` holds the chapters to. The site reads it at
 * build time, so the schema is exported and changes only together with its readers.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { blockKinds } from './block.ts';
import { repositoryRoot } from './chapter.ts';
import type { ChapterResult } from './result.ts';

export const recordPath = join(repositoryRoot, 'src', 'data', 'record.json');

export const recordedBlockSchema = z.object({
	/** Content hash of the block (block.ts, blockHash): the record's key. */
	hash: z.string().regex(/^[0-9a-f]{16}$/),
	/** Where the block was when it was recorded, `src/content/docs/x.mdx:12`. */
	file: z.string(),
	line: z.number().int().positive(),
	kind: z.enum(blockKinds).exclude(['shown']),
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

export const baseImageSchema = z.object({
	/** The name chapters use, `node:24-bookworm-slim`. */
	name: z.string(),
	digest: z.string(),
	/** Set when the image is a stand-in built here rather than pulled from Docker Hub. */
	standIn: z.object({ builtFrom: z.string() }).nullable(),
});
export type RecordedBaseImage = z.infer<typeof baseImageSchema>;

export const engineInfoSchema = z.object({
	version: z.string(),
	/** The image store the blocks ran on. */
	store: z.enum(['containerd', 'classic']),
	/** The engine's packages and where they came from; empty for an external daemon. */
	packages: z.array(z.object({ name: z.string(), version: z.string() })),
	source: z.string().nullable(),
	os: z.string(),
	arch: z.string(),
});
export type EngineInfo = z.infer<typeof engineInfoSchema>;

export const recordedChapterSchema = z.object({
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

export const verificationRecordSchema = z.object({
	version: z.literal(1),
	/** The latest run that wrote the record (ISO 8601). */
	date: z.string(),
	engine: engineInfoSchema,
	/** Every base image of the engine, with its digest and, for stand-ins, what it was built from. */
	baseImages: z.array(baseImageSchema),
	/** By chapter slug. */
	chapters: z.record(z.string(), recordedChapterSchema),
});
export type VerificationRecord = z.infer<typeof verificationRecordSchema>;

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
	const sorted: VerificationRecord = {
		...record,
		chapters: Object.fromEntries(Object.entries(record.chapters).sort(([a], [b]) => a.localeCompare(b))),
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
			const escaped = repository.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
			if (new RegExp(`(?<![\\w/.-])${escaped}:${tag.replace(/\./g, '\\.')}(?![\\w.-])`).test(text)) return true;
			return tag === 'latest' && new RegExp(`(?<![\\w/.:-])${escaped}(?![\\w/.:-])`).test(text);
		});
}

/** What the record keeps of an engine. */
export function engineInfo(engine: EngineInfo): EngineInfo {
	return { version: engine.version, store: engine.store, packages: engine.packages, source: engine.source, os: engine.os, arch: engine.arch };
}

/** A chapter's entry in the record, from a run that passed. */
export function recordedChapter(result: ChapterResult, code: readonly string[], engine: EngineInfo & { baseImages: RecordedBaseImage[] }): RecordedChapter {
	return {
		slug: result.slug,
		file: result.file,
		date: result.date,
		engine: engineInfo(engine),
		baseImages: referencedImages(code, engine.baseImages),
		durationMs: result.durationMs,
		blocks: result.blocks.flatMap((block): RecordedBlock[] => {
			if ((block.status !== 'passed' && block.status !== 'skipped') || block.kind === 'shown') return [];
			return [
				{
					hash: block.hash,
					file: block.file,
					line: block.line,
					kind: block.kind,
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
