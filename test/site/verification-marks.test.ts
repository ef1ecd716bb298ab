import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { HTMLElement } from 'node-html-parser';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RecordedBlock } from '../../src/contract/record.ts';
import { parseHtml } from './built-site.ts';
import { buildFixtureSite, type FixtureSite } from './fixture-site.ts';

const transcript = [
	'$ docker run --rm busybox echo hi',
	'hi',
	'$ docker image ls \\',
	'    --filter reference=busybox',
	'REPOSITORY   TAG       IMAGE ID       CREATED        SIZE',
	'busybox      latest    f99f0448162a   2 hours ago    3.11MB',
].join('\n');
const outputs = ['\u001b[32mhello\u001b[0m', Array.from({ length: 100 }, (_, i) => String(i + 1)).join('\n'), transcript];

function recorded(block: { hash: string; line: number; kind: string; meta: { skip?: string | undefined } }, index: number): RecordedBlock {
	const kind = block.kind as RecordedBlock['kind'];
	return block.meta.skip === undefined
		? { hash: block.hash, file: 'src/content/docs/page.mdx', line: block.line, kind, status: 'passed', durationMs: 5, output: outputs[index] ?? '' }
		: { hash: block.hash, file: 'src/content/docs/page.mdx', line: block.line, kind, status: 'skipped', reason: block.meta.skip, durationMs: 0 };
}

describe('a page whose blocks are all recorded', () => {
	let site: FixtureSite;
	const page = (path: string): HTMLElement => parseHtml(readFileSync(join(site.root, 'dist', path, 'index.html'), 'utf8'));

	beforeAll(async () => {
		site = await buildFixtureSite(recorded);
		if (!site.build.ok) throw new Error(`the fixture site did not build:\n${site.build.output}`);
	}, 120_000);
	afterAll(() => site?.remove());

	test.each([
		['page', '검증됨: Docker Engine 28.5.2 (containerd 이미지 저장소)에서 실행, 2026-11-24', '실행하지 않음: 도커 허브가 필요합니다'],
		['en/page', 'Verified: run on Docker Engine 28.5.2 (containerd image store), 2026-11-24', 'Not run: Needs Docker Hub'],
	])('%s marks every executable block, as text, in its language', (path, passed, skipped) => {
		const marks = page(path).querySelectorAll('.lb-verified');
		// Two shell blocks, the transcript, the skipped block and the file: the `text` synopsis is not marked.
		expect(marks.map((mark) => mark.getAttribute('data-status'))).toEqual(['passed', 'passed', 'passed', 'skipped', 'passed']);
		expect(marks[0]?.querySelector('.lb-verified__status')?.text).toBe(passed);
		expect(marks[3]?.querySelector('.lb-verified__status')?.text).toBe(skipped);
	});

	test('a passed shell block shows its recorded output, collapsed, with its colours rendered', () => {
		const details = page('page').querySelectorAll('.lb-verified details');
		expect(details).toHaveLength(2);
		expect(details[0]?.getAttribute('open')).toBeUndefined();
		expect(details[0]?.querySelector('summary')?.text).toBe('실행 결과');
		expect(page('en/page').querySelector('.lb-verified details summary')?.text).toBe('Output');
		const first = details[0]?.querySelector('pre');
		expect(first?.text).toBe('hello');
		expect(first?.toString()).not.toContain('\u001b');
		// Expressive Code gives the coloured text a colour of its own.
		expect(first?.querySelector('span[style*="--0:"]')?.text).toBe('hello');
	});

	test('a long output is shortened with a visible marker', () => {
		const lines = page('page')
			.querySelectorAll('.lb-verified details')[1]
			?.querySelectorAll('.ec-line')
			.map((line) => line.text);
		expect(lines?.slice(0, 2)).toEqual(['1', '2']);
		expect(lines).toContain('… 60줄 생략 …');
		expect(lines?.at(-1)).toBe('100');
	});

	test('a transcript shows what the engine printed, not the pattern, and its copy button copies the commands only', () => {
		// The page's own blocks, not the recorded outputs under them.
		const blocks = page('page')
			.querySelectorAll('.expressive-code')
			.filter((block) => block.closest('.lb-verified') === null);
		const figure = blocks[2];
		const shown = figure?.querySelectorAll('.ec-line').map((line) => line.text);
		expect(shown).toEqual(transcript.split('\n'));
		expect(figure?.querySelector('pre')?.text).not.toContain('...');
		const mark = figure?.nextElementSibling;
		expect(mark?.getAttribute('data-status')).toBe('passed');
		expect(mark?.querySelector('details')).toBeNull();
		const copied = figure?.querySelector('.copy button')?.getAttribute('data-code');
		expect(copied?.split('\u007f')).toEqual(['docker run --rm busybox echo hi', 'docker image ls \\', '    --filter reference=busybox']);
	});

	test('a shell block copies as it is', () => {
		const copied = page('page').querySelector('.expressive-code .copy button')?.getAttribute('data-code');
		expect(copied).toBe("printf 'hello\\n'");
	});
});

describe('a page with a block the record does not cover', () => {
	test('fails the build, naming the block at file:line and the command that fixes it', async () => {
		// The second shell block (`seq 1 100`, line 13) is left out of the record.
		const site = await buildFixtureSite((block, index) => (index === 1 ? undefined : recorded(block, index)));
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
