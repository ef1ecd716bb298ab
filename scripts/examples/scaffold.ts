/**
 * `npm run new-chapter`: everything a new chapter needs, in the places the guide looks for it: its
 * two pages, its entry in src/contract/chapters.ts and its test file.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { exists } from '../host/fs.ts';

export interface ScaffoldInput {
	slug: string;
	ko: string;
	en: string;
}

export class ScaffoldError extends Error {}

const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The files a chapter is made of, relative to the repository. */
function chapterFiles(slug: string): { ko: string; en: string; test: string; list: string } {
	return {
		ko: join('src', 'content', 'docs', `${slug}.mdx`),
		en: join('src', 'content', 'docs', 'en', `${slug}.mdx`),
		test: join('test', 'examples', 'chapters', `${slug}.test.ts`),
		list: join('src', 'contract', 'chapters.ts'),
	};
}

/** A title as a YAML value: plain when it can be, quoted otherwise. */
function yaml(text: string): string {
	return /^[^'"#:[\]{}&*!|>%@`,-][^#:]*$/.test(text) && !/\s$/.test(text) ? text : JSON.stringify(text);
}

function tsString(text: string): string {
	return `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

/**
 * The Korean original, what the harness runs: front matter, learning goals, a first verified block,
 * a traps aside, an exercise with a collapsed solution and a cleanup section.
 */
function koreanPage(title: string): string {
	return `---
title: ${yaml(title)}
description: 이 장에서 다루는 내용을 한 문장으로 씁니다.
---

import { Aside } from '@astrojs/starlight/components';

이 장의 도입부를 씁니다. 독자가 왜 이 장을 읽어야 하는지 두세 문장으로 설명합니다.

이 장을 마치면 다음을 할 수 있습니다.

- 첫 번째 학습 목표 쓰기 (명사형 "…하기"로 끝냅니다)
- 두 번째 학습 목표 쓰기

## 첫 예제

명령과 그 출력을 함께 보여 줍니다.
하네스가 이 명령을 실제 도커 엔진에서 실행해 아래 출력과 비교합니다.
\`...\` 줄은 이미지를 받는 동안 출력되는 줄을 모두 받아들입니다.

\`\`\`console
$ docker run --rm busybox echo hello
...
hello
\`\`\`

## 흔한 함정

<Aside type="caution" title="함정의 제목을 씁니다">
독자가 자주 겪는 문제와 해결 방법을 씁니다.
실행할 수 있는 실수라면 \`exit=N\` 블록으로 직접 실패시켜 보여 줍니다.
</Aside>

## 직접 해 보기

1. \`busybox\` 이미지로 \`date\` 명령을 실행하고, 컨테이너가 끝나면 지워지게 해 보세요.

<details>
<summary>풀이</summary>

\`\`\`console
$ docker run --rm busybox date -u +%Y
[..]
\`\`\`

</details>

## 정리하기

이 장에서 받은 \`busybox\` 이미지를 지웁니다.

\`\`\`sh
docker image rm busybox
\`\`\`
`;
}

/**
 * The English translation: the same blocks, in the same order, with the same code, so
 * `npm run record:check` passes once the chapter is recorded.
 */
function englishPage(title: string): string {
	return `---
title: ${yaml(title)}
description: One sentence on what this chapter covers.
---

import { Aside } from '@astrojs/starlight/components';

Write the chapter's introduction: two or three sentences on why a reader wants it.

By the end of this chapter you will be able to:

- write the first learning goal;
- write the second learning goal.

## A first example

Show a command together with what it prints.
The harness runs it on a real Docker engine and compares its output with the lines below.
The \`...\` line accepts whatever is printed while the image is pulled.

\`\`\`console
$ docker run --rm busybox echo hello
...
hello
\`\`\`

## Common pitfalls

<Aside type="caution" title="Name the pitfall">
Describe a problem readers often hit, and how to get out of it.
When the mistake can be run, make it fail on purpose with an \`exit=N\` block.
</Aside>

## Try it yourself

1. Run the \`date\` command in a \`busybox\` container, and make the container go away when it ends.

<details>
<summary>Solution</summary>

\`\`\`console
$ docker run --rm busybox date -u +%Y
[..]
\`\`\`

</details>

## Cleaning up

Remove the \`busybox\` image this chapter pulled.

\`\`\`sh
docker image rm busybox
\`\`\`
`;
}

function testFile(slug: string): string {
	return `import { declareChapter } from '../declare-chapter.ts';\n\nawait declareChapter(${tsString(slug)});\n`;
}

/**
 * The chapter list with the new chapter after the last numbered one, before the reference pages;
 * its number is the next one.
 */
export function withEntry(list: string, input: ScaffoldInput): { text: string; number: number } {
	const lines = list.split('\n');
	const number = lines.filter((line) => /kind: 'chapter'/.test(line)).length + 1;
	const firstReference = lines.findIndex((line) => /kind: 'reference'/.test(line));
	const closing = lines.findIndex((line, index) => index > 0 && /^\];/.test(line));
	const at = firstReference !== -1 ? firstReference : closing;
	if (at === -1) throw new ScaffoldError('cannot find where the chapters end in src/contract/chapters.ts');
	const indent = /^\s*/.exec(lines[at] ?? '')?.[0] || '\t';
	const label = `{ ko: ${tsString(`${number}. ${input.ko}`)}, en: ${tsString(`${number}. ${input.en}`)} }`;
	lines.splice(at, 0, `${indent}{ slug: ${tsString(input.slug)}, label: ${label}, kind: 'chapter' },`);
	return { text: lines.join('\n'), number };
}

/** Checks everything first, then writes; returns the files written, relative to `root`. */
export async function scaffoldChapter(root: string, input: ScaffoldInput): Promise<string[]> {
	const { slug } = input;
	if (!slugPattern.test(slug)) {
		throw new ScaffoldError(`"${slug}" is not a slug: lower-case letters, digits and single hyphens, e.g. multi-platform (it becomes the page's address)`);
	}
	for (const [language, title] of [
		['Korean', input.ko],
		['English', input.en],
	] as const) {
		if (title.trim() === '' || title.includes('\n')) throw new ScaffoldError(`the ${language} title must be one line of text`);
	}
	const files = chapterFiles(slug);
	const list = await readFile(join(root, files.list), 'utf8');
	if (list.includes(`slug: ${tsString(slug)}`)) throw new ScaffoldError(`${files.list}: a page named "${slug}" is already in the list`);
	for (const path of [files.ko, files.en, files.test]) {
		if (await exists(join(root, path))) throw new ScaffoldError(`${path} already exists: choose another slug`);
	}
	const { text, number } = withEntry(list, input);
	const written: [string, string][] = [
		[files.ko, koreanPage(`${number}. ${input.ko}`)],
		[files.en, englishPage(`${number}. ${input.en}`)],
		[files.test, testFile(slug)],
		[files.list, text],
	];
	for (const [path, content] of written) {
		await mkdir(dirname(join(root, path)), { recursive: true });
		await writeFile(join(root, path), content);
	}
	return written.map(([path]) => path);
}
