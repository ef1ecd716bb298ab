/**
 * What the record puts on a page (marks, outputs, transcripts, store tabs, folded setup), on the
 * fixture site, whose pages hold every case whatever the chapters hold.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { HTMLElement } from 'node-html-parser';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHtml } from './built-site.ts';
import { digests, recorded, storeOutputs, transcript } from './fixture-records.ts';
import { buildFixtureSite, type FixtureSite } from './fixture-site.ts';

describe('a page whose blocks are all recorded', () => {
	let site: FixtureSite;
	const page = (path: string): HTMLElement => parseHtml(readFileSync(join(site.root, 'dist', path, 'index.html'), 'utf8'));
	const blocksFile = (path: string): { blocks: (string | null)[]; outputs: string[] } =>
		JSON.parse(readFileSync(join(site.root, 'dist', '_blocks', `${path}.json`), 'utf8')) as { blocks: (string | null)[]; outputs: string[] };
	/** A shell block's recorded output, which the page fetches from its blocks file when opened. */
	const output = (path: string, details: HTMLElement | undefined): string | undefined => blocksFile(path).outputs[Number(details?.getAttribute('data-output'))];
	/** Every code block of a page as highlighted, the lazy ones (ec-lazy.ts) from the page's blocks file. */
	const highlighted = (path: string): HTMLElement[] => {
		const { blocks } = blocksFile(path);
		// In page order: the highlighted groups and the plain blocks that stand for the others.
		return page(path)
			.querySelectorAll('.expressive-code, pre.lb-plain[data-index]')
			.filter((node) => node.closest('noscript') === null)
			.map((node) => (node.classList.contains('lb-plain') ? parseHtml(blocks[Number(node.getAttribute('data-index'))] ?? '') : node));
	};
	const transcripts = (): HTMLElement[] => highlighted('page').filter((block) => block.querySelector('pre[data-language="console"]') !== null);

	beforeAll(async () => {
		site = await buildFixtureSite(recorded);
		if (!site.build.ok) throw new Error(`the fixture site did not build:\n${site.build.output}`);
	}, 120_000);
	afterAll(() => site?.remove());

	test.each([
		[
			'page',
			'이 장의 예제는 2026-11-24에 Docker Engine 28.5.2의 containerd 이미지 스토어와 클래식 이미지 스토어(overlay2)에서 실행해 검증했습니다.',
			'검증됨 · 두 이미지 스토어',
			'실행하지 않음: 도커 허브가 필요합니다',
		],
		[
			'en/page',
			"This chapter's examples were run and checked on Docker Engine 28.5.2 with the containerd image store and the classic store (overlay2) on 2026-11-24.",
			'Verified on both image stores',
			'Not run: Needs Docker Hub',
		],
	])('%s says once, at the top, where and when it ran, and marks each block that ran or was not run', (path, top, passed, skipped) => {
		const content = page(path).querySelector('.sl-markdown-content');
		expect(content?.querySelector('.lb-chapter-verified')?.text).toBe(top);
		expect(content?.querySelectorAll('.lb-chapter-verified')).toHaveLength(1);
		const marks = page(path).querySelectorAll('.lb-verified');
		// Two shell blocks, two transcripts and the skipped block; the file (only written) and the `text` synopsis are not marked.
		expect(marks.map((mark) => mark.getAttribute('data-status'))).toEqual(['passed', 'passed', 'passed', 'passed', 'skipped']);
		expect(marks[2]?.text).toBe(passed);
		expect(marks[4]?.text).toBe(skipped);
	});

	test('a passed shell block shows its recorded output, collapsed, as plain text fetched when opened', () => {
		const details = page('page').querySelectorAll('details.lb-verified');
		expect(details).toHaveLength(2);
		expect(details[0]?.getAttribute('open')).toBeUndefined();
		expect(details[0]?.querySelector('summary')?.text).toBe('검증됨 · 두 이미지 스토어 · 실행 결과');
		expect(page('en/page').querySelector('details.lb-verified summary')?.text).toBe('Verified on both image stores · Output');
		// Not in the page until opened: one empty element.
		expect(details[0]?.querySelector('pre.lb-output')?.text).toBe('');
		const shown = output('page', details[0]);
		expect(shown).toBe('hello');
		expect(shown).not.toContain('\u001b');
	});

	test('a long output is shortened with a visible marker', () => {
		const lines = output('page', page('page').querySelectorAll('details.lb-verified')[1])?.split('\n');
		expect(lines?.slice(0, 2)).toEqual(['1', '2']);
		expect(lines).toContain('… 60줄 생략 …');
		expect(lines?.at(-1)).toBe('100');
	});

	test('a transcript shows what the engine printed, not the pattern, with what varies marked, and copies the commands only', () => {
		const figure = transcripts()[0];
		const lines = figure?.querySelectorAll('.ec-line') ?? [];
		const shown = lines.map((line) => {
			for (const hidden of line.querySelectorAll('.sr-only')) hidden.remove();
			return line.text;
		});
		expect(shown).toEqual(transcript.split('\n'));
		const marks = lines.at(-1)?.querySelectorAll('.lb-vary') ?? [];
		expect(marks.map((mark) => mark.text)).toEqual(['f99f0448162a', '2 hours ago', '3.11MB']);
		expect(marks[0]?.getAttribute('title')).toBe('이 값은 실행할 때마다 다릅니다');
		expect(
			highlighted('en/page')
				.find((block) => block.querySelector('.lb-vary') !== null)
				?.querySelector('.lb-vary .sr-only')?.text,
		).toBe(' (differs on every run)');
		const copied = figure?.querySelector('.copy button')?.getAttribute('data-code');
		expect(copied?.split('\u007f')).toEqual(['docker run --rm busybox echo hi', 'docker image ls \\', '    --filter reference=busybox']);
	});

	test('lines a ... absorbed fold behind one line that holds them as text', () => {
		const figure = transcripts()[1];
		const fold = figure?.querySelector('details.lb-fold');
		expect(fold?.querySelector('summary')?.text).toBe('… 8줄 더 보기 (실행할 때마다 다른 부분)');
		expect(fold?.querySelector('span')?.text).toBe(['2', '3', '4', '5', '6', '7', '8', '9'].join('\n'));
		expect(figure?.querySelectorAll('.ec-line').at(-1)?.text).toBe('10');
	});

	test('setup folds into one line naming its files, with its blocks inert in a noscript and a link to where they were explained', () => {
		const group = page('page').querySelector('.lb-setup');
		expect(group?.querySelector('summary')?.text).toBe('준비 파일 1개(server.js)를 만듭니다');
		expect(group?.querySelector('details > noscript.lb-setup__body')).not.toBeNull();
		expect(group?.querySelector('.lb-setup__from a')?.getAttribute('href')).toBe('/introduction/');
		expect(page('en/page').querySelector('.lb-setup__from a')?.getAttribute('href')).toBe('/en/introduction/');
	});

	test('past its first blocks, a page carries plain text, and the highlighted block in its blocks file', () => {
		const lazy = page('page').querySelectorAll('pre.lb-plain[data-index]');
		expect(lazy.length).toBeGreaterThan(0);
		expect(page('page').querySelectorAll('.expressive-code')[0]?.querySelector('.frame')).not.toBeNull();
		const figure = lazy.find((candidate) => candidate.getAttribute('data-language') === 'console');
		// The recorded transcript as text: one element, no wrapper, no per-token or per-line markup.
		expect(figure?.text).toBe(transcript);
		expect(figure?.querySelectorAll('*')).toHaveLength(0);
		expect(figure?.parentNode?.classList.contains('expressive-code')).toBe(false);
	});

	test.each([
		{
			path: 'stores',
			// The tabs' labels are the same in both languages: Starlight keeps the reader's choice by label.
			labels: ['containerd (overlayfs)', 'classic (overlay2)'],
			marks: ['검증됨 · containerd 이미지 스토어', '검증됨 · 클래식 이미지 스토어(overlay2)'],
			both: '검증됨 · 두 이미지 스토어',
			output: '실행 결과',
		},
		{
			path: 'en/stores',
			labels: ['containerd (overlayfs)', 'classic (overlay2)'],
			marks: ['Verified on the containerd image store', 'Verified on the classic store (overlay2)'],
			both: 'Verified on both image stores',
			output: 'Output',
		},
	])('$path shows each store pair as two synced tabs, one per store, each with its block and its own mark', ({ path, labels, marks, both, output }) => {
		const content = page(path).querySelector('.sl-markdown-content');
		const sets = content?.querySelectorAll('starlight-tabs') ?? [];
		// Two pairs: a transcript's, then a shell block's (whose marks open its output).
		expect(sets).toHaveLength(2);
		sets.forEach((set, pair) => {
			expect(set.getAttribute('data-sync-key')).toBe('image-store');
			expect(set.querySelectorAll('[role="tab"]').map((tab) => tab.text.trim())).toEqual(labels);
			const panels = set.querySelectorAll('[role="tabpanel"]');
			expect(panels).toHaveLength(2);
			expect(panels.map((panel) => panel.hasAttribute('hidden'))).toEqual([false, true]);
			for (const [index, panel] of panels.entries()) {
				expect(panel.querySelectorAll('.expressive-code, pre.lb-plain[data-index]')).toHaveLength(1);
				const mark = panel.querySelectorAll('.lb-verified');
				expect(mark).toHaveLength(1);
				expect(mark[0]?.getAttribute('data-status')).toBe('passed');
				expect(pair === 0 ? mark[0]?.text : mark[0]?.querySelector('summary')?.text).toBe(pair === 0 ? marks[index] : `${marks[index]} · ${output}`);
			}
		});
		// The blocks before the pairs ran on both stores, and say so.
		const outside = (content?.querySelectorAll('.lb-verified') ?? []).filter((mark) => mark.closest('starlight-tabs') === null);
		expect(outside.map((mark) => mark.querySelector('summary')?.text ?? mark.text)).toEqual([`${both} · ${output}`, both]);
	});

	test("each tab of a pair shows its own store's recorded output, and a transcript's copies only its commands", () => {
		const [transcripts, shells] = page('stores').querySelectorAll('starlight-tabs');
		const shown = transcripts?.querySelectorAll('[role="tabpanel"]').map((panel) => panel.querySelector('pre.lb-plain')?.text);
		expect(shown).toEqual([storeOutputs[2], storeOutputs[3]]);
		expect(shown?.[1]).toContain(digests.classic);
		const opened = shells?.querySelectorAll('[role="tabpanel"] details.lb-verified').map((details) => output('stores', details));
		expect(opened).toEqual([storeOutputs[4], storeOutputs[5]]);
		// The classic half, highlighted as the page swaps it in when its tab is chosen.
		const classic = transcripts?.querySelectorAll('[role="tabpanel"]')[1]?.querySelector('pre.lb-plain');
		const highlightedClassic = parseHtml(blocksFile('stores').blocks[Number(classic?.getAttribute('data-index'))] ?? '');
		const lines = highlightedClassic.querySelectorAll('.ec-line').map((line) => {
			for (const hidden of line.querySelectorAll('.sr-only')) hidden.remove();
			return line.text;
		});
		expect(lines).toEqual(storeOutputs[3]?.split('\n'));
		// What `[..]` matched is marked as varying, as in any transcript.
		expect(highlightedClassic.querySelector('.lb-vary')?.text).toContain('0'.repeat(64));
		expect(highlightedClassic.querySelector('.copy button')?.getAttribute('data-code')).toBe("docker image inspect -f '{{.Id}}' busybox");
	});

	test('a page without a store pair has no tabs', () => {
		expect(page('page').querySelector('starlight-tabs')).toBeNull();
		expect(page('stores-again').querySelectorAll('starlight-tabs')).toHaveLength(1);
	});

	test('a shell block copies as it is', () => {
		const copied = page('page').querySelector('.expressive-code .copy button')?.getAttribute('data-code');
		expect(copied).toBe("printf 'hello\\n'");
	});
});

describe('a page with a block the record does not cover', () => {
	test('fails the build, naming the block at file:line and the command that fixes it', async () => {
		// The second shell block (`seq 1 100`, line 13) is left out of the record.
		const site = await buildFixtureSite((block, index, store, name) => (name === 'page' && index === 1 ? undefined : recorded(block, index, store, name)));
		try {
			expect(site.build.ok).toBe(false);
			// Astro stops at the first page it renders, the original or its translation: both hold
			// the block at line 13, and the translation shows the original's record.
			expect(site.build.output).toMatch(/src\/content\/docs\/(en\/)?page\.mdx:13: shell block is not in the record/);
			expect(site.build.output).toContain('npm run record');
			expect(site.build.output).not.toContain('page.mdx:7:');
		} finally {
			site.remove();
		}
	}, 120_000);
});
