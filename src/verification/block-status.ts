/**
 * What the record says of each block of a page. A Korean chapter's blocks are looked up by their
 * content hash; a translation's executable blocks show the original's results, pair by pair in
 * order (EXAMPLES.md: a translation is not run again).
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { type Block, isExecutable } from '../../scripts/examples/block.ts';
import { extractBlocks } from '../../scripts/examples/extract.ts';
import type { RecordedBlock, RecordedChapter, VerificationRecord } from '../../scripts/examples/record.ts';
import type { GuideLanguage } from './labels.ts';

export type BlockVerification =
	| { status: 'shown'; block: Block }
	| { status: 'passed'; block: Block; recorded: RecordedBlock; chapter: RecordedChapter }
	| { status: 'skipped'; block: Block; reason: string }
	/** `original` is the block the record is keyed on: the block itself, or the Korean original of a translation. */
	| { status: 'stale'; block: Block; original: Block | undefined };

export interface PageVerification {
	language: GuideLanguage;
	/** Every fence of the page, in document order. */
	blocks: BlockVerification[];
}

const translationLocales: readonly GuideLanguage[] = ['en'];

/** Where a chapter page sits under the docs folder: its slug and its language. */
export function pageIdentity(docsDirectory: string, absolutePath: string): { slug: string; language: GuideLanguage } {
	const path = relative(docsDirectory, absolutePath).replace(/\.mdx?$/, '');
	const locale = translationLocales.find((candidate) => path.startsWith(`${candidate}/`));
	return locale === undefined ? { slug: path, language: 'ko' } : { slug: path.slice(locale.length + 1), language: locale };
}

export function verifyPage(options: {
	root: string;
	absolutePath: string;
	source: string;
	record: VerificationRecord | undefined;
}): PageVerification {
	const docsDirectory = join(options.root, 'src', 'content', 'docs');
	const { slug, language } = pageIdentity(docsDirectory, options.absolutePath);
	const blocks = extractBlocks(relative(options.root, options.absolutePath), options.source);
	const originals =
		language === 'ko'
			? blocks.filter(isExecutable)
			: extractBlocks(`src/content/docs/${slug}.mdx`, readFileSync(join(docsDirectory, `${slug}.mdx`), 'utf8')).filter(isExecutable);
	const chapter = options.record?.chapters[slug];

	let executableIndex = 0;
	return {
		language,
		blocks: blocks.map((block): BlockVerification => {
			if (!isExecutable(block)) return { status: 'shown', block };
			const original = originals[executableIndex];
			executableIndex += 1;
			const recorded = original === undefined ? undefined : chapter?.blocks.find((entry) => entry.hash === original.hash);
			if (chapter === undefined || recorded === undefined) return { status: 'stale', block, original };
			if (recorded.status === 'skipped') return { status: 'skipped', block, reason: block.meta.skip ?? recorded.reason ?? '' };
			return { status: 'passed', block, recorded, chapter };
		}),
	};
}
