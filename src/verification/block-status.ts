/**
 * What the record says of each block of a page, found by identity, never by position: a Korean
 * chapter's block by its content hash, a translation's by its parity (the original's code
 * without comment lines), which the record keeps beside each hash (EXAMPLES.md: a translation is
 * not run again).
 */
import { type Block, isExecutable } from '../contract/block.ts';
import type { GuideLanguage } from '../contract/locales.ts';
import type { RecordedBlock, RecordedChapter, VerificationRecord } from '../contract/record.ts';

export type BlockVerification =
	| { status: 'shown'; block: Block }
	| { status: 'passed'; block: Block; recorded: RecordedBlock; chapter: RecordedChapter }
	| { status: 'skipped'; block: Block; reason: string }
	| { status: 'stale'; block: Block };

export interface PageVerification {
	language: GuideLanguage;
	/** Every fence of the page, in document order. */
	blocks: BlockVerification[];
}

export function verifyPage(options: {
	slug: string;
	language: GuideLanguage;
	blocks: readonly Block[];
	record: VerificationRecord | undefined;
}): PageVerification {
	const chapter = options.record?.chapters[options.slug];
	const original = options.language === 'ko';
	return {
		language: options.language,
		blocks: options.blocks.map((block): BlockVerification => {
			if (!isExecutable(block)) return { status: 'shown', block };
			const recorded = chapter?.blocks.find((entry) => (original ? entry.hash === block.hash : entry.parity === block.parity));
			if (chapter === undefined || recorded === undefined) return { status: 'stale', block };
			if (recorded.status === 'skipped') return { status: 'skipped', block, reason: block.meta.skip ?? recorded.reason ?? '' };
			return { status: 'passed', block, recorded, chapter };
		}),
	};
}
