/**
 * Every built page, in a real browser: no console error, exactly one h1, in-page anchors that
 * work, no serious or critical axe-core violation (light theme, and colour contrast in the dark
 * theme), and no horizontal scrolling on a 375-pixel-wide phone.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { closeBrowser, inPool, newContext, pages } from './browser.ts';
import { describeFindings, type PageReport, reportPage } from './page-report.ts';

const reports = new Map<string, PageReport>();

beforeAll(async () => {
	// Each page in a fresh context (no cache, no storage: a first-time reader), two at a time:
	// Chromium renders on one core while axe-core runs on the other.
	const visited = await inPool(pages, 2, async (address) => {
		const context = await newContext();
		try {
			return await reportPage(context, address);
		} finally {
			await context.close();
		}
	});
	for (const report of visited) reports.set(report.address, report);
}, 300_000);

afterAll(async () => {
	await closeBrowser();
});

function reportOf(address: string): PageReport {
	const report = reports.get(address);
	if (report === undefined) throw new Error(`${address} was not visited`);
	return report;
}

test('the site has pages in both languages to check', () => {
	expect(pages).toContain('/');
	expect(pages).toContain('/en/');
	expect(pages.length).toBeGreaterThanOrEqual(20);
});

describe.each(pages)('%s', (address) => {
	test('logs no console error', () => {
		expect(reportOf(address).errors).toEqual([]);
	});

	test('has exactly one h1', () => {
		expect(reportOf(address).h1Count).toBe(1);
	});

	test('its in-page anchors lead to their targets', () => {
		const report = reportOf(address);
		expect(report.brokenAnchors, 'links to an id that is not on the page').toEqual([]);
		expect(report.anchorsNotReached, 'table-of-contents links that did not show their section').toEqual([]);
	});

	test('axe-core finds no serious or critical violation (light theme)', () => {
		expect(describeFindings(reportOf(address).axeLight)).toEqual([]);
	});

	test('axe-core finds no serious or critical contrast violation (dark theme)', () => {
		const report = reportOf(address);
		expect(report.themes).toEqual({ light: 'light', dark: 'dark' });
		expect(describeFindings(report.axeDark)).toEqual([]);
	});

	test('does not scroll sideways at 375 pixels wide', () => {
		const { narrow } = reportOf(address);
		expect(narrow.offenders, `wider than ${narrow.viewport}px`).toEqual([]);
		expect(narrow.scrolledBy).toBe(0);
		expect(narrow.scrollWidth).toBeLessThanOrEqual(narrow.viewport);
	});
});
