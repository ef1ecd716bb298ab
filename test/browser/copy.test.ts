/**
 * The copy button of every `console` block puts only the commands on the clipboard: no `$ `
 * prompt and no output, so what a reader pastes into a terminal runs as it is.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { parseTranscript } from '../../src/contract/transcript.ts';
import { closeBrowser, highlightAll, inPool, newContext, origin, pagesWhoseHtml, urlOf } from './browser.ts';

interface Copied {
	address: string;
	/** The block's position on its page (1-based) and its first line, to find it. */
	block: string;
	shown: string;
	clipboard: string;
}

const copied: Copied[] = [];
let context: BrowserContext;

beforeAll(async () => {
	context = await newContext();
	await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
	// One page at a time: the clipboard is the whole browser's, shared by its pages.
	await inPool(pagesWhoseHtml(/data-language="console"/), 1, async (address) => {
		const page = await context.newPage();
		try {
			await page.goto(urlOf(address));
			await highlightAll(page);
			const blocks = page.locator('.expressive-code:has(pre[data-language="console"])');
			for (let index = 0; index < (await blocks.count()); index += 1) {
				const block = blocks.nth(index);
				const shown = await block.locator('pre .ec-line').evaluateAll((lines) => lines.map((line) => line.textContent ?? '').join('\n'));
				await page.evaluate(() => navigator.clipboard.writeText(''));
				await block.locator('.copy button').click({ force: true });
				await page.waitForFunction(async () => (await navigator.clipboard.readText()) !== '', undefined, { timeout: 5_000 }).catch(() => undefined);
				const clipboard = await page.evaluate(() => navigator.clipboard.readText());
				copied.push({ address, block: `console block ${index + 1} (${shown.split('\n')[0] ?? ''})`, shown, clipboard });
			}
		} finally {
			await page.close();
		}
	});
}, 300_000);

afterAll(async () => {
	await closeBrowser();
});

test('the guide has console blocks to copy from', () => {
	expect(copied.length).toBeGreaterThan(0);
});

test('each console block copies only its commands', () => {
	const wrong = copied
		.map(({ address, block, shown, clipboard }) => {
			const commands = parseTranscript(shown, 1)
				.commands.map((command) => command.command)
				.join('\n');
			return { where: `${address} ${block}`, expected: commands, clipboard: clipboard.replace(/\n$/, '') };
		})
		.filter(({ expected, clipboard }) => expected !== clipboard);
	expect(wrong.slice(0, 10), `${wrong.length} of ${copied.length} console blocks copy something else`).toEqual([]);
});
