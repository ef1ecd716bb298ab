/**
 * The two image stores a chapter is verified on (CONTRIBUTING.md, "Meta keys", `store=`;
 * scripts/examples/README.md, "Store pairs"): the containerd image store, which new installs use,
 * and the classic overlay2 store that upgraded machines keep. A block runs on both unless it is one
 * half of a store pair (`store=containerd` then `store=classic` on two adjacent fences), which runs
 * on its own store only.
 */
import type { BlockMeta } from './meta.ts';

export const imageStores = ['containerd', 'classic'] as const;
export type ImageStore = (typeof imageStores)[number];

/** The store the guide's pages are written for, and the engine's default. */
export const defaultStore: ImageStore = 'containerd';

/** Whether a block runs on the store: every block does, but a pair's half only on its own. */
export function runsOn(block: { meta: Pick<BlockMeta, 'store'> }, store: ImageStore): boolean {
	return block.meta.store === undefined || block.meta.store === store;
}

/** The stores a block runs on. */
export function storesOf(block: { meta: Pick<BlockMeta, 'store'> }): ImageStore[] {
	return imageStores.filter((store) => runsOn(block, store));
}
