/**
 * The guide's diagrams (the layer and lifecycle SVGs) in both themes: each has a text alternative,
 * renders, and every label's colour stands out from what is behind it.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { closeBrowser, inPool, newContext, pagesWhoseHtml, urlOf } from './browser.ts';

/** Where the screenshots go, to look at when a contrast check fails. */
const screenshotDir = join(tmpdir(), 'layerbook-diagrams');

/**
 * A diagram: an SVG image in the page's content (the layer and lifecycle diagrams are
 * `<svg role="img" aria-labelledby=...>`; icons are `aria-hidden`).
 */
const diagramSelector = 'main .sl-markdown-content svg[role="img"]';

interface Label {
	text: string;
	ratio: number;
	needed: number;
	fill: string;
	background: string;
}

interface DiagramReport {
	address: string;
	theme: 'light' | 'dark';
	index: number;
	name: string;
	screenshot: string;
	/** The spread of the screenshot's pixel values, per channel: all near 0 means a blank image. */
	spread: number;
	labels: Label[];
}

const reports: DiagramReport[] = [];

beforeAll(async () => {
	mkdirSync(screenshotDir, { recursive: true });
	// Only pages with an SVG image in them are opened; the selector below decides what a diagram is.
	const contentPages = pagesWhoseHtml(/<svg[^>]*role="img"/);
	for (const theme of ['light', 'dark'] as const) {
		const context = await newContext({ colorScheme: theme, reducedMotion: 'reduce' });
		try {
			await inPool(contentPages, 2, async (address) => {
				const page = await context.newPage();
				try {
					await page.goto(urlOf(address));
					const diagrams = page.locator(diagramSelector);
					for (let index = 0; index < (await diagrams.count()); index += 1) {
						const diagram = diagrams.nth(index);
						await diagram.scrollIntoViewIfNeeded();
						const image = await diagram.screenshot();
						const file = join(screenshotDir, `${address.replace(/\//g, '_') || '_'}${index + 1}-${theme}.png`);
						writeFileSync(file, image);
						const stats = await sharp(image).stats();
						const spread = Math.max(...stats.channels.slice(0, 3).map((channel) => channel.stdev));
						const { name, labels } = await diagram.evaluate(measureDiagram);
						reports.push({ address, theme, index: index + 1, name, screenshot: file, spread, labels });
					}
				} finally {
					await page.close();
				}
			});
		} finally {
			await context.close();
		}
	}
}, 300_000);

// The screenshots are for a person looking into a failure: kept then, removed after a clean run.
let failed = false;
afterEach((context) => {
	if (context.task.result?.state === 'fail' || (context.task.result?.errors?.length ?? 0) > 0) failed = true;
});

afterAll(async () => {
	await closeBrowser();
	if (!failed) rmSync(screenshotDir, { recursive: true, force: true });
});

/**
 * Runs in the page: the diagram's accessible name and each text label's contrast, read with
 * getComputedStyle (WCAG: 4.5:1, or 3:1 for large text).
 */
