/**
 * The fence line's meta: parsed with Expressive Code's own parser (so the page and the harness
 * read the same thing) and checked against the contract's keys (CONTRIBUTING.md, "Meta keys").
 */
import { posix } from 'node:path';
import { MetaOptions } from '@expressive-code/core';
import { z } from 'zod';
import { imageStores } from './store.ts';

/** Keys the harness acts on. */
const harnessKeys = ['skip', 'exit', 'timeout', 'retry', 'background', 'tty', 'stdin', 'store'] as const;

/**
 * Keys that only change how Expressive Code draws the frame; they are known, so not an error.
 * `title` is both: a caption, and on a non-shell fence the file it writes.
 */
const displayKeys = [
	'title',
	'frame',
	'mark',
	'ins',
	'del',
	'wrap',
	'preserveIndent',
	'hangingIndent',
	'collapse',
	'collapseStyle',
	'showLineNumbers',
	'startLineNumber',
	'useDiffSyntax',
	'lang',
] as const;

const knownKeys = new Set<string>([...harnessKeys, ...displayKeys].map((key) => key.toLowerCase()));

const seconds = z.coerce
	.number({ invalid_type_error: 'must be a number of seconds' })
	.positive('must be more than 0 seconds')
	.max(3600, 'must be at most 3600 seconds');

const blockMetaSchema = z
	.object({
		title: z.string().min(1, 'title must not be empty').optional(),
		skip: z
			.string({ invalid_type_error: 'skip needs a reason: skip="why this block is not run"' })
			.trim()
			.min(1, 'skip needs a reason: skip="why this block is not run"')
			.optional(),
		exit: z.coerce
			.number({ invalid_type_error: 'exit must be a whole number' })
			.int('exit must be a whole number')
			.gt(0, 'exit must be more than 0 (a block that succeeds needs no exit=)')
			.lt(256, 'exit must be below 256')
			.optional(),
		timeout: seconds.optional(),
		retry: seconds.optional(),
		background: z.literal(true, { invalid_type_error: 'background is a bare flag' }).optional(),
		tty: z.literal(true, { invalid_type_error: 'tty is a bare flag' }).optional(),
		stdin: z.string().optional(),
		/** One half of a store pair: the block runs on that image store only (store.ts). */
		store: z.enum(imageStores, { errorMap: () => ({ message: `store is one of ${imageStores.join(', ')}` }) }).optional(),
	})
	.strict()
	.refine((meta) => meta.stdin === undefined || meta.tty === true, {
		message: 'stdin needs tty: input is typed into a pseudo-terminal',
		path: ['stdin'],
	})
	.refine((meta) => !(meta.background === true && (meta.retry !== undefined || meta.exit !== undefined)), {
		message: 'a background block cannot have retry or exit: it is never waited for',
		path: ['background'],
	});

export type BlockMeta = z.infer<typeof blockMetaSchema>;

/** The meta of one fence, or the reasons it is wrong. */
export type MetaResult = { ok: true; meta: BlockMeta } | { ok: false; errors: string[] };

export function parseMeta(raw: string | null | undefined): MetaResult {
	const options = new MetaOptions(raw ?? '');
	const errors: string[] = [...(options.errors ?? [])];
	const input: Record<string, string | boolean> = {};
	for (const option of options.list()) {
		// Keyless options (`{1-3}`, `"text"`, `/re/`) are Expressive Code's text markers.
		if (option.key === undefined) continue;
		const key = option.key.toLowerCase();
		if (!knownKeys.has(key)) {
			errors.push(`unknown meta key "${option.key}" (known: ${[...harnessKeys, 'title'].join(', ')})`);
			continue;
		}
		if (!(harnessKeys as readonly string[]).includes(key) && key !== 'title') continue;
		if (option.kind === 'boolean') input[key] = option.value;
		else if (option.kind === 'string') input[key] = option.value;
		else errors.push(`${option.key} takes a plain value, not ${option.raw.trim()}`);
	}
	if (errors.length > 0) return { ok: false, errors };
	const parsed = blockMetaSchema.safeParse(input);
	if (!parsed.success) {
		return { ok: false, errors: parsed.error.issues.map((issue) => describeIssue(issue)) };
	}
	const meta = parsed.data;
	if (meta.stdin !== undefined) meta.stdin = meta.stdin.replaceAll('\\n', '\n');
	return { ok: true, meta };
}

function describeIssue(issue: z.ZodIssue): string {
	const key = issue.path.join('.');
	if (issue.code === 'invalid_literal') return `${key} is a bare flag: write just "${key}"`;
	if (key === 'skip' && issue.code === 'invalid_type') return issue.message;
	return key === '' || issue.message.startsWith(key) ? issue.message : `${key}: ${issue.message}`;
}

/**
 * Why a file title is not a path inside the working directory, or undefined when it is one.
 * The harness writes it relative to the shell's current directory, so it must not leave it.
 */
export function titlePathProblem(title: string): string | undefined {
	if (title.startsWith('/') || /^[A-Za-z]:[\\/]/.test(title) || title.startsWith('~')) {
		return `title "${title}" is an absolute path: a file block's title must be relative to the working directory`;
	}
	if (title.split(/[\\/]/).includes('..')) {
		return `title "${title}" leaves the working directory (contains ..)`;
	}
	const normal = posix.normalize(title);
	if (normal === '.' || title.endsWith('/')) return `title "${title}" is a directory, not a file`;
	return undefined;
}
