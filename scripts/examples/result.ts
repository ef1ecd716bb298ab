/**
 * What running a chapter produced (scripts/examples/README.md, "What a run produces"): the shape
 * shared by the runner, the reports, the result cache and the record.
 */
import { z } from 'zod';
import { blockKinds } from '../../src/contract/block.ts';

const blockStatuses = ['passed', 'failed', 'skipped', 'not run'] as const;

const failureSchema = z.object({
	/** `file:line` of the failing command (or of the block when no command is to blame). */
	file: z.string(),
	line: z.number().int(),
	message: z.string(),
	command: z.string().optional(),
	exitCode: z.number().int().optional(),
	/** Expected (`-`) against actual (`+`). */
	diff: z.string().optional(),
	/** The last lines the block printed. */
	lastLines: z.string().optional(),
	/** `docker ps -a` and the tail of `docker logs` for the chapter's containers. */
	containers: z.string().optional(),
	/** What background blocks printed. */
	background: z.string().optional(),
});
export type Failure = z.infer<typeof failureSchema>;

const outputUpdateSchema = z.object({
	/** Index of the command within the console block. */
	command: z.number().int().nonnegative(),
	/** The normalised output it printed, to become its expected output. */
	actual: z.string(),
});
export type OutputUpdate = z.infer<typeof outputUpdateSchema>;

const blockResultSchema = z.object({
	file: z.string(),
	line: z.number().int(),
	kind: z.enum(blockKinds),
	hash: z.string(),
	label: z.string(),
	status: z.enum(blockStatuses),
	/** Why it was skipped or not run. */
	reason: z.string().optional(),
	durationMs: z.number().nonnegative(),
	/** What it printed, normalised, the workspace written `[CWD]`. */
	output: z.string().optional(),
	exitCode: z.number().int().optional(),
	failure: failureSchema.optional(),
	/** With --update: console outputs that differed and are to be written into the chapter. */
	updates: z.array(outputUpdateSchema).optional(),
});
export type BlockResult = z.infer<typeof blockResultSchema>;

export const chapterResultSchema = z.object({
	slug: z.string(),
	file: z.string(),
	status: z.enum(['passed', 'failed']),
	date: z.string(),
	durationMs: z.number().nonnegative(),
	blocks: z.array(blockResultSchema),
	/** With --keep: where the chapter's workspace was left. */
	workspace: z.string().optional(),
});
export type ChapterResult = z.infer<typeof chapterResultSchema>;

/** `src/content/docs/x.mdx:12` */
export function at(result: { file: string; line: number }): string {
	return `${result.file}:${result.line}`;
}
