/**
 * A store pair on the page (src/contract/store.ts): its two halves become Starlight's tabs, one per
 * image store, and prose true of one store only (`<StoreNote store="…">`) goes into that store's tab.
 */
import type { Code, Parent, Root, RootContent } from 'mdast';
import type { MdxJsxFlowElement } from 'mdast-util-mdx-jsx';
import { SKIP, visit } from 'unist-util-visit';
import type { Block } from '../contract/block.ts';
import type { Problem } from '../contract/problem.ts';
import { type ImageStore, imageStores } from '../contract/store.ts';

/**
 * The one sync key of every pair's tabs, so a reader picks their store once and every pair of the
 * guide, on this page and the next, in either language, opens on it. Starlight keeps the choice in
 * localStorage under `starlight-synced-tabs__image-store`, by the tab's label.
 */
const storeSyncKey = 'image-store';

/**
 * Each store's tab label: the same in every language, because Starlight keeps the choice by label
 * and a reader who switches language keeps their store. The driver in brackets is what
 * `docker info -f '{{.Driver}}'` prints on that store (the introduction shows both).
 */
const storeTabLabels: Readonly<Record<ImageStore, string>> = { containerd: 'containerd (overlayfs)', classic: 'classic (overlay2)' };

// The chapter imports nothing: the import is added to the pages that have a pair, under names no
// page's own import can take.
const tabsName = 'LayerbookStoreTabs';
const tabName = 'LayerbookStoreTab';
const componentsModule = '@astrojs/starlight/components';

type MdxjsEsm = Extract<RootContent, { type: 'mdxjsEsm' }>;

/**
 * Puts each store pair of the page into tabs, labelled by storeTabLabels, and the tabs' import at the top
 * of a page that has one. A `<StoreNote>` right after a pair (only other notes between) moves into
 * its store's tab, under the half's block. `blocks` are the page's blocks, one for each of `fences`, in order;
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
		const notes = notesAfter(parent, at + 2);
		for (const note of notes) {
			const tab = tabs.children[storeNoteStore(note) === 'classic' ? 1 : 0] as MdxJsxFlowElement;
			tab.children.push(...note.children);
		}
		parent.children.splice(at, 2 + notes.length, tabs as RootContent);
		pairs += 1;
	});
	if (pairs > 0) tree.children.unshift(tabsImport());
	return pairs;
}

const noteName = 'StoreNote';

/** The store of a `<StoreNote store="…">`, or undefined for any other node (or a note without a valid store). */
export function storeNoteStore(node: RootContent | Root): ImageStore | undefined {
	if (node.type !== 'mdxJsxFlowElement' || node.name !== noteName) return undefined;
	const value = node.attributes.find((attribute) => attribute.type === 'mdxJsxAttribute' && attribute.name === 'store')?.value;
	return imageStores.find((store) => store === value);
}

const isNote = (node: RootContent | undefined): node is MdxJsxFlowElement => node?.type === 'mdxJsxFlowElement' && node.name === noteName;

/** The notes that follow a pair, from `index` of its parent on. */
function notesAfter(parent: Parent, index: number): MdxJsxFlowElement[] {
	const notes: MdxJsxFlowElement[] = [];
	for (let at = index; isNote(parent.children[at]); at += 1) notes.push(parent.children[at] as MdxJsxFlowElement);
	return notes;
}

/**
 * Every `<StoreNote>` that cannot go into a tab, at its line: one not right after a store pair
 * (only other notes between), one without `store="containerd"` or `store="classic"`, a second note
 * for the same store of a pair, and a note holding a block (a block in a tab is a pair's half).
 * `blocks` are the page's blocks, one for each of `fences`, in order.
 */
export function storeNoteProblems(file: string, tree: Root, fences: readonly { node: Code }[], blocks: readonly Block[]): Problem[] {
	// Each fence's store as its block's meta says, so a note finds its pair as the page's tabs do.
	const storeOf = new Map(fences.map(({ node }, index) => [node, blocks[index]?.meta.store]));
	const problems: Problem[] = [];
	visit(tree, (node, index, parent) => {
		if (!isNote(node as RootContent) || parent === undefined || index === undefined) return;
		const note = node as MdxJsxFlowElement;
		const at = (message: string): void => {
			problems.push({ file, line: note.position?.start.line ?? 0, message });
		};
		const store = storeNoteStore(note);
		if (store === undefined) at(`<${noteName}> needs store="containerd" or store="classic"`);
		let first = index;
		while (isNote(parent.children[first - 1])) first -= 1;
		const classic = parent.children[first - 1];
		const containerd = parent.children[first - 2];
		const pair = classic?.type === 'code' && storeOf.get(classic) === 'classic' && containerd?.type === 'code' && storeOf.get(containerd) === 'containerd';
		if (!pair)
			at(
				`<${noteName}> belongs in a store's tab: put it right after a store pair (a store=containerd fence, then a store=classic fence), only other notes between`,
			);
		const earlier = parent.children.slice(first, index).filter((sibling) => storeNoteStore(sibling) === store);
		if (store !== undefined && earlier.length > 0) at(`a second <${noteName} store="${store}"> after the same pair: write one note per store`);
		let holdsBlock = false;
		visit(note, 'code', () => {
			holdsBlock = true;
		});
		if (holdsBlock) at(`<${noteName}> holds prose only: a block of one store is a store pair's half`);
		return SKIP;
	});
	return problems;
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
