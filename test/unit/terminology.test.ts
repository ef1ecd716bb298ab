import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { chapters } from '../../src/contract/chapters.ts';
import { glossary, retiredIn } from '../../src/terminology.ts';

const docs = fileURLToPath(new URL('../../src/content/docs/', import.meta.url));
const koreanPages = readdirSync(docs).filter((name) => name.endsWith('.mdx') || name.endsWith('.md'));

/** Every retired wording on a Korean page, as `page:line: "retired" (use …)`. */
function retiredWordings(page: string, text: string): string[] {
	return text.split('\n').flatMap((line, index) => retiredIn(line).map(({ retired, use }) => `${page}:${index + 1}: "${retired}" (use ${use})`));
}

describe.each(koreanPages)('%s', (page) => {
	it("uses the guide's terms, none of the retired wordings", () => {
		expect(retiredWordings(page, readFileSync(join(docs, page), 'utf8'))).toEqual([]);
	});
});

describe('the retired-wording check', () => {
	it('fails on a page that uses a retired wording', () => {
		const fixture = [
			'컨테이너의 쓰기 층에 파일이 쌓입니다.',
			'docker pause는 컨테이너를 얼립니다.',
			'앱이 8080번 포트에서 듣습니다.',
			'SIGTERM 처리기를 등록합니다.',
			'이름 없는 볼륨이 남습니다.',
			'nginx의 새 판을 받습니다.',
			'이것은 옛 판입니다.',
			'그 까닭은 캐시 키에 있습니다.',
			'다이제스트, 곧 매니페스트의 해시입니다.',
		].join('\n');
		expect(retiredWordings('fixture.mdx', fixture)).toEqual([
			'fixture.mdx:1: "쓰기 층" (use 쓰기 가능한 레이어)',
			'fixture.mdx:2: "얼리다" (use 일시 정지)',
			'fixture.mdx:3: "듣습니다" (use 요청을 기다립니다)',
			'fixture.mdx:4: "처리기" (use 핸들러)',
			'fixture.mdx:5: "이름 없는 볼륨" (use 익명 볼륨)',
			'fixture.mdx:6: "판 (버전)" (use 버전)',
			'fixture.mdx:7: "판 (버전)" (use 버전)',
			'fixture.mdx:8: "까닭" (use 이유)',
			'fixture.mdx:9: ", 곧 (즉)" (use 즉, 다시 말해)',
		]);
	});

	it('does not mistake words that only contain a retired one', () => {
		const fixture = ['판단은 여러분의 몫입니다.', '게시판을 봅니다.', '출판된 문서입니다.', '곧 다음 장에서 봅니다.', '판별합니다.'].join('\n');
		expect(retiredWordings('fixture.mdx', fixture)).toEqual([]);
	});
});

describe('the glossary', () => {
	const slugs = new Set(chapters.map(({ slug }) => slug));
	const chapterTexts = chapters.filter(({ kind }) => kind !== 'reference').map(({ slug }) => ({ slug, text: readFileSync(join(docs, `${slug}.mdx`), 'utf8') }));

	it.each(glossary.map((term) => [term.ko, term] as const))('%s links to a chapter of the guide', (_ko, term) => {
		expect(slugs.has(term.chapter), `${term.ko}: no chapter "${term.chapter}" in src/contract/chapters.ts`).toBe(true);
		expect(chapters.find(({ slug }) => slug === term.chapter)?.kind).not.toBe('reference');
	});

	it.each(glossary.map((term) => [term.ko, term] as const))('%s is a term a chapter uses', (_ko, term) => {
		const users = chapterTexts.filter(({ text }) => text.includes(term.ko)).map(({ slug }) => slug);
		expect(users, `no chapter uses the glossary term "${term.ko}"`).not.toEqual([]);
	});

	it('uses no retired wording in its Korean definitions', () => {
		const found = glossary.flatMap((term) => retiredWordings(`glossary ${term.ko}`, `${term.ko} ${term.koAlso ?? ''} ${term.definition.ko}`));
		expect(found).toEqual([]);
	});

	it('holds each term once', () => {
		const names = glossary.map(({ ko }) => ko);
		expect(names.filter((name, index) => names.indexOf(name) !== index)).toEqual([]);
	});
});
