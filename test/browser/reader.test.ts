/**
 * The page as a reader gets it: recorded outputs instead of patterns, with what varies from run to
 * run marked; long absorbed runs and repeated setup folded, opening and closing from the keyboard;
 * and every page within its budgets at load (DOM elements, HTML bytes, JavaScript before search).
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { closeBrowser, highlightAll, newContext, pages, pagesWhoseHtml, urlOf } from './browser.ts';
import { watchWeight } from '../../scripts/quality/page-weight.ts';

/** Lighthouse flags a page above about 1,400 elements (its "excessive DOM size" audit). */
const domBudget = 1400;
const htmlBudget = 100 * 1024;
const scriptBudget = 50 * 1024;

let context: BrowserContext;

beforeAll(async () => {
	context = await newContext();
});

afterAll(async () => {
	await closeBrowser();
});

async function open(address: string, work: (page: Page) => Promise<void>): Promise<void> {
	const page = await context.newPage();
	try {
		await page.goto(urlOf(address));
		await work(page);
	} finally {
		await page.close();
	}
}

describe('recorded output', () => {
	const marked = pagesWhoseHtml(/class="lb-vary"/);

	test('some pages mark parts of a recorded output as varying', () => {
		expect(marked.length).toBeGreaterThan(0);
	});

	test('no code block shows a bare placeholder where an output was recorded', async () => {
		const found: string[] = [];
		const addresses = pagesWhoseHtml(/data-language="console"/);
		let inspected = 0;
		for (const address of addresses) {
			await open(address, async (page) => {
				await highlightAll(page);
				const texts = await page
					.locator('.expressive-code:has(pre[data-language="console"]) .ec-line')
					.evaluateAll((lines) => lines.map((line) => line.textContent ?? ''));
				inspected += texts.length;
				for (const line of texts) if (/\[(?:ID|DIGEST|SIZE|AGO|NAME|\.\.)\]/.test(line)) found.push(`${address}: ${line}`);
			});
		}
		// Nothing found in nothing looked at proves nothing: the transcripts' lines were read.
		expect(addresses.length, 'pages with a console block').toBeGreaterThan(0);
		expect(inspected, 'console lines inspected').toBeGreaterThan(addresses.length);
		expect(found).toEqual([]);
	});

	test.each([
		['ko', '이 값은 실행할 때마다 다릅니다'],
		['en', 'differs on every run'],
	])('a varying part (%s) has a dotted underline, a tooltip and a sentence for screen readers only', async (language, sentence) => {
		const address = marked.find((candidate) => (language === 'en') === candidate.startsWith('/en/'));
		expect(address, `a ${language} page with a marked output`).toBeDefined();
		await open(address ?? '/', async (page) => {
			await highlightAll(page);
			const mark = page.locator('.lb-vary').first();
			expect(await mark.getAttribute('title')).toBe(sentence);
			const style = await mark.evaluate((element) => getComputedStyle(element).textDecorationStyle);
			expect(style).toBe('dotted');
			const hidden = mark.locator('.sr-only');
			expect(await hidden.textContent()).toContain(sentence);
			const box = await hidden.boundingBox();
			expect((box?.width ?? 0) <= 1 && (box?.height ?? 0) <= 1, 'the sentence takes no room on screen').toBe(true);
			// What the mark holds, without the sentence, is real output: no placeholder.
			const value = await mark.evaluate((element) =>
				[...element.childNodes]
					.filter((node) => !(node instanceof HTMLElement && node.classList.contains('sr-only')))
					.map((node) => node.textContent)
					.join(''),
			);
			expect(value).not.toMatch(/^\[[A-Z.]+\]$/);
			expect(value.trim()).not.toBe('');
		});
	});

	test('a long run that a ... absorbed is a fold that opens and closes from the keyboard', async () => {
		const address = pagesWhoseHtml(/class="lb-fold"/)[0];
		expect(address, 'a page with a folded run').toBeDefined();
		await open(address ?? '/', async (page) => {
			await highlightAll(page);
			const fold = page.locator('details.lb-fold').first();
			const lines = fold.locator(':scope > span');
			expect(await lines.isVisible()).toBe(false);
			await fold.locator('summary').focus();
			await page.keyboard.press('Enter');
			expect(await fold.evaluate((details) => (details as HTMLDetailsElement).open)).toBe(true);
			expect(await lines.isVisible()).toBe(true);
			expect((await lines.textContent())?.split('\n').length).toBeGreaterThan(3);
			await page.keyboard.press('Space');
			expect(await fold.evaluate((details) => (details as HTMLDetailsElement).open)).toBe(false);
		});
	});
});

