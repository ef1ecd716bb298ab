/**
 * A reader picks their image store once: the store pairs' tabs keep that choice across pages and
 * languages, and a block in a tab is highlighted when shown and copies only its commands.
 */
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { serveStatic, type StaticSite } from '../../scripts/quality/serve.ts';
import { recorded } from '../site/fixture-records.ts';
import { buildFixtureSite, type FixtureSite } from '../site/fixture-site.ts';
import { closeBrowser, collectErrors, newContext } from './browser.ts';

// The tabs' labels, the same in both languages; the marks under the blocks name the store in the page's.
const containerd = 'containerd (overlayfs)';
const classic = 'classic (overlay2)';
const marks = { containerd: '검증됨 · containerd 이미지 스토어', classic: '검증됨 · 클래식 이미지 스토어(overlay2)' };

let site: FixtureSite | undefined;
let served: StaticSite | undefined;
let context: BrowserContext;

// The fixture site (test/site/fixture-site.ts), whose pages have store pairs whatever the guide's
// chapters hold.
beforeAll(async () => {
	site = await buildFixtureSite(recorded);
	if (!site.build.ok) throw new Error(`the fixture site did not build:\n${site.build.output}`);
	served = await serveStatic(join(site.root, 'dist'));
	context = await newContext();
	await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: served.origin });
}, 300_000);

afterAll(async () => {
	await closeBrowser();
	await served?.close();
	site?.remove();
});

/** The label of the chosen tab of each store pair on the page, in page order. */
function chosen(page: Page): Promise<string[]> {
	return page.locator('starlight-tabs [role="tab"][aria-selected="true"]').evaluateAll((tabs) => tabs.map((tab) => tab.textContent?.trim() ?? ''));
}

test("a reader's choice of image store holds for every pair, on this page and the next", async () => {
	const page = await context.newPage();
	const errors = collectErrors(page);
	try {
		await page.goto(`${served?.origin}/stores/`);
		// Until the reader chooses, every pair opens on the store the guide is written for.
		expect(await chosen(page)).toEqual([containerd, containerd]);
		await page.locator('starlight-tabs').first().getByRole('tab', { name: classic }).click();
		expect(await chosen(page)).toEqual([classic, classic]);

		// The classic half, plain text until its tab was shown, is highlighted and copies its command only.
		const panel = page.locator('starlight-tabs').first().locator('[role="tabpanel"]:not([hidden])');
		expect(await panel.locator('.lb-verified').textContent()).toBe(marks.classic);
		const block = panel.locator('.expressive-code:has(pre[data-language="console"])');
		await block.waitFor({ timeout: 10_000 });
		await page.evaluate(() => navigator.clipboard.writeText(''));
		await block.locator('.copy button').click();
		await page.waitForFunction(async () => (await navigator.clipboard.readText()) !== '', undefined, { timeout: 5_000 });
		expect(await page.evaluate(() => navigator.clipboard.readText())).toBe("docker image inspect -f '{{.Id}}' busybox");

		await page.goto(`${served?.origin}/stores-again/`);
		expect(await chosen(page)).toEqual([classic]);
		const shown = page.locator('[role="tabpanel"]:not([hidden])');
		expect(await shown.locator('.lb-verified').textContent()).toBe(marks.classic);
		expect(await page.locator('[role="tabpanel"][hidden] .lb-verified').textContent()).toBe(marks.containerd);

		// In the other language too: the choice is kept by a label that is the same in both.
		await page.goto(`${served?.origin}/en/stores/`);
		expect(await chosen(page)).toEqual([classic, classic]);
		expect(await page.locator('[role="tabpanel"]:not([hidden]) .lb-verified').first().textContent()).toBe('Verified on the classic store (overlay2)');
		// The fixture site has no favicon of its own; anything else failing is the page's fault.
		expect(errors.filter((error) => !error.includes('favicon'))).toEqual([]);
	} finally {
		await page.close();
	}
});
