/**
 * What a page costs a reader at load: its DOM elements, the HTML and the JavaScript it fetched
 * (external and inline). One measure for the browser budgets and the benchmark.
 */
import type { Page } from 'playwright-core';

export interface PageWeight {
	elements: number;
	html: number;
	scripts: number;
	/** Every address the page fetched. */
	urls: string[];
}

/** Starts listening before the page is opened; `weigh` reads the page once the caller has waited as it wants. */
export function watchWeight(page: Page): { weigh: () => Promise<PageWeight> } {
	const sizes: { type: string; url: string; bytes: Promise<number> }[] = [];
	page.on('response', (response) => {
		sizes.push({
			type: response.request().resourceType(),
			url: response.url(),
			bytes: response.body().then(
				(body) => body.length,
				() => 0,
			),
		});
	});
	const bytes = async (type: string): Promise<number> =>
		(await Promise.all(sizes.filter((entry) => entry.type === type).map((entry) => entry.bytes))).reduce((sum, size) => sum + size, 0);
	return {
		weigh: async () => {
			const elements = await page.evaluate(() => document.querySelectorAll('*').length);
			const inline = await page.evaluate(() =>
				[...document.querySelectorAll('script:not([src])')].reduce((sum, script) => sum + new TextEncoder().encode(script.textContent ?? '').length, 0),
			);
			return { elements, html: await bytes('document'), scripts: (await bytes('script')) + inline, urls: sizes.map((entry) => entry.url) };
		},
	};
}
