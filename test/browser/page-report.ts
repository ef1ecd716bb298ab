/**
 * Reads one built page the ways a reader meets it (a desktop window in the light theme, the same
 * in the dark theme, a 375-pixel phone) and gathers what the tests then judge, so each page is
 * loaded once however many checks look at it.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { collectErrors, urlOf } from './browser.ts';
import { axeAddress } from './setup.ts';

export interface AxeFinding {
	rule: string;
	impact: string;
	help: string;
	/** The CSS selectors axe gives for the failing elements (at most 5). */
	targets: string[];
}

export interface PageReport {
	address: string;
	/** Console errors, uncaught exceptions, failed requests and HTTP errors while the page loaded and was used. */
	errors: string[];
	h1Count: number;
	/** In-page links (`#id`, or this page's address with `#id`) whose target is not on the page. */
	brokenAnchors: string[];
	/** In-page links from the table of contents that, clicked, did not bring their target into view. */
	anchorsNotReached: string[];
	/** How many in-page links the page has (so a test can tell "none broken" from "none checked"). */
	anchorCount: number;
	/** axe-core's serious and critical violations, light theme, every rule. */
	axeLight: AxeFinding[];
	/** axe-core's serious and critical colour-contrast violations in the dark theme. */
	axeDark: AxeFinding[];
	/** The theme Starlight applied in each visit (`light`, `dark`). */
	themes: { light: string; dark: string };
	/** At 375 pixels: the document's width and the elements that stick out past the viewport. */
	narrow: { viewport: number; scrollWidth: number; scrolledBy: number; offenders: string[] };
}

async function runAxe(page: Page, rules?: string[]): Promise<AxeFinding[]> {
	return page.evaluate(async (only) => {
		type Axe = typeof import('axe-core');
		const axe = (window as unknown as { axe: Axe }).axe;
		const result = await axe.run(document, {
			resultTypes: ['violations'],
			...(only === undefined ? {} : { runOnly: { type: 'rule' as const, values: only } }),
		});
		return result.violations
			.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
			.map((violation) => ({
				rule: violation.id,
				impact: violation.impact ?? '',
				help: violation.help,
				targets: violation.nodes.slice(0, 5).map((node) => node.target.join(' ')),
			}));
	}, rules);
}

/** Links to an id on this page, and those whose target is missing. */
function inPageAnchors(page: Page): Promise<{ count: number; broken: string[] }> {
	return page.evaluate(() => {
		const here = location.origin + location.pathname;
		const links = [...document.querySelectorAll<HTMLAnchorElement>('a[href]')].filter(
			(a) => a.getAttribute('href')?.includes('#') && a.href.split('#')[0] === here,
		);
		const broken = links
			.filter((a) => {
				const id = decodeURIComponent(a.hash.slice(1));
				return id === '' || document.getElementById(id) === null;
			})
			.map((a) => a.getAttribute('href') ?? '');
		return { count: links.length, broken: [...new Set(broken)] };
	});
}

/**
 * Follows the table of contents as a reader does: each link, clicked, must set the address's
 * fragment and bring its section into view (reduced motion: the jump is immediate).
 */
function followTableOfContents(page: Page): Promise<string[]> {
	return page.evaluate(async () => {
		const missed: string[] = [];
		const links = [...document.querySelectorAll<HTMLAnchorElement>('starlight-toc nav a[href^="#"]')];
		for (const link of links) {
			const href = link.getAttribute('href') ?? '';
			link.click();
			// Two frames, or a tenth of a second where the browser runs no frames for this page.
			await new Promise((resolve) => {
				requestAnimationFrame(() => requestAnimationFrame(resolve));
				setTimeout(resolve, 100);
			});
			const target = document.getElementById(decodeURIComponent(href.slice(1)));
			const top = target?.getBoundingClientRect().top ?? Number.NaN;
			const reached = decodeURIComponent(location.hash) === decodeURIComponent(href) && top >= -1 && top < window.innerHeight;
			if (!reached) missed.push(href);
		}
		window.scrollTo(0, 0);
		return missed;
	});
}

