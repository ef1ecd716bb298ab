/**
 * scripts/examples/record-check.ts: every executable block is in the record for each store it runs
 * on, and translations hold the original's blocks.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ImageStore, runsOn } from '../../../src/contract/store.ts';
import { extractBlocks } from '../../../src/contract/extract.ts';
import { checkRecord, recordProblems, translationProblems } from '../../../scripts/examples/record-check.ts';
import type { VerificationRecord } from '../../../src/contract/record.ts';

const korean = [
	'```sh',
	'# 이미지 목록을 봅니다',
	'docker images',
	'```',
	'',
	'```text',
	'shown',
	'```',
	'',
	'```console exit=1',
	'$ docker rm missing',
	'Error[..]',
	'```',
].join('\n');

function chapter(file: string, source: string, slug = 'intro') {
	return { slug, file, absolutePath: file, source, blocks: extractBlocks(file, source) };
}

const engine = (store: ImageStore) => ({ version: '28.5.2', store, packages: [], source: null, os: 'linux', arch: 'x86_64' });

/** A record of the chapter's blocks, on both stores unless told otherwise; a pair's half only on its own. */
function recordOf(source: string, status: 'passed' | 'skipped' = 'passed', stores: readonly ImageStore[] = ['containerd', 'classic']): VerificationRecord {
	const blocks = extractBlocks('intro.mdx', source).filter((block) => block.kind !== 'shown');
	const column = (store: ImageStore) => ({
		date: '2026-01-01T00:00:00.000Z',
		engine: engine(store),
		chapters: {
			intro: {
				slug: 'intro',
				file: 'intro.mdx',
				date: '2026-01-01T00:00:00.000Z',
				engine: engine(store),
				baseImages: [],
				durationMs: 1,
				blocks: blocks
					.filter((block) => runsOn(block, store))
					.map((block) => ({
						hash: block.hash,
						parity: block.parity,
						file: block.file,
						line: block.line,
						kind: block.kind as 'shell',
						store: block.meta.store,
						status,
						durationMs: 1,
					})),
			},
		},
	});
	return { version: 2, date: '2026-01-01T00:00:00.000Z', baseImages: [], stores: Object.fromEntries(stores.map((store) => [store, column(store)])) };
}

describe('recordProblems', () => {
	it('accepts a chapter whose every executable block is recorded', () => {
		expect(recordProblems(chapter('intro.mdx', korean), recordOf(korean))).toEqual([]);
	});

	it('names each changed or new block at file:line and says what to run', () => {
		const changed = korean.replace('docker images', 'docker image ls');
		expect(recordProblems(chapter('intro.mdx', changed), recordOf(korean))).toEqual([
			{
				file: 'intro.mdx',
				line: 1,
				message:
					'shell block is not in the record for the containerd and classic image stores (new or changed since it was recorded): run npm run record -- --stores all',
			},
		]);
		expect(recordProblems(chapter('intro.mdx', korean), undefined)).toHaveLength(2);
	});

	it("holds every block to both stores' columns, and a store pair's halves each to its own", () => {
		const paired = `${korean}\n\n\`\`\`console store=containerd\n$ docker info -f '{{.Driver}}'\noverlayfs\n\`\`\`\n\`\`\`console store=classic\n$ docker info -f '{{.Driver}}'\noverlay2\n\`\`\`\n`;
		expect(recordProblems(chapter('intro.mdx', paired), recordOf(paired))).toEqual([]);
		const onlyContainerd = recordProblems(chapter('intro.mdx', paired), recordOf(paired, 'passed', ['containerd']));
		expect(onlyContainerd.map((problem) => `${problem.line}: ${problem.message}`)).toEqual([
			'1: shell block is not in the record for the classic image store (new or changed since it was recorded): run npm run record -- --store classic',
			'10: console block is not in the record for the classic image store (new or changed since it was recorded): run npm run record -- --store classic',
			'19: console block is not in the record for the classic image store (new or changed since it was recorded): run npm run record -- --store classic',
		]);
	});

	it('asks for a new record when an entry lacks the parity a translation is found by', () => {
		const record = recordOf(korean, 'passed', ['containerd']);
		const column = record.stores.containerd!;
		const entries = column.chapters['intro']?.blocks ?? [];
		column.chapters['intro'] = { ...column.chapters['intro']!, blocks: entries.map(({ parity: _parity, ...entry }) => entry) };
		expect(recordProblems(chapter('intro.mdx', korean), record).map((problem) => problem.message)).toEqual([
			"shell block's record entry lacks the key its translation is found by: run npm run record",
			"console block's record entry lacks the key its translation is found by: run npm run record",
		]);
	});
});

describe('translationProblems', () => {
	const original = chapter('intro.mdx', korean);

	it('accepts a translation that differs only in comment lines and prose', () => {
		const english = korean.replace('# 이미지 목록을 봅니다', '# List the images').replace('shown', 'translated text');
		expect(translationProblems(original, chapter('en/intro.mdx', english))).toEqual([]);
		const fewerComments = korean.replace('# 이미지 목록을 봅니다\n', '');
		expect(translationProblems(original, chapter('en/intro.mdx', fewerComments))).toEqual([]);
	});

	it('rejects changed code, a changed exit, a missing block', () => {
		expect(translationProblems(original, chapter('en/intro.mdx', korean.replace('docker images', 'docker image ls')))).toEqual([
			{ file: 'en/intro.mdx', line: 1, message: "differs from intro.mdx:1 beyond comment lines: a translation runs the original's code" },
		]);
		expect(translationProblems(original, chapter('en/intro.mdx', korean.replace('exit=1', 'exit=2')))[0]?.line).toBe(10);
		expect(translationProblems(original, chapter('en/intro.mdx', korean.split('\n').slice(0, 9).join('\n')))[0]?.message).toBe(
			'missing the executable block of intro.mdx:10',
		);
	});
});

describe('checkRecord', () => {
	it('checks every root chapter and its translation', async () => {
		const root = await mkdtemp(join(tmpdir(), 'record-check-'));
		await mkdir(join(root, 'en'));
		await writeFile(join(root, 'intro.mdx'), korean);
		await writeFile(join(root, 'en', 'intro.mdx'), korean.replace('docker images', 'docker ps'));
		await writeFile(join(root, 'broken.mdx'), '```sh retries=1\nls\n```');
		const problems = await checkRecord({ root, record: recordOf(korean) });
		expect(problems.map((problem) => `${problem.file.split('/').slice(-2).join('/')}:${problem.line}: ${problem.message}`)).toEqual([
			expect.stringMatching(/broken\.mdx:1: unknown meta key "retries"/),
			expect.stringMatching(/en\/intro\.mdx:1: differs from .*intro\.mdx:1 beyond comment lines/),
		]);
	});
});
