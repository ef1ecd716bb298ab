/**
 * Pagefind search as a reader uses it: open the search dialog, type a term, follow the result,
 * and land on the section that talks about it, in Korean and in English.
 */
import { afterAll, describe, expect, test } from 'vitest';
import { closeBrowser, collectErrors, newContext, urlOf } from './browser.ts';

afterAll(async () => {
	await closeBrowser();
});

/** A term, the page a reader searching for it must be offered, and the text its section must hold. */
const searches = [
	{ from: '/introduction/', term: 'ENTRYPOINT', page: '/dockerfile-instructions/', sectionHas: 'entrypoint' },
	{ from: '/introduction/', term: '레이어', page: '/layers-and-cache/', sectionHas: '레이어' },
	{ from: '/en/introduction/', term: 'ENTRYPOINT', page: '/en/dockerfile-instructions/', sectionHas: 'entrypoint' },
	{ from: '/en/introduction/', term: 'layer', page: '/en/layers-and-cache/', sectionHas: 'layer' },
];

describe.each(searches)('searching for $term from $from', ({ from, term, page: expectedPage, sectionHas }) => {
	test(`offers ${expectedPage} and lands on a section about it`, async () => {
		const context = await newContext({ reducedMotion: 'reduce' });
		const page = await context.newPage();
		const errors = collectErrors(page);
		try {
			await page.goto(urlOf(from));
			await page.locator('button[data-open-modal]:not([disabled])').click();
			const input = page.locator('site-search dialog .pagefind-ui__search-input');
			await input.fill(term);
			const results = page.locator('site-search .pagefind-ui__result');
			await results.first().waitFor();
			// Pagefind fills in results as their fragments arrive: wait until none is loading.
			await page.waitForFunction(() => document.querySelectorAll('site-search .pagefind-ui__result .pagefind-ui__loading').length === 0);

			const offered = await results.evaluateAll((items) =>
				items.map((item) => ({
					page: new URL(item.querySelector<HTMLAnchorElement>('.pagefind-ui__result-link')?.href ?? '').pathname,
					sections: [...item.querySelectorAll('.pagefind-ui__result-nested')].map((nested) => ({
						href: nested.querySelector<HTMLAnchorElement>('.pagefind-ui__result-link')?.href ?? '',
						excerpt: nested.querySelector('.pagefind-ui__result-excerpt')?.textContent ?? '',
					})),
				})),
			);
			const result = offered.find((item) => item.page === expectedPage);
			expect(result, `results for "${term}": ${offered.map((item) => item.page).join(', ')}`).toBeDefined();

			// Follow the first section whose excerpt shows the term (or the page itself when the
			// term is in its opening, before any heading).
			const section = result?.sections.find((nested) => nested.excerpt.toLowerCase().includes(term.toLowerCase()));
			const chosen = section?.href ?? `${new URL(urlOf(expectedPage)).href}`;
			await page.evaluate((href) => {
				const links = [...document.querySelectorAll<HTMLAnchorElement>('site-search .pagefind-ui__result-link')];
				links.find((a) => a.href === href || a.href.split('?')[0] === href.split('?')[0])?.setAttribute('data-chosen', '');
			}, chosen);
			await Promise.all([page.waitForURL((url) => url.pathname === expectedPage), page.locator('site-search a[data-chosen]').first().click()]);

			const landing = await page.evaluate(() => {
				const id = decodeURIComponent(location.hash.slice(1));
				const target = id === '' ? null : document.getElementById(id);
				if (target === null) return { hash: location.hash, found: false, inView: false, text: document.querySelector('main')?.textContent ?? '' };
				// The section: the heading and everything after it up to the next heading of the same or a higher level.
				const level = Number(/^H(\d)$/.exec(target.tagName)?.[1] ?? 6);
				const start = target.closest('.sl-heading-wrapper') ?? target;
				let text = start.textContent ?? '';
				for (let node = start.nextElementSibling; node !== null; node = node.nextElementSibling) {
					const heading = /^H\d$/.test(node.tagName)
						? node
						: node.querySelector(':scope > h1, :scope > h2, :scope > h3, :scope > h4, :scope > h5, :scope > h6');
					if (heading !== null && Number(heading.tagName.slice(1)) <= level) break;
					text += ` ${node.textContent ?? ''}`;
				}
				const top = target.getBoundingClientRect().top;
				return { hash: location.hash, found: true, inView: top >= -1 && top < window.innerHeight, text };
			});
			if (section !== undefined) {
				expect(landing.found, `the result's anchor ${landing.hash} is on the page`).toBe(true);
				expect(landing.inView, `the section ${landing.hash} is scrolled into view`).toBe(true);
			}
			expect(landing.text.toLowerCase(), `the section ${landing.hash || '(page top)'} mentions "${term}"`).toContain(sectionHas.toLowerCase());
			expect(errors).toEqual([]);
		} finally {
			await context.close();
		}
	});
});
