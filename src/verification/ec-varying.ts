/**
 * An Expressive Code plugin that draws what remark-verified-blocks found in a recorded transcript
 * (console-output.ts): the parts that vary from run to run, and the folds of many absorbed lines.
 */
import { type ExpressiveCodePlugin, ExpressiveCodeAnnotation } from '@astrojs/starlight/expressive-code';
import type { AnnotationRenderOptions, ExpressiveCodeBlock } from '@expressive-code/core';
import { h } from '@astrojs/starlight/expressive-code/hast';
import type { ConsoleMarks } from './console-output.ts';

/** The marks a fence's meta carries as `lb-marks` (console-output.ts, encodeMarks: base64url JSON), or undefined. */
function decodeMarks(value: string | undefined): ConsoleMarks | undefined {
	if (value === undefined || value === '') return undefined;
	return JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as ConsoleMarks;
}

const decoded = new WeakMap<object, ConsoleMarks | undefined>();

function blockMarks(codeBlock: ExpressiveCodeBlock): ConsoleMarks | undefined {
	if (!decoded.has(codeBlock)) decoded.set(codeBlock, decodeMarks(codeBlock.metaOptions.getString('lb-marks')));
	return decoded.get(codeBlock);
}

/** A part that varies: a quiet dotted underline, a tooltip and a visually hidden sentence for screen readers. */
class VaryingAnnotation extends ExpressiveCodeAnnotation {
	override readonly name = 'layerbook-varying';
	readonly text: string;

	constructor({ start, end, text }: { start: number; end: number; text: string }) {
		super({ inlineRange: { columnStart: start, columnEnd: end } });
		this.text = text;
	}

	render({ nodesToTransform }: AnnotationRenderOptions): AnnotationRenderOptions['nodesToTransform'] {
		// The range may span several tokens: each is underlined, the sentence is read once.
		return nodesToTransform.map((node, index) =>
			h('span.lb-vary', { title: this.text }, index === nodesToTransform.length - 1 ? [node, h('span.sr-only', ` (${this.text})`)] : [node]),
		);
	}
}

export function pluginVaryingOutput(): ExpressiveCodePlugin {
	return {
		name: 'layerbook-varying-output',
		baseStyles: `
			.lb-vary { text-decoration: underline dotted; text-decoration-thickness: 1px; text-underline-offset: 0.2em; cursor: help; }
			.lb-fold { display: inline; }
			.lb-fold > summary { cursor: pointer; color: inherit; font-style: italic; text-decoration: underline dotted; list-style: none; }
			.lb-fold > summary::-webkit-details-marker { display: none; }
			.lb-fold > summary:focus-visible { outline: 2px solid var(--sl-color-text-accent, currentColor); }
			.lb-fold > span { display: block; }
		`,
		hooks: {
			annotateCode: ({ codeBlock }) => {
				const marks = blockMarks(codeBlock);
				if (marks === undefined) return;
				// The words of the tooltip and the hidden sentence, in the page's language.
				const text = codeBlock.metaOptions.getString('lb-vary') ?? '';
				for (const [line, start, end] of marks.varying) {
					codeBlock.getLine(line)?.addAnnotation(new VaryingAnnotation({ start, end, text }));
				}
			},
			postprocessRenderedLine: ({ codeBlock, lineIndex, renderData }) => {
				const fold = blockMarks(codeBlock)?.folds.find(([line]) => line === lineIndex);
				if (fold === undefined) return;
				const code = renderData.lineAst.children.find((child) => child.type === 'element' && child.properties['className']?.toString().includes('code'));
				if (code === undefined || code.type !== 'element') return;
				// A `<details>` whose hidden lines are one text node: no DOM until read.
				const summary = codeBlock.getLine(lineIndex)?.text ?? '';
				code.children = [h('details.lb-fold', [h('summary', summary), h('span', fold[1])])];
			},
		},
	};
}
