/** src/contract/extract.ts: every fence of a chapter found, and a wrong one reported at its line before anything runs. */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { extractBlocks } from '../../../src/contract/extract.ts';
import { ChapterProblems, formatProblem } from '../../../src/contract/problem.ts';

const invalid = new URL('../../examples/fixtures/invalid/', import.meta.url);

async function problemsOf(name: string): Promise<string[]> {
	const source = await readFile(new URL(name, invalid), 'utf8');
	try {
		extractBlocks(`invalid/${name}`, source);
	} catch (error) {
		if (error instanceof ChapterProblems) return error.problems.map(formatProblem);
		throw error;
	}
	throw new Error(`${name} was accepted`);
}

describe('extractBlocks', () => {
	it('finds fences at every depth, with their lines and kinds', () => {
		const source = [
			'---', // 1
			'title: x',
			'---',
			'',
			'import { Aside } from "@astrojs/starlight/components";', // 5
			'',
			'```sh title="시작하기"',
			'docker version',
			'```',
			'', // 10
			'<Aside type="tip">',
			'  ```console',
			'  $ echo hi',
			'  hi',
			'  ```', // 15
			'</Aside>',
			'',
			'- a list item',
			'',
			'  ```dockerfile title="app/Dockerfile"', // 20
			'  FROM busybox',
			'  ```',
			'',
			'```dockerfile',
			'RUN echo fragment', // 25
			'```',
			'',
			'```text',
			'docker run [OPTIONS] IMAGE',
			'```', // 30
			'',
			'```sh skip="needs Docker Hub"',
			'docker push me/app',
			'```',
		].join('\n');
		const blocks = extractBlocks('chapter.mdx', source);
		expect(blocks.map((block) => [block.line, block.kind, block.code])).toEqual([
			[7, 'shell', 'docker version'],
			[12, 'console', '$ echo hi\nhi'],
			[20, 'file', 'FROM busybox'],
			[24, 'dockerfile', 'RUN echo fragment'],
			[28, 'shown', 'docker run [OPTIONS] IMAGE'],
			[32, 'shell', 'docker push me/app'],
		]);
		expect(blocks[0]?.meta).toEqual({ title: '시작하기' });
		expect(blocks[5]?.meta).toEqual({ skip: 'needs Docker Hub' });
	});

	it('gives the same content the same hash, and a caption no weight', () => {
		const hashes = (source: string): string[] => extractBlocks('x.mdx', source).map((block) => block.hash);
		const [plain] = hashes('```sh\nls\n```');
		expect(hashes('\n\nText\n\n```sh\nls\n```')).toEqual([plain]);
		expect(hashes('```sh title="목록"\nls\n```')).toEqual([plain]);
		expect(hashes('```sh\nls -l\n```')).not.toEqual([plain]);
		expect(hashes('```sh exit=2\nls\n```')).not.toEqual([plain]);
	});

	it('reports an unknown key at the fence', async () => {
		expect(await problemsOf('unknown-key.mdx')).toEqual([
			'invalid/unknown-key.mdx:7: unknown meta key "retries" (known: skip, exit, timeout, retry, background, tty, stdin, store, title)',
		]);
	});

	it('reports malformed MDX at its line', async () => {
		const [problem, ...rest] = await problemsOf('malformed.mdx');
		expect(rest).toEqual([]);
		expect(problem).toMatch(/^invalid\/malformed\.mdx:7: malformed MDX: Expected a closing tag for `<Aside>`/);
	});

	it('reports file titles that leave the working directory', async () => {
		expect(await problemsOf('path-escape.mdx')).toEqual([
			'invalid/path-escape.mdx:5: title "../server.js" leaves the working directory (contains ..)',
			'invalid/path-escape.mdx:9: title "/etc/motd" is an absolute path: a file block\'s title must be relative to the working directory',
		]);
	});

	it('reports skip without a reason, stdin without tty, exit=0, meta on a shown fence', async () => {
		expect(await problemsOf('bad-meta.mdx')).toEqual([
			'invalid/bad-meta.mdx:5: skip needs a reason: skip="why this block is not run"',
			'invalid/bad-meta.mdx:9: stdin needs tty: input is typed into a pseudo-terminal',
			'invalid/bad-meta.mdx:13: exit must be more than 0 (a block that succeeds needs no exit=)',
			'invalid/bad-meta.mdx:17: a "text" fence is never run, so its meta (skip, exit, timeout, retry, background, tty, stdin, store) means nothing',
		]);
	});

	it('lints titled and untitled Dockerfile blocks at the offending line', async () => {
		expect(await problemsOf('bad-dockerfile.mdx')).toEqual([
			'invalid/bad-dockerfile.mdx:8: Dockerfile: Unknown instruction: COPPY',
			'invalid/bad-dockerfile.mdx:15: Dockerfile: Invalid containerPort: eighty',
		]);
	});

	it('refuses shell languages the harness would not run', () => {
		expect(() => extractBlocks('x.mdx', '```shellsession\n$ docker ps\n```')).toThrow('x.mdx:1: "shellsession" is never run: write "console"');
		expect(() => extractBlocks('x.mdx', '```zsh\ndocker ps\n```')).toThrow('x.mdx:1: "zsh" is never run: write "sh"');
		expect(extractBlocks('x.mdx', '```docker\nFROM busybox\n```')[0]?.kind).toBe('dockerfile');
	});

	it('reports console output before any command', async () => {
		expect(await problemsOf('bad-console.mdx')).toEqual(['invalid/bad-console.mdx:6: output before the first "$ " command']);
	});
});

describe('block identity', () => {
	it("gives a translation the original's parity, and tells changed code apart", () => {
		const [original] = extractBlocks('x.mdx', '```sh\n# 이미지를 만듭니다\ndocker build -t app .\n```');
		const [translated] = extractBlocks('en/x.mdx', '```sh\n# Build the image\ndocker build -t app .\n```');
		const [changed] = extractBlocks('en/x.mdx', '```sh\n# Build the image\ndocker build -t other .\n```');
		expect(translated?.hash).not.toBe(original?.hash);
		expect(translated?.parity).toBe(original?.parity);
		expect(changed?.parity).not.toBe(original?.parity);
	});

	it("reads the fences of a tree already parsed, at the file's lines", async () => {
		const { treeFences } = await import('../../../src/contract/extract.ts');
		const { unified } = await import('unified');
		const { default: remarkParse } = await import('remark-parse');
		const tree = unified().use(remarkParse).parse('\n\n\n```console exit=1\n$ false\n```\n');
		const [entry] = treeFences(tree);
		expect(entry?.fence).toMatchObject({ line: 4, lang: 'console', rawMeta: 'exit=1', code: '$ false' });
		expect(entry?.node.value).toBe('$ false');
	});
});
