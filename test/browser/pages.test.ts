/**
 * Every built page, in a real browser: no console error, exactly one h1, in-page anchors that
 * work, no serious or critical axe-core violation (light theme, and colour contrast in the dark
 * theme), and no horizontal scrolling on a 375-pixel-wide phone.
 */
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { closeBrowser, newContext, pages } from './browser.ts';
import { describeFindings, PageHang, readPage, reportPage } from './page-report.ts';

let context: BrowserContext;

beforeAll(async () => {
	context = await newContext();
});

afterAll(async () => {
	await closeBrowser();
});

test('the site has pages in both languages to check', () => {
	expect(pages).toContain('/');
	expect(pages).toContain('/en/');
	expect(pages.length).toBeGreaterThanOrEqual(20);
});

test('a reading that outlives its deadline stops, names the step it was on, and closes its page', async () => {
	const own = await newContext();
	try {
		const reading = readPage(own, '/', 1);
		await expect(reading).rejects.toBeInstanceOf(PageHang);
		await expect(reading).rejects.toThrow('opening the page did not finish within 0.001 s');
		expect(own.pages()).toEqual([]);
	} finally {
		await own.close();
	}
});

// Two pages at a time (the project's maxConcurrency): Chromium renders on one core while axe-core
// runs on the other. Each page is loaded once; every check is a soft assertion, so one failing
// check does not hide the others.
test.concurrent.for(pages)('%s', async (address, { expect }) => {
	const report = await reportPage(context, address);
	expect.soft(report.errors, 'logs no console error').toEqual([]);
	expect.soft(report.h1Count, 'has exactly one h1').toBe(1);
	expect.soft(report.brokenAnchors, 'in-page links to an id that is not on the page').toEqual([]);
	expect.soft(report.anchorsNotReached, 'table-of-contents links that did not show their section').toEqual([]);
	expect.soft(describeFindings(report.axeLight), 'axe-core: serious or critical violations (light theme)').toEqual([]);
	expect.soft(report.themes, 'Starlight follows the system theme').toEqual({ light: 'light', dark: 'dark' });
	expect.soft(describeFindings(report.axeDark), 'axe-core: serious or critical contrast violations (dark theme)').toEqual([]);
	const { narrow } = report;
	expect.soft(narrow.offenders, `elements wider than the ${narrow.viewport}px viewport`).toEqual([]);
	expect.soft(narrow.scrolledBy, 'horizontal scroll at 375 pixels').toBe(0);
});
