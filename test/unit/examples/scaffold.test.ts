/** scripts/examples/scaffold.ts: `npm run new-chapter` writes a chapter that passes the project's checks, or nothing. */
import { cp, mkdir, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Chapter, loadChapterFile } from '../../../scripts/examples/chapter.ts';
import { recordProblems, translationProblems } from '../../../scripts/examples/record-check.ts';
import { recordedChapter } from '../../../scripts/examples/record.ts';
import type { ChapterResult } from '../../../scripts/examples/result.ts';
import type { VerificationRecord } from '../../../src/contract/record.ts';
import { repositoryRoot } from '../../../scripts/host/repository.ts';
import { ScaffoldError, scaffoldChapter, withEntry } from '../../../scripts/examples/scaffold.ts';
import { type ChapterEntry, chapters } from '../../../src/contract/chapters.ts';
import { isExecutable } from '../../../src/contract/block.ts';
import { retiredIn } from '../../../src/terminology.ts';

// Never in the repository: a copy of what the scaffold reads and writes, in a temp dir.
let root: string;

beforeEach(async () => {
	root = await mkdtemp(join(tmpdir(), 'layerbook-scaffold-'));
	await mkdir(join(root, 'src', 'contract'), { recursive: true });
	await cp(join(repositoryRoot, 'src', 'contract', 'chapters.ts'), join(root, 'src', 'contract', 'chapters.ts'));
	await mkdir(join(root, 'src', 'content', 'docs', 'en'), { recursive: true });
	await cp(join(repositoryRoot, 'src', 'content', 'docs', 'introduction.mdx'), join(root, 'src', 'content', 'docs', 'introduction.mdx'));
});

afterEach(async () => {
	await rm(root, { recursive: true, force: true });
});

async function load(path: string, slug: string): Promise<Chapter> {
	return loadChapterFile(join(root, path), slug);
}

describe('scaffoldChapter', () => {
	it('writes both pages, the test file and the list entry, numbered next, before the reference pages', async () => {
		const written = await scaffoldChapter(root, { slug: 'multi-platform', ko: '멀티 플랫폼 이미지', en: 'Multi-platform images' });
		expect(written).toEqual([
			'src/content/docs/multi-platform.mdx',
			'src/content/docs/en/multi-platform.mdx',
			'test/examples/chapters/multi-platform.test.ts',
			'src/contract/chapters.ts',
		]);
		const list = (await import(pathToFileURL(join(root, 'src', 'contract', 'chapters.ts')).href)) as { chapters: ChapterEntry[] };
		const number = chapters.filter((entry) => entry.kind === 'chapter').length + 1;
		const index = list.chapters.findIndex((entry) => entry.slug === 'multi-platform');
		expect(list.chapters[index]).toEqual({
			slug: 'multi-platform',
			label: { ko: `${number}. 멀티 플랫폼 이미지`, en: `${number}. Multi-platform images` },
			kind: 'chapter',
		});
		expect(list.chapters[index - 1]?.kind).toBe('chapter');
		expect(list.chapters.slice(index + 1).every((entry) => entry.kind === 'reference')).toBe(true);
		expect(list.chapters.filter((entry) => entry.slug !== 'multi-platform')).toEqual(chapters);

		const ko = await load(written[0] ?? '', 'multi-platform');
		const en = await load(written[1] ?? '', 'en/multi-platform');
		expect(ko.source).toMatch(new RegExp(`^---\\ntitle: ${number}\\. 멀티 플랫폼 이미지\\n`));
		expect(en.source).toMatch(new RegExp(`^---\\ntitle: ${number}\\. Multi-platform images\\n`));
		for (const heading of ['## 흔한 함정', '<Aside type="caution"', '## 직접 해 보기', '<summary>풀이</summary>', '## 정리하기', '이 장을 마치면']) {
			expect(ko.source).toContain(heading);
		}
		for (const heading of ['## Common pitfalls', '## Try it yourself', '<summary>Solution</summary>', '## Cleaning up', 'By the end of this chapter']) {
			expect(en.source).toContain(heading);
		}
		// A first verified block, an exercise's block and the cleanup: and the translation holds them.
		expect(ko.blocks.filter(isExecutable).map((block) => block.kind)).toEqual(['console', 'console', 'shell']);
		expect(translationProblems(ko, en)).toEqual([]);
		// Once recorded (every block passed), record:check has nothing to say about it.
		const executable = ko.blocks.filter(isExecutable);
		const run: ChapterResult = {
			slug: 'multi-platform',
			file: ko.file,
			status: 'passed',
			date: '2026-01-01T00:00:00.000Z',
			durationMs: 1000,
			blocks: executable.map((block) => ({
				file: block.file,
				line: block.line,
				kind: block.kind,
				hash: block.hash,
				label: '',
				status: 'passed',
				durationMs: 1,
			})),
		};
		const entry = recordedChapter(run, executable, { baseImages: [] } as never);
		const column = { chapters: { 'multi-platform': entry } };
		expect(recordProblems(ko, { stores: { containerd: column, classic: column } } as unknown as VerificationRecord)).toEqual([]);
		expect(ko.source.split('\n').flatMap((line) => retiredIn(line))).toEqual([]);
		expect(await readFile(join(root, written[2] ?? ''), 'utf8')).toBe(
			"import { declareChapter } from '../declare-chapter.ts';\n\nawait declareChapter('multi-platform');\n",
		);
	});

	it('refuses a slug that is taken, or that is not a slug, and then writes nothing', async () => {
		const before = await readFile(join(root, 'src', 'contract', 'chapters.ts'), 'utf8');
		await expect(scaffoldChapter(root, { slug: 'introduction', ko: '가', en: 'A' })).rejects.toThrow(/"introduction" is already in the list/);
		for (const slug of ['Multi', 'two words', 'a--b', '-a', 'a/b', '']) {
			await expect(scaffoldChapter(root, { slug, ko: '가', en: 'A' }), slug).rejects.toThrow(ScaffoldError);
		}
		await expect(scaffoldChapter(root, { slug: 'fine', ko: ' ', en: 'A' })).rejects.toThrow(/Korean title/);
		expect(await readFile(join(root, 'src', 'contract', 'chapters.ts'), 'utf8')).toBe(before);
		expect(await readdir(join(root, 'src', 'content', 'docs', 'en'))).toEqual([]);
	});

	it('refuses a slug whose page exists though the list lacks it', async () => {
		await cp(join(root, 'src', 'content', 'docs', 'introduction.mdx'), join(root, 'src', 'content', 'docs', 'draft.mdx'));
		await expect(scaffoldChapter(root, { slug: 'draft', ko: '가', en: 'A' })).rejects.toThrow('src/content/docs/draft.mdx already exists');
	});
});

describe('withEntry', () => {
	it('quotes titles safely', () => {
		const { text } = withEntry("export const chapters = [\n\t{ slug: 'a', label: { ko: 'A', en: 'A' }, kind: 'chapter' },\n];\n", {
			slug: 'b',
			ko: "도커의 '캐시'",
			en: "Docker's cache",
		});
		expect(text).toContain("{ slug: 'b', label: { ko: '2. 도커의 \\'캐시\\'', en: '2. Docker\\'s cache' }, kind: 'chapter' },\n];");
	});
});