describe("a shell block's recorded output", () => {
	test('is fetched and shown when its mark is opened from the keyboard', async () => {
		const address = pagesWhoseHtml(/class="lb-verified" data-status="passed" data-output=/)[0];
		expect(address, 'a page with a shell output').toBeDefined();
		await open(address ?? '/', async (page) => {
			const details = page.locator('details.lb-verified').first();
			expect(await details.locator('pre.lb-output').textContent()).toBe('');
			await details.locator('summary').focus();
			await page.keyboard.press('Enter');
			await page.waitForFunction(() => (document.querySelector('details.lb-verified pre.lb-output')?.textContent ?? '') !== '');
			expect(await details.locator('pre.lb-output').isVisible()).toBe(true);
		});
	});
});

describe('folded setup', () => {
	const withSetup = pagesWhoseHtml(/class="lb-setup"/);

	test('a chapter folds the setup it repeats from an earlier one', () => {
		expect(withSetup.length).toBeGreaterThan(0);
	});

	test('opens and closes from the keyboard, and its blocks cost no DOM until opened', async () => {
		await open(withSetup[0] ?? '/', async (page) => {
			const group = page.locator('.lb-setup').first();
			const details = group.locator(':scope > details');
			expect(await group.locator('.expressive-code').count(), 'no code block in the DOM while folded').toBe(0);
			expect(await group.locator('.lb-setup__from a').getAttribute('href')).toMatch(/^(\/en)?\/[a-z-]+\/(#.*)?$/);
			const before = await page.evaluate(() => document.querySelectorAll('*').length);
			// The fold's own summary: once open, the blocks inside bring summaries of their own (their marks).
			const summary = details.locator(':scope > summary');
			await summary.focus();
			await page.keyboard.press('Enter');
			expect(await details.evaluate((element) => (element as HTMLDetailsElement).open)).toBe(true);
			const blocks = group.locator('.expressive-code');
			await blocks.first().waitFor({ state: 'visible' });
			expect(await blocks.count()).toBeGreaterThan(0);
			expect(await page.evaluate(() => document.querySelectorAll('*').length)).toBeGreaterThan(before);
			await summary.focus();
			await page.keyboard.press('Enter');
			expect(await details.evaluate((element) => (element as HTMLDetailsElement).open)).toBe(false);
			expect(await blocks.first().isVisible()).toBe(false);
		});
	});
});

interface Weight {
	address: string;
	elements: number;
	html: number;
	scripts: number;
	pagefindBeforeSearch: boolean;
}

describe('budgets', () => {
	const weights: Weight[] = [];

	beforeAll(async () => {
		for (const address of pages) {
			const page = await context.newPage();
			const { weigh } = watchWeight(page);
			try {
				await page.goto(urlOf(address), { waitUntil: 'load' });
				// Starlight and Expressive Code start work at idle: give it the moment a reader would.
				await page.evaluate(() => new Promise((resolve) => requestIdleCallback(() => resolve(undefined), { timeout: 2000 })));
				await page.waitForTimeout(300);
				const { elements, html, scripts, urls } = await weigh();
				weights.push({ address, elements, html, scripts, pagefindBeforeSearch: urls.some((url) => /pagefind|ui-core/.test(url)) });
			} finally {
				await page.close();
			}
		}
	}, 600_000);

	test('every page was weighed', () => {
		expect(weights.map((weight) => weight.address)).toEqual(pages);
	});

	test(`no page has more than ${domBudget} DOM elements at load`, () => {
		expect(weights.filter((weight) => weight.elements > domBudget).map(({ address, elements }) => ({ address, elements }))).toEqual([]);
	});

	test('no page has more than 100 KB of HTML', () => {
		expect(weights.filter((weight) => weight.html > htmlBudget).map(({ address, html }) => ({ address, html }))).toEqual([]);
	});

	test('no page loads more than 50 KB of JavaScript before search opens, and none loads Pagefind', () => {
		expect(weights.filter((weight) => weight.scripts > scriptBudget).map(({ address, scripts }) => ({ address, scripts }))).toEqual([]);
		expect(weights.filter((weight) => weight.pagefindBeforeSearch).map(({ address }) => address)).toEqual([]);
	});

	test('search loads when the reader reaches for it', async () => {
		await open('/', async (page) => {
			const loaded = page.waitForResponse((response) => /ui-core|pagefind/.test(response.url()), { timeout: 10_000 });
			await page.locator('button[data-open-modal]').hover();
			await loaded;
			await page.locator('button[data-open-modal]').click();
			await page.locator('#starlight__search input').fill('레이어');
			await page.locator('.pagefind-ui__result').first().waitFor({ timeout: 10_000 });
		});
	});
});