function measureDiagram(svg: Element): { name: string; labels: Label[] } {
	const canvas = document.createElement('canvas');
	canvas.width = 1;
	canvas.height = 1;
	const paint = canvas.getContext('2d', { willReadFrequently: true });
	/** Any CSS colour (rgb, oklch, color-mix...) as sRGB 0-255 with alpha 0-1, via the canvas. */
	const rgba = (color: string): [number, number, number, number] => {
		if (paint === null) return [0, 0, 0, 1];
		paint.clearRect(0, 0, 1, 1);
		paint.fillStyle = '#000';
		paint.fillStyle = color;
		paint.fillRect(0, 0, 1, 1);
		const [r = 0, g = 0, b = 0, a = 0] = paint.getImageData(0, 0, 1, 1).data;
		return [r, g, b, a / 255];
	};
	const over = (top: [number, number, number, number], below: [number, number, number]): [number, number, number] => [
		top[0] * top[3] + below[0] * (1 - top[3]),
		top[1] * top[3] + below[1] * (1 - top[3]),
		top[2] * top[3] + below[2] * (1 - top[3]),
	];
	const luminance = ([r, g, b]: [number, number, number]): number => {
		const linear = (value: number): number => {
			const c = value / 255;
			return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
		};
		return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
	};
	const shapes = new Set(['rect', 'circle', 'ellipse', 'path', 'polygon', 'polyline', 'line']);
	/** What is painted behind a point: the stack of fills and backgrounds under it, composited. */
	const behind = (x: number, y: number, text: Element): [number, number, number] => {
		const layers: [number, number, number, number][] = [];
		for (const element of document.elementsFromPoint(x, y)) {
			if (element === text || text.contains(element) || element.closest('text') !== null) continue;
			const style = getComputedStyle(element);
			const opacity = Number(style.opacity);
			let color: [number, number, number, number] | undefined;
			if (element instanceof SVGElement && shapes.has(element.tagName.toLowerCase())) {
				if (style.fill !== 'none' && !style.fill.startsWith('url(')) {
					const fill = rgba(style.fill);
					color = [fill[0], fill[1], fill[2], fill[3] * Number(style.fillOpacity) * opacity];
				}
			} else {
				const background = rgba(style.backgroundColor);
				if (background[3] > 0) color = [background[0], background[1], background[2], background[3] * opacity];
			}
			if (color === undefined || color[3] === 0) continue;
			layers.push(color);
			if (color[3] >= 1) break;
		}
		let result: [number, number, number] = [255, 255, 255];
		for (const layer of layers.reverse()) result = over(layer, result);
		return result;
	};
	const labels: Label[] = [];
	for (const text of svg.querySelectorAll('text')) {
		const content = text.textContent?.trim() ?? '';
		if (content === '') continue;
		const box = text.getBoundingClientRect();
		if (box.width === 0 || box.height === 0) continue;
		const style = getComputedStyle(text);
		const x = box.left + box.width / 2;
		const y = box.top + box.height / 2;
		const background = behind(x, y, text);
		const fill = rgba(style.fill);
		const foreground = over([fill[0], fill[1], fill[2], fill[3] * Number(style.fillOpacity) * Number(style.opacity)], background);
		const [lighter, darker] = [luminance(foreground), luminance(background)].sort((a, b) => b - a) as [number, number];
		const size = Number.parseFloat(style.fontSize);
		const bold = Number(style.fontWeight) >= 700;
		labels.push({
			text: content,
			ratio: Math.round(((lighter + 0.05) / (darker + 0.05)) * 100) / 100,
			needed: size >= 24 || (size >= 18.66 && bold) ? 3 : 4.5,
			fill: style.fill,
			background: `rgb(${background.map(Math.round).join(', ')})`,
		});
	}
	const labelledBy = svg.getAttribute('aria-labelledby');
	const name =
		svg.getAttribute('aria-label') ??
		(labelledBy === null
			? undefined
			: labelledBy
					.split(/\s+/)
					.map((id) => document.getElementById(id)?.textContent ?? '')
					.join(' ')) ??
		svg.querySelector(':scope > title')?.textContent ??
		'';
	return { name: name.trim(), labels };
}

test('the guide shows diagrams in both languages', () => {
	const addresses = [...new Set(reports.map((report) => report.address))];
	expect(
		addresses.filter((address) => !address.startsWith('/en/')),
		'Korean pages with a diagram',
	).not.toEqual([]);
	expect(
		addresses.filter((address) => address.startsWith('/en/')),
		'English pages with a diagram',
	).not.toEqual([]);
});

test('every diagram has a text alternative', () => {
	const unnamed = reports.filter((report) => report.name === '').map((report) => `${report.address} diagram ${report.index}`);
	expect([...new Set(unnamed)]).toEqual([]);
});

test('every diagram renders in both themes (its screenshot is not blank)', () => {
	const blank = reports
		.filter((report) => report.spread < 2)
		.map((report) => `${report.address} diagram ${report.index} (${report.theme}): ${report.screenshot}`);
	expect(blank).toEqual([]);
});

test('every diagram label is legible against its background in both themes', () => {
	const faint = reports.flatMap((report) =>
		report.labels
			.filter((label) => label.ratio < label.needed)
			.map(
				(label) =>
					`${report.address} diagram ${report.index} (${report.theme}) "${label.text}": ${label.ratio}:1 < ${label.needed}:1, ${label.fill} on ${label.background} (${report.screenshot})`,
			),
	);
	expect(faint).toEqual([]);
});
