/**
 * A remark plugin that puts the record beside every executable block of a chapter: a status
 * line (verified, not run with its reason, or not verified), and under a passed shell block its
 * real recorded output, collapsed. The output is an `ansi` code block, so Expressive Code renders
 * it with its colours like any other block on the page.
 */
import { join, relative } from 'node:path';
import type { Paragraph, Parent, Root, RootContent } from 'mdast';
import type { MdxJsxAttribute, MdxJsxFlowElement } from 'mdast-util-mdx-jsx';
import type { VFile } from 'vfile';
import { fenceBlocks, treeFences } from '../contract/extract.ts';
import { pageIdentity } from '../contract/locales.ts';
import { formatProblem, type Problem } from '../contract/problem.ts';
import { visit } from 'unist-util-visit';
import { readRecordSync } from './record-file.ts';
import { type BlockVerification, verifyPage } from './block-status.ts';
import { labels, recordDay, type VerificationLabels } from './labels.ts';
import { pageOutput, pageTranscript } from './output.ts';

export interface VerifiedBlocksOptions {
	/** The project root (Astro's `root`), from which the docs and the record are found. */
	root: string;
	/** Fail on a block the record does not cover (the build); otherwise mark it on the page (dev). */
	failOnStale: boolean;
}

export class StaleBlocksError extends Error {
	constructor(readonly problems: readonly Problem[]) {
		super(`${problems.map(formatProblem).join('\n')}\nRecord the chapters again with: npm run record`);
		this.name = 'StaleBlocksError';
	}
}

export function remarkVerifiedBlocks(options: VerifiedBlocksOptions) {
	const docsDirectory = join(options.root, 'src', 'content', 'docs');
	return (tree: Root, file: VFile): void => {
		const path = file.path;
		if (!path.startsWith(`${docsDirectory}/`) || !path.endsWith('.mdx')) return;
		// The tree Astro parsed (its front matter blanked line for line, so positions are the
		// file's): each fence's node and its block, one to one.
		const fences = treeFences(tree);
		const blocks = fenceBlocks(
			relative(options.root, path),
			fences.map(({ fence }) => fence),
		);
		const page = verifyPage({ ...pageIdentity(relative(docsDirectory, path)), blocks, record: readRecordSync(options.root) });

		const stale = page.blocks.filter((entry) => entry.status === 'stale');
		if (options.failOnStale && stale.length > 0) {
			throw new StaleBlocksError(
				stale.map(({ block }) => ({
					file: block.file,
					line: block.line,
					message: `${block.kind} block is not in the record (new or changed since it was recorded)`,
				})),
			);
		}

		const placements: { parent: Parent; node: (typeof fences)[number]['node']; verification: BlockVerification }[] = [];
		const indexOf = new Map(fences.map(({ node }, index) => [node, index]));
		visit(tree, 'code', (node, _position, parent) => {
			const verification = page.blocks[indexOf.get(node) ?? -1];
			if (parent !== undefined && verification !== undefined && verification.status !== 'shown') placements.push({ parent, node, verification });
		});
		const words = labels[page.language];
		for (const { parent, node, verification } of placements) {
			// A verified transcript shows what the engine printed, not the author's pattern.
			if (verification.status === 'passed' && verification.block.kind === 'console' && verification.recorded.output !== undefined) {
				node.value = pageTranscript(verification.recorded.output, words.shortened);
			}
			const mark = statusElement(verification, words);
			if (mark === undefined) continue;
			parent.children.splice(parent.children.indexOf(node as RootContent) + 1, 0, mark as RootContent);
		}
	};
}

function attribute(name: string, value: string): MdxJsxAttribute {
	return { type: 'mdxJsxAttribute', name, value };
}

function element(name: string, attributes: MdxJsxAttribute[], children: MdxJsxFlowElement['children']): MdxJsxFlowElement {
	return { type: 'mdxJsxFlowElement', name, attributes, children };
}

/** A line of text as the HTML element `name` (a paragraph renamed on its way to HTML). */
function textElement(name: string, value: string, className?: string): Paragraph {
	return {
		type: 'paragraph',
		data: { hName: name, ...(className === undefined ? {} : { hProperties: { className: [className] } }) },
		children: [{ type: 'text', value }],
	};
}

function statusElement(verification: BlockVerification, words: VerificationLabels): MdxJsxFlowElement | undefined {
	if (verification.status === 'shown') return undefined;
	const text =
		verification.status === 'passed'
			? words.passed(verification.chapter.engine, recordDay(verification.chapter.date))
			: verification.status === 'skipped'
				? words.skipped(verification.reason)
				: words.stale;
	const children: MdxJsxFlowElement['children'] = [textElement('p', text, 'lb-verified__status')];
	// A block that printed nothing gets no toggle: there is nothing behind it to show.
	const output = verification.status === 'passed' && verification.block.kind === 'shell' ? (verification.recorded.output ?? '') : '';
	if (output.trim() !== '') {
		children.push(
			element(
				'details',
				[attribute('class', 'lb-verified__output')],
				[textElement('summary', words.output), { type: 'code', lang: 'ansi', meta: 'frame="none"', value: pageOutput(output, words.shortened) }],
			),
		);
	}
	return element('div', [attribute('class', 'lb-verified'), attribute('data-status', verification.status)], children);
}
