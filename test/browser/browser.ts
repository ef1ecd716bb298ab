/**
 * What every browser test shares: one Chromium per test file, the served site's address, and the
 * list of built pages read from `dist/`.
 */
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { inject } from 'vitest';
import { launchChromium } from '../../scripts/quality/chromium.ts';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtPages, distDir } from '../../scripts/quality/site-build.ts';

export const origin = inject('siteOrigin');

/** Every built page, by address. */
export const pages = builtPages();

/**
 * The built pages whose HTML matches `pattern`: the pages worth opening for a given check. A page's
 * HTML includes its highlighted blocks, which it fetches from its blocks file as they near the screen.
 */
export function pagesWhoseHtml(pattern: RegExp): string[] {
	return pages.filter((address) => {
		const file = join(distDir, address.endsWith('.html') ? address : `${address}index.html`);
		const blocks = join(distDir, '_blocks', `${address.replace(/^\/|\/$/g, '') || 'index'}.json`);
		const highlighted = existsSync(blocks) ? (JSON.parse(readFileSync(blocks, 'utf8')) as { blocks: (string | null)[] }).blocks.join('\n') : '';
		return pattern.test(readFileSync(file, 'utf8')) || pattern.test(highlighted);
	});
}

/** A page's URL on the served site. */
export function urlOf(address: string): string {
	return new URL(address, origin).href;
}

let browser: Browser | undefined;

async function openBrowser(): Promise<Browser> {
	browser ??= await launchChromium();
	return browser;
}

export async function closeBrowser(): Promise<void> {
	await browser?.close();
	browser = undefined;
}

/** A fresh context (its own storage) with the theme the reader's system asks for. */
export async function newContext(options: BrowserContextOptions = {}): Promise<BrowserContext> {
	const context = await (await openBrowser()).newContext({ viewport: { width: 1280, height: 800 }, ...options });
	context.setDefaultTimeout(15_000);
	context.setDefaultNavigationTimeout(20_000);
	return context;
}

/** What a page printed as an error: console errors, uncaught exceptions, failed requests. */
export function collectErrors(page: Page): string[] {
	const errors: string[] = [];
	page.on('console', (message) => {
		if (message.type() === 'error') {
			const where = message.location().url;
			errors.push(`console.error: ${message.text()}${where ? ` (${where})` : ''}`);
		}
	});
	page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
	page.on('response', (response) => {
		if (response.status() >= 400) errors.push(`HTTP ${response.status()}: ${response.url()}`);
	});
	page.on('requestfailed', (request) => {
		const reason = request.failure()?.errorText ?? 'unknown';
		// A request cut short because the reader moved on (a click to another page) is no failure.
		if (reason === 'net::ERR_ABORTED') return;
		errors.push(`request failed: ${request.url()} (${reason})`);
	});
	return errors;
}

/** Runs `work` over `items` with at most `limit` at a time, keeping the input's order. */
export async function inPool<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
	const results: R[] = new Array<R>(items.length);
	let next = 0;
	const worker = async (): Promise<void> => {
		while (next < items.length) {
			const index = next;
			next += 1;
			results[index] = await work(items[index] as T);
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
	return results;
}

/**
 * Scrolls a page's plain-text blocks (src/verification/ec-lazy.ts) into view one after another
 * until each has been swapped for its highlighted markup, as a reader scrolling down would.
 */
export async function highlightAll(page: Page): Promise<void> {
	// Blocks a reader can see: one inside a closed <details> (an exercise's answer) waits for it to open.
	const visible = (): Promise<number> =>
		page.evaluate(() => [...document.querySelectorAll('.sl-markdown-content pre.lb-plain[data-index]')].filter((plain) => plain.checkVisibility()).length);
	for (let count = await visible(); count > 0; count = await visible()) {
		// In the page, in one step: the block may be swapped between two steps from outside.
		await page.evaluate(() =>
			[...document.querySelectorAll('.sl-markdown-content pre.lb-plain[data-index]')].find((plain) => plain.checkVisibility())?.scrollIntoView(),
		);
		const swapped = await page
			.waitForFunction(
				(before) => [...document.querySelectorAll('.sl-markdown-content pre.lb-plain[data-index]')].filter((plain) => plain.checkVisibility()).length < before,
				count,
				{ timeout: 10_000 },
			)
			.then(() => true)
			.catch(() => false);
		if (!swapped) throw new Error(`${page.url()}: a plain-text block was not highlighted as it came into view`);
	}
	await page.evaluate(() => window.scrollTo(0, 0));
}
