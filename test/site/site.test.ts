/**
 * The built guide as a reader gets it, read from dist/: languages, sidebar, links, search index
 * and what each page shows of the record.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { chapters } from '../../src/contract/chapters.ts';
import { type Block, isExecutable } from '../../src/contract/block.ts';
import { extractBlocks } from '../../src/contract/extract.ts';
import { recordedChapterOn } from '../../src/contract/record.ts';
import { imageStores } from '../../src/contract/store.ts';
import { engineName } from '../../src/verification/labels.ts';
import { readRecordSync } from '../../src/verification/record-file.ts';
import { builtPage, distDir } from './built-site.ts';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

const locales = [
	{ lang: 'ko', prefix: '/', label: 'ko' as const, other: 'en' },
	{ lang: 'en', prefix: '/en/', label: 'en' as const, other: 'ko' },
];

describe.each(locales)('the $lang guide', ({ lang, prefix, label }) => {
	test.each(chapters.map((chapter) => chapter.slug))(`${prefix}%s/ is built in ${lang}`, (slug) => {
		const page = builtPage(`${prefix}${slug}/`);
		expect(page.querySelector('html')?.getAttribute('lang')).toBe(lang);
		expect(page.querySelectorAll('h1')).toHaveLength(1);
		// Inline code needs no bidi isolation on a left-to-right page: the attribute is left out.
		expect(page.querySelector('html')?.getAttribute('dir')).toBe('ltr');
		expect(page.querySelectorAll('main code[dir]')).toHaveLength(0);
	});

	test('the home page is built in its language', () => {
		expect(builtPage(prefix).querySelector('html')?.getAttribute('lang')).toBe(lang);
	});

	test('the sidebar lists the chapters in reading order, with labels in the page language', () => {
		const page = builtPage(`${prefix}introduction/`);
		const links = page.querySelectorAll('ul.top-level > li > a').map((a) => ({
			href: a.getAttribute('href'),
			text: a.text.trim(),
		}));
		expect(links).toEqual(chapters.map((chapter) => ({ href: `${prefix}${chapter.slug}/`, text: chapter.label[label] })));
	});

	test('every page offers the language picker, leading to the same page in each language', () => {
		for (const chapter of chapters) {
			const picker = builtPage(`${prefix}${chapter.slug}/`).querySelector('starlight-lang-select');
			const options = (picker?.querySelectorAll('option') ?? []).map((option) => ({
				value: option.getAttribute('value'),
				text: option.text.trim(),
			}));
			expect(options, chapter.slug).toEqual([
				{ value: `/${chapter.slug}/`, text: '한국어' },
				{ value: `/en/${chapter.slug}/`, text: 'English' },
			]);
		}
	});

	test('the code copy button speaks the page language', () => {
		const button = builtPage(`${prefix}introduction/`).querySelector('.expressive-code .copy button');
		expect(button?.getAttribute('title')).toBe(lang === 'ko' ? '클립보드에 복사' : 'Copy to clipboard');
		expect(button?.getAttribute('data-copied')).toBe(lang === 'ko' ? '복사했습니다!' : 'Copied!');
	});

	test('pages link to their source for editing', () => {
		const edit = builtPage(`${prefix}introduction/`).querySelector('a[href*="/edit/main/src/content/docs/"]');
		expect(edit?.getAttribute('href')).toMatch(new RegExp(`/edit/main/src/content/docs/${lang === 'en' ? 'en/' : ''}introduction\\.mdx$`));
	});
});

describe('the whole site', () => {
	test('Pagefind indexes pages in both languages', () => {
		const entry: unknown = JSON.parse(readFileSync(`${distDir}pagefind/pagefind-entry.json`, 'utf8'));
		expect(entry).toMatchObject({
			languages: {
				ko: { page_count: expect.any(Number) },
				en: { page_count: expect.any(Number) },
			},
		});
		const languages = (entry as { languages: Record<string, { page_count: number }> }).languages;
		// Every chapter page plus the home page, in each language.
		expect(languages['ko']?.page_count).toBeGreaterThanOrEqual(chapters.length + 1);
		expect(languages['en']?.page_count).toBeGreaterThanOrEqual(chapters.length + 1);
	});

	test('a 404 page speaks to readers of both languages', () => {
		expect(existsSync(`${distDir}404.html`)).toBe(true);
		const text = builtPage('/404.html').querySelector('main')?.text ?? '';
		expect(text).toContain('페이지를 찾을 수 없습니다');
		expect(text).toContain('Page not found');
	});

	test('committed pages show when they were last updated', () => {
		// Starlight reads the date from git, so this holds for every committed chapter (as in CI).
		const time = builtPage('/introduction/').querySelector('time[datetime]');
		expect(time?.getAttribute('datetime')).toMatch(/^\d{4}-\d{2}-\d{2}T/);
	});
});

describe('verified on the page', () => {
	const record = readRecordSync(projectRoot);

	test.each(locales)('every executable block of every $lang chapter carries its mark', ({ prefix }) => {
		for (const chapter of chapters) {
			const source = readFileSync(`${projectRoot}/src/content/docs/${prefix === '/' ? '' : 'en/'}${chapter.slug}.mdx`, 'utf8');
			// The page shows the containerd column's entry, or a pair's classic half's own.
			const recorded = imageStores.flatMap((store) => recordedChapterOn(record, store, chapter.slug)?.blocks ?? []);
			// A file block that was written needs no mark of its own (the chapter's line says where it ran).
			const written = (block: Block): boolean =>
				block.kind === 'file' &&
				recorded.some((entry) => (prefix === '/' ? entry.hash === block.hash : entry.parity === block.parity) && entry.status === 'passed');
			const marked = extractBlocks(chapter.slug, source)
				.filter(isExecutable)
				.filter((block) => !written(block));
			const marks = builtPage(`${prefix}${chapter.slug}/`).querySelectorAll('.lb-verified');
			expect(marks, chapter.slug).toHaveLength(marked.length);
			// The build refuses stale blocks, so a built page only ever says passed or skipped.
			for (const mark of marks) expect(['passed', 'skipped']).toContain(mark.getAttribute('data-status'));
		}
	});

	test.each(locales)('every store pair of every $lang chapter is two synced tabs, each half with the mark of its own store', ({ lang, prefix }) => {
		// The same labels in both languages, so the reader's choice holds across them; the marks are in the page's.
		const labels = ['containerd (overlayfs)', 'classic (overlay2)'];
		const stores = lang === 'ko' ? ['containerd 이미지 스토어', '클래식 이미지 스토어(overlay2)'] : ['containerd image store', 'classic store (overlay2)'];
		const marks = lang === 'ko' ? stores.map((store) => `검증됨 · ${store}`) : stores.map((store) => `Verified on the ${store}`);
		for (const chapter of chapters) {
			const source = readFileSync(`${projectRoot}/src/content/docs/${prefix === '/' ? '' : 'en/'}${chapter.slug}.mdx`, 'utf8');
			const pairs = extractBlocks(chapter.slug, source).filter((block) => block.meta.store === 'containerd').length;
			const sets = builtPage(`${prefix}${chapter.slug}/`).querySelectorAll('starlight-tabs');
			expect(sets, chapter.slug).toHaveLength(pairs);
			for (const set of sets) {
				expect(set.getAttribute('data-sync-key')).toBe('image-store');
				expect(set.querySelectorAll('[role="tab"]').map((tab) => tab.text.trim())).toEqual(labels);
				const shown = set.querySelectorAll('[role="tabpanel"]').map((panel) => {
					const mark = panel.querySelectorAll('.lb-verified');
					return mark.length === 1 ? (mark[0]?.querySelector('summary')?.text ?? mark[0]?.text ?? '') : `${mark.length} marks`;
				});
				expect(
					shown.map((text, index) => text.startsWith(marks[index] ?? '-')),
					`${chapter.slug}: ${shown.join(' / ')}`,
				).toEqual([true, true]);
			}
		}
	});

	test.each(locales)('the $lang verification page lists every recorded chapter, what passed on each image store, and the base images', ({ prefix }) => {
		expect(record, 'src/data/record.json').toBeDefined();
		if (record === undefined) return;
		const page = builtPage(`${prefix}verification/`);
		const rows = page.querySelectorAll('tr[data-chapter]');
		expect(rows.map((row) => row.getAttribute('data-chapter'))).toEqual(
			chapters.map((chapter) => chapter.slug).filter((slug) => imageStores.some((store) => recordedChapterOn(record, store, slug) !== undefined)),
		);
		for (const row of rows) {
			const slug = row.getAttribute('data-chapter') ?? '';
			expect(row.querySelector('th a')?.getAttribute('href')).toBe(`${prefix}${slug}/`);
			for (const store of imageStores) {
				const recorded = recordedChapterOn(record, store, slug);
				const passed = recorded?.blocks.filter((block) => block.status === 'passed').length;
				const cell = row.querySelector(`td[data-store="${store}"]`);
				if (recorded === undefined) {
					expect(cell?.text, `${slug} on ${store}`).toBe(prefix === '/' ? '기록 없음' : 'not recorded');
					continue;
				}
				expect(cell?.querySelector('[data-passed]')?.text, `${slug} on ${store}`).toBe(String(passed));
				// The time of that store's run, not of both together.
				expect(cell?.text, `${slug} on ${store}`).toContain((recorded.durationMs / 1000).toFixed(1));
			}
		}
		// The reading order's row, last: each store's run that passed, its blocks and time.
		const readingOrder = page.querySelector('tr[data-reading-order]');
		expect(
			page
				.querySelectorAll('tbody tr')
				.filter((row) => row.getAttribute('data-chapter') !== undefined || row.getAttribute('data-reading-order') !== undefined)
				.at(-1),
		).toBe(readingOrder);
		for (const store of imageStores) {
			const run = record.readingOrder?.[store];
			const cell = readingOrder?.querySelector(`td[data-store="${store}"]`);
			if (run === undefined) expect(cell?.text, `reading order on ${store}`).toBe(prefix === '/' ? '기록 없음' : 'not recorded');
			else {
				expect(cell?.querySelector('[data-passed]')?.text, `reading order on ${store}`).toBe(String(run.passed));
				expect(cell?.text, `reading order on ${store}`).toContain((run.durationMs / 1000).toFixed(1));
			}
		}
		const main = page.querySelector('main');
		for (const store of imageStores) {
			const column = record.stores[store];
			const engine = main?.querySelector(`dd[data-store="${store}"]`)?.text;
			if (column === undefined) expect(engine, store).toBeUndefined();
			else expect(engine, store).toContain(engineName(column.engine));
		}
		const text = main?.text ?? '';
		for (const image of record.baseImages) {
			expect(text).toContain(image.name);
			expect(text).toContain(image.digest);
			if (image.standIn !== null) expect(text).toContain(image.standIn.builtFrom);
		}
	});
});
