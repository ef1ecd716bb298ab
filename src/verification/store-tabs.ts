/**
 * A store pair on the page (src/contract/store.ts): its two halves become Starlight's tabs, one per
 * image store, all with one sync key, so a reader picks their store once and every pair of the
 * guide, on this page and the next, in either language, opens on it (Starlight keeps the choice in
 * localStorage, by the tab's label). The chapter does not import anything: the import is added to
 * the pages that have a pair, under names no page's own import can take.
 */
import type { Code, Parent, Root, RootContent } from 'mdast';
import type { MdxJsxFlowElement } from 'mdast-util-mdx-jsx';
import { visit } from 'unist-util-visit';
import type { Block } from '../contract/block.ts';
import type { ImageStore } from '../contract/store.ts';

/** The key Starlight stores the reader's choice under (`starlight-synced-tabs__image-store`). */
const storeSyncKey = 'image-store';

/**
 * Each store's tab label: the same in every language, because Starlight keeps the choice by label
 * and a reader who switches language keeps their store. The driver in brackets is what
 * `docker info -f '{{.Driver}}'` prints on that store (the introduction shows both).
 */
const storeTabLabels: Readonly<Record<ImageStore, string>> = { containerd: 'containerd (overlayfs)', classic: 'classic (overlay2)' };

const tabsName = 'LayerbookStoreTabs';
const tabName = 'LayerbookStoreTab';
const componentsModule = '@astrojs/starlight/components';

type MdxjsEsm = Extract<RootContent, { type: 'mdxjsEsm' }>;

/**
 * Puts each store pair of the page into tabs, labelled by storeTabLabels, and the tabs' import at the top
 * of a page that has one. `blocks` are the page's blocks, one for each of `fences`, in order;
 * extract.ts has already refused a pair whose halves are not adjacent fences. Returns the pairs.
 */
export function storePairTabs(tree: Root, fences: readonly { node: Code }[], blocks: readonly Block[]): number {
	const parents = new Map<Code, Parent>();
	visit(tree, 'code', (node, _index, parent) => {
		if (parent !== undefined) parents.set(node, parent);
	});
	let pairs = 0;
	blocks.forEach((block, index) => {
		const first = fences[index]?.node;
		const second = fences[index + 1]?.node;
		if (block.meta.store !== 'containerd' || blocks[index + 1]?.meta.store !== 'classic' || first === undefined || second === undefined) return;
		const parent = parents.get(first);
		const at = parent?.children.indexOf(first) ?? -1;
		if (parent === undefined || at === -1 || parent.children[at + 1] !== second) return;
		const tab = (store: ImageStore, node: Code): MdxJsxFlowElement => ({
			type: 'mdxJsxFlowElement',
			name: tabName,
			attributes: [{ type: 'mdxJsxAttribute', name: 'label', value: storeTabLabels[store] }],
			children: [node],
		});
		const tabs: MdxJsxFlowElement = {
			type: 'mdxJsxFlowElement',
			name: tabsName,
			attributes: [{ type: 'mdxJsxAttribute', name: 'syncKey', value: storeSyncKey }],
			children: [tab('containerd', first), tab('classic', second)],
		};
		parent.children.splice(at, 2, tabs as RootContent);
		pairs += 1;
	});
	if (pairs > 0) tree.children.unshift(tabsImport());
	return pairs;
}

/** `import { Tabs as LayerbookStoreTabs, TabItem as LayerbookStoreTab } from '@astrojs/starlight/components'`, as MDX compiles it: from its estree. */
function tabsImport(): MdxjsEsm {
	const specifier = (imported: string, local: string) => ({
		type: 'ImportSpecifier' as const,
		imported: { type: 'Identifier' as const, name: imported },
		local: { type: 'Identifier' as const, name: local },
	});
	return {
		type: 'mdxjsEsm',
		value: `import { Tabs as ${tabsName}, TabItem as ${tabName} } from '${componentsModule}';`,
		data: {
			estree: {
				type: 'Program',
				sourceType: 'module',
				body: [
					{
						type: 'ImportDeclaration',
						specifiers: [specifier('Tabs', tabsName), specifier('TabItem', tabName)],
						source: { type: 'Literal', value: componentsModule, raw: `'${componentsModule}'` },
						attributes: [],
					},
				],
			},
		},
	};
}
