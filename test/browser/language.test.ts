/** The language picker, used as a reader uses it: it moves between the same page in both languages. */
import { afterAll, expect, test } from 'vitest';
import { chapters } from '../../src/contract/chapters.ts';
import { closeBrowser, newContext, urlOf } from './browser.ts';

afterAll(async () => {
	await closeBrowser();
});

const slugs = ['', ...chapters.map((chapter) => `${chapter.slug}/`)].map((slug) => ({ slug }));

test.each(slugs)('the picker on /$slug leads to /en/$slug and back', async ({ slug }) => {
	const context = await newContext();
	const page = await context.newPage();
	try {
		await page.goto(urlOf(`/${slug}`));
		expect(await page.getAttribute('html', 'lang')).toBe('ko');
		const picker = page.locator('starlight-lang-select select').first();
		await Promise.all([page.waitForURL((url) => url.pathname === `/en/${slug}`), picker.selectOption(`/en/${slug}`)]);
		expect(await page.getAttribute('html', 'lang')).toBe('en');
		await Promise.all([page.waitForURL((url) => url.pathname === `/${slug}`), page.locator('starlight-lang-select select').first().selectOption(`/${slug}`)]);
		expect(await page.getAttribute('html', 'lang')).toBe('ko');
	} finally {
		await context.close();
	}
});
