/** What the record says of each block of a page, found by identity, never by position. */
import { type Block, isExecutable } from '../contract/block.ts';
import type { GuideLanguage } from '../contract/locales.ts';
import { type RecordedBlock, type RecordedChapter, recordedChapterOn, type VerificationRecord } from '../contract/record.ts';
import { defaultStore, type ImageStore, imageStores, storesOf } from '../contract/store.ts';

export type BlockVerification =
	| { status: 'shown'; block: Block }
	| {
			status: 'passed';
			block: Block;
			/** The entry the page shows: the containerd column's, or a pair half's own store's. */
			recorded: RecordedBlock;
			chapter: RecordedChapter;
			/** The stores whose column says the block passed. */
			stores: ImageStore[];
			/** Each store's entry, for what the block printed there. */
			byStore: Partial<Record<ImageStore, RecordedBlock>>;
	  }
	| { status: 'skipped'; block: Block; reason: string }
	| {
			status: 'stale';
			block: Block;
			/** The stores whose column lacks the block (the column of the store the page shows, even when not recorded yet). */
			missing: ImageStore[];
	  };

/** One store's run of the page's chapter, as its column of the record holds it. */
interface StoreRun {
	store: ImageStore;
	chapter: RecordedChapter;
}

export interface PageVerification {
	language: GuideLanguage;
	/** Every fence of the page, in document order. */
	blocks: BlockVerification[];
	/** The chapter in each column of the record that has it, in the stores' order. */
	runs: StoreRun[];
}

/**
 * Each block of the page with its entries in the record: a block is looked up in the column of each
 * image store it runs on, and the page shows the entry of the store it is written for.
 */
export function verifyPage(options: {
	slug: string;
	language: GuideLanguage;
	blocks: readonly Block[];
	record: VerificationRecord | undefined;
}): PageVerification {
	const { record, slug } = options;
	const original = options.language === 'ko';
	const runs = imageStores.flatMap((store): StoreRun[] => {
		const chapter = recordedChapterOn(record, store, slug);
		return chapter === undefined ? [] : [{ store, chapter }];
	});
	// A Korean chapter's block by its content hash, a translation's by its parity (the original's code
	// without comment lines), which the record keeps beside each hash (CONTRIBUTING.md,
	// "Translations": a translation is not run again).
	const entryOn = (store: ImageStore, block: Block): RecordedBlock | undefined =>
		recordedChapterOn(record, store, slug)?.blocks.find((entry) => (original ? entry.hash === block.hash : entry.parity === block.parity));
	return {
		language: options.language,
		runs,
		blocks: options.blocks.map((block): BlockVerification => {
			if (!isExecutable(block)) return { status: 'shown', block };
			const own = storesOf(block);
			const shownStore = block.meta.store ?? defaultStore;
			const chapter = recordedChapterOn(record, shownStore, slug);
			const recorded = entryOn(shownStore, block);
			// A column that exists answers for every block that runs on its store; one not recorded
			// yet is no gap of this page's (record:check holds the record to both), but the page
			// needs the entry of the store it shows.
			const missing = own.filter((store) => (store === shownStore || record?.stores[store] !== undefined) && entryOn(store, block) === undefined);
			if (chapter === undefined || recorded === undefined || missing.length > 0) return { status: 'stale', block, missing };
			if (recorded.status === 'skipped') return { status: 'skipped', block, reason: block.meta.skip ?? recorded.reason ?? '' };
			const stores = own.filter((store) => entryOn(store, block)?.status === 'passed');
			const byStore = Object.fromEntries(stores.map((store) => [store, entryOn(store, block)]));
			return { status: 'passed', block, recorded, chapter, stores, byStore };
		}),
	};
}
