/**
 * The two image stores a chapter is verified on (CONTRIBUTING.md, "Meta keys", `store=`): the
 * containerd image store, which new installs use, and the classic overlay2 store that upgraded machines keep.
 */
import type { BlockMeta } from './meta.ts';

export const imageStores = ['containerd', 'classic'] as const;
export type ImageStore = (typeof imageStores)[number];

/** The store the guide's pages are written for, and the engine's default. */
export const defaultStore: ImageStore = 'containerd';

/**
 * Whether a block runs on the store: every block does, but a store pair's half (`store=containerd`
 * then `store=classic` on two adjacent fences; scripts/examples/README.md, "Store pairs") only on its own.
 */
export function runsOn(block: { meta: Pick<BlockMeta, 'store'> }, store: ImageStore): boolean {
	return block.meta.store === undefined || block.meta.store === store;
}

/** The stores a block runs on. */
export function storesOf(block: { meta: Pick<BlockMeta, 'store'> }): ImageStore[] {
	return imageStores.filter((store) => runsOn(block, store));
}
