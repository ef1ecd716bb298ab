/**
 * What a fence is to the harness (CONTRIBUTING.md, "Fences: what the harness does with each code
 * block"): the one place that turns a fence's language and meta into a kind.
 */
import { createHash } from 'node:crypto';
import type { BlockMeta } from './meta.ts';

const shellLanguages = new Set(['sh', 'bash', 'shell']);

/** Shiki's other names for the same things, which the page would render but the harness would not run. */
export const misleadingLanguages: Readonly<Record<string, string>> = {
	zsh: 'sh',
	shellsession: 'console',
	'shell-session': 'console',
	'sh-session': 'console',
	shellscript: 'sh',
};

const dockerfileLanguages = new Set(['dockerfile', 'docker', 'containerfile']);

/**
 * - `shell`: commands run in the chapter's shell
 * - `console`: a transcript, commands run and their output matched
 * - `file`: written to its title's path
 * - `dockerfile`: an untitled Dockerfile fragment, checked statically
 * - `shown`: on the page only
 */
export const blockKinds = ['shell', 'console', 'file', 'dockerfile', 'shown'] as const;
export type BlockKind = (typeof blockKinds)[number];

export interface Block {
	/** The chapter's path, relative to the repository. */
	file: string;
	/** The fence's opening line (1-based); the code starts on the next line. */
	line: number;
	/** The code's first line in the file (1-based). */
	codeLine: number;
	lang: string;
	/** The fence line's meta as written. */
	rawMeta: string;
	meta: BlockMeta;
	code: string;
	kind: BlockKind;
	/** Identifies the block's content: what the record is keyed on. */
	hash: string;
	/**
	 * The same, with comment lines left out: a translation's block has the original's parity
	 * (CONTRIBUTING.md, "Translations": comments are translated, code is not), so its page finds the
	 * original's record.
	 */
	parity: string;
}

/** The blocks the harness acts on: everything but `shown`. */
export type ExecutableKind = Exclude<BlockKind, 'shown'>;

export function isExecutable(block: Block): block is Block & { kind: ExecutableKind } {
	return block.kind !== 'shown';
}

export function blockKind(lang: string, meta: BlockMeta): BlockKind {
	const language = lang.toLowerCase();
	if (shellLanguages.has(language)) return 'shell';
	if (language === 'console') return 'console';
	if (meta.title !== undefined) return 'file';
	if (dockerfileLanguages.has(language)) return 'dockerfile';
	return 'shown';
}

/** Whether a block's content is a Dockerfile: by language, or by its file name. */
export function isDockerfile(block: Pick<Block, 'lang' | 'meta' | 'kind'>): boolean {
	if (block.kind !== 'file' && block.kind !== 'dockerfile') return false;
	if (dockerfileLanguages.has(block.lang.toLowerCase())) return true;
	const name = block.meta.title?.split('/').at(-1) ?? '';
	return /^(Dockerfile|Containerfile)(\..+)?$/.test(name) || name.endsWith('.Dockerfile');
}

/**
 * The content hash: kind, language, the meta that changes what runs, and the code. A caption
 * (`title` on a shell fence) or a reworded skip reason alone does not make a block stale.
 */
export function blockHash(kind: BlockKind, lang: string, meta: BlockMeta, code: string): string {
	const runMeta = {
		file: kind === 'file' ? meta.title : undefined,
		skip: meta.skip !== undefined,
		exit: meta.exit,
		timeout: meta.timeout,
		retry: meta.retry,
		background: meta.background,
		tty: meta.tty,
		stdin: meta.stdin,
		store: meta.store,
	};
	return createHash('sha256')
		.update(JSON.stringify([kind, lang.toLowerCase(), runMeta, code]))
		.digest('hex')
		.slice(0, 16);
}

/** The block's label in reports and test names: its first command, or its file. */
export function blockLabel(block: Block): string {
	if (block.kind === 'file') return `write ${block.meta.title ?? ''}`;
	if (block.kind === 'dockerfile') return 'Dockerfile fragment';
	const lines = block.code.split('\n').map((line) => line.trim());
	const first = block.kind === 'console' ? lines.find((line) => line.startsWith('$ '))?.slice(2) : lines.find((line) => line !== '' && !line.startsWith('#'));
	const label = (first ?? '').replace(/\s*\\$/, '');
	return label.length > 60 ? `${label.slice(0, 57)}...` : label;
}