/** At the page's current width: whether it scrolls sideways, and what sticks out. */
function horizontalOverflow(page: Page): Promise<PageReport['narrow']> {
	return page.evaluate(() => {
		const root = document.documentElement;
		window.scrollTo(10_000, 0);
		const scrolledBy = window.scrollX;
		window.scrollTo(0, 0);
		const viewport = root.clientWidth;
		const describe = (element: Element): string => {
			const parts: string[] = [];
			for (let node: Element | null = element; node !== null && parts.length < 4 && node !== document.body; node = node.parentElement) {
				const classes = [...node.classList]
					.slice(0, 2)
					.map((name) => `.${name}`)
					.join('');
				parts.unshift(`${node.tagName.toLowerCase()}${node.id ? `#${node.id}` : ''}${classes}`);
			}
			return parts.join(' > ');
		};
		// Inside a box that scrolls or clips on its own (a code block, a table wrapper), a wide
		// element is fine: only what widens the page itself counts.
		const clipped = (element: Element): boolean => {
			for (let node = element.parentElement; node !== null && node !== document.body; node = node.parentElement) {
				if (getComputedStyle(node).overflowX !== 'visible') return true;
			}
			return false;
		};
		const sticksOut = (element: Element): boolean => {
			const rect = element.getBoundingClientRect();
			return rect.width > 0 && rect.right > viewport + 1 && !clipped(element);
		};
		const offenders: string[] = [];
		for (const element of document.body.querySelectorAll('*')) {
			if (!sticksOut(element)) continue;
			// Only the outermost element that sticks out.
			const parent = element.parentElement;
			if (parent !== null && parent !== document.body && sticksOut(parent)) continue;
			offenders.push(`${describe(element)} (right edge at ${Math.round(element.getBoundingClientRect().right)}px)`);
			if (offenders.length >= 5) break;
		}
		return { viewport, scrollWidth: root.scrollWidth, scrolledBy, offenders };
	});
}

/**
 * Expressive Code makes a sideways-scrolling block focusable from a script that waits for a
 * resize observer (250 ms) and then for an idle moment; on a busy machine axe can run first and
 * find a block no keyboard can scroll. Wait for that script's work (bounded), then let axe judge:
 * a block still not focusable after it is a real finding.
 */
async function scrollableBlocksSettled(page: Page): Promise<void> {
	await page
		.waitForFunction(
			() =>
				[...document.querySelectorAll<HTMLElement>('.expressive-code pre')].every((pre) => pre.scrollWidth <= pre.clientWidth || pre.hasAttribute('tabindex')),
			undefined,
			{ timeout: 5_000, polling: 100 },
		)
		.catch(() => undefined);
}

/** One attempt at reading the page, past its deadline: names the step that was under way. */
export class PageHang extends Error {}

/**
 * How long one reading of a page may take. It takes about 5 s, but on two busy cores Chromium has
 * now and then stopped answering one page for minutes. That is the browser's stall, not the
 * page's fault: the reading is abandoned at the deadline, and tried once more on a fresh page.
 */
const attemptDeadlineMs = 50_000;

/**
 * One load of the page, read three ways: as a desktop reader in the light theme (errors, h1,
 * anchors, every axe rule), in the dark theme (the system's colour scheme switched, as Starlight
 * follows it: colour contrast), and on a 375-pixel-wide phone (sideways scrolling). A reading that
 * hangs is tried once more; a second hang fails, naming the step.
 */
export async function reportPage(context: BrowserContext, address: string): Promise<PageReport> {
	try {
		return await readPage(context, address, attemptDeadlineMs);
	} catch (error) {
		if (!(error instanceof PageHang)) throw error;
		process.stderr.write(`${address}: ${error.message}; reading it again on a fresh page\n`);
		return readPage(context, address, attemptDeadlineMs);
	}
}

/** One reading of the page, given up at `deadlineMs` with a PageHang naming the step under way. */
export async function readPage(context: BrowserContext, address: string, deadlineMs: number): Promise<PageReport> {
	const report: PageReport = {
		address,
		errors: [],
		h1Count: 0,
		brokenAnchors: [],
		anchorsNotReached: [],
		anchorCount: 0,
		axeLight: [],
		axeDark: [],
		themes: { light: '', dark: '' },
		narrow: { viewport: 0, scrollWidth: 0, scrolledBy: 0, offenders: [] },
	};
	const page = await context.newPage();
	const errors = collectErrors(page);
	let step = 'opening the page';
	let timer: NodeJS.Timeout | undefined;
	const deadline = new Promise<never>((_resolve, reject) => {
		timer = setTimeout(() => reject(new PageHang(`${step} did not finish within ${deadlineMs / 1000} s`)), deadlineMs);
	});
	const read = async (): Promise<void> => {
		await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
		await page.setViewportSize({ width: 1280, height: 800 });
		await page.goto(urlOf(address), { waitUntil: 'load' });
		step = 'adding axe-core';
		await page.addScriptTag({ url: urlOf(axeAddress) });
		step = 'reading the light theme';
		report.themes.light = (await page.getAttribute('html', 'data-theme')) ?? '';
		report.h1Count = await page.locator('h1').count();
		const anchors = await inPageAnchors(page);
		report.anchorCount = anchors.count;
		report.brokenAnchors = anchors.broken;
		step = 'following the table of contents';
		report.anchorsNotReached = await followTableOfContents(page);
		step = 'waiting for scrolling blocks';
		await scrollableBlocksSettled(page);
		step = 'axe-core in the light theme';
		report.axeLight = await runAxe(page);

		step = 'switching to the dark theme';
		await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
		await page.waitForFunction(() => document.documentElement.dataset['theme'] === 'dark', undefined, { timeout: 2_000 }).catch(() => undefined);
		report.themes.dark = (await page.getAttribute('html', 'data-theme')) ?? '';
		step = 'axe-core in the dark theme';
		report.axeDark = await runAxe(page, ['color-contrast']);

		step = 'narrowing to 375 pixels';
		await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
		await page.setViewportSize({ width: 375, height: 812 });
		await page.evaluate(
			() =>
				new Promise((resolve) => {
					requestAnimationFrame(() => requestAnimationFrame(resolve));
					setTimeout(resolve, 100);
				}),
		);
		step = 'measuring the width at 375 pixels';
		report.narrow = await horizontalOverflow(page);
	};
	try {
		await Promise.race([read(), deadline]);
	} finally {
		clearTimeout(timer);
		// A copy: whatever the page logs while it closes is not the reader's page.
		report.errors = [...errors];
		// A stalled page may not answer its close either: do not wait on it for long.
		await Promise.race([page.close().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 5_000))]);
	}
	return report;
}

/** axe's findings as lines a reader of the failure can act on: rule, impact, elements. */
export function describeFindings(findings: AxeFinding[]): string[] {
	return findings.map((finding) => `${finding.rule} (${finding.impact}): ${finding.help} at ${finding.targets.join(' | ')}`);
}
