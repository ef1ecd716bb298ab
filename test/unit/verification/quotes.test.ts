/** src/verification/quotes.ts: quoted output must be what the record shows on each store, on the guide's pages and on made-up ones. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type Block, isExecutable } from '../../../src/contract/block.ts';
import { fenceBlocks, parseChapter, treeFences } from '../../../src/contract/extract.ts';
import { pageIdentity } from '../../../src/contract/locales.ts';
import { formatProblem } from '../../../src/contract/problem.ts';
import type { RecordedChapter, StoreColumn, VerificationRecord } from '../../../src/contract/record.ts';
import { type ImageStore, runsOn } from '../../../src/contract/store.ts';
import { verifyPage } from '../../../src/verification/block-status.ts';
import { quoteProblems } from '../../../src/verification/quotes.ts';
import { readRecordSync } from '../../../src/verification/record-file.ts';
import { storeNoteProblems } from '../../../src/verification/store-tabs.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const docs = join(root, 'src', 'content', 'docs');

/** Every problem of a page's quotes and notes, as the build reports them. */
function problemsOf(file: string, source: string, record: VerificationRecord | undefined): string[] {
	const tree = parseChapter(file, source);
	const fences = treeFences(tree);
	const blocks = fenceBlocks(
		file,
		fences.map(({ fence }) => fence),
	);
	const page = verifyPage({ ...pageIdentity(relative(docs, join(root, file))), blocks, record });
	return [...storeNoteProblems(file, tree, fences, blocks), ...quoteProblems(file, tree, fences, page.blocks)].map(formatProblem);
}

describe("the guide's pages", () => {
	const pages = [
		...readdirSync(docs).filter((name) => name.endsWith('.mdx')),
		...readdirSync(join(docs, 'en'))
			.filter((name) => name.endsWith('.mdx'))
			.map((name) => `en/${name}`),
	];
	const record = readRecordSync(root);
	it.each(pages)('%s quotes only what the record shows, on each store', (page) => {
		const file = `src/content/docs/${page}`;
		expect(problemsOf(file, readFileSync(join(root, file), 'utf8'), record)).toEqual([]);
	});
});

describe('the quoted-output check', () => {
	const fence = '```';
	const file = 'src/content/docs/introduction.mdx';
	/** A record of the page's blocks in which each block printed, on each store, what `printed` says. */
	function recordOf(source: string, printed: (block: Block, store: ImageStore) => string): VerificationRecord {
		const blocks = fenceBlocks(
			file,
			treeFences(parseChapter(file, source)).map(({ fence: each }) => each),
		);
		const column = (store: ImageStore): StoreColumn => {
			const engine = { version: '28.5.2', store, packages: [], source: null, os: 'Debian', arch: 'x86_64' };
			const chapter: RecordedChapter = {
				slug: 'introduction',
				file,
				date: '2026-12-01T00:00:00.000Z',
				engine,
				baseImages: [],
				durationMs: 1,
				blocks: blocks
					.filter((block) => isExecutable(block) && runsOn(block, store))
					.map((block) => ({
						hash: block.hash,
						parity: block.parity,
						file,
						line: block.line,
						kind: 'console' as const,
						...(block.meta.store === undefined ? {} : { store: block.meta.store }),
						status: 'passed' as const,
						durationMs: 1,
						output: `$ ${block.code.split('\n')[0]?.slice(2)}\n${printed(block, store)}`,
					})),
			};
			return { date: chapter.date, engine, chapters: { introduction: chapter } };
		};
		return { version: 2, date: '2026-12-01T00:00:00.000Z', baseImages: [], stores: { containerd: column('containerd'), classic: column('classic') } };
	}
	const pull = [`${fence}console`, '$ docker pull busybox', 'Status: [..]', fence].join('\n');
	const upToDateOnContainerd = (_block: Block, store: ImageStore): string =>
		store === 'containerd' ? 'Status: Image is up to date for busybox:latest' : 'Status: Downloaded newer image for busybox:latest';

	it('passes a quote every store printed', () => {
		const source = ['## Pull', '', pull, '', 'It ends with `for busybox:latest`.', ''].join('\n');
		expect(problemsOf(file, source, recordOf(source, upToDateOnContainerd))).toEqual([]);
	});

	it('fails at its line on a quote one store did not print', () => {
		const source = ['## Pull', '', pull, '', 'The pull says `Image is up to date`.', ''].join('\n');
		expect(problemsOf(file, source, recordOf(source, upToDateOnContainerd))).toEqual([
			`${file}:8: "Image is up to date" is printed on the containerd image store only, not on the classic one (blocks at line 3): say it inside that store's tab (<StoreNote store="containerd"> right after a store pair) or name the store in the sentence`,
		]);
	});

	it('passes that quote in a sentence that names its store', () => {
		const source = ['## Pull', '', pull, '', 'On the containerd store the pull says `Image is up to date`.', ''].join('\n');
		expect(problemsOf(file, source, recordOf(source, upToDateOnContainerd))).toEqual([]);
	});

	it('checks a quote in a store note against that store alone', () => {
		const pair = [
			`${fence}console store=containerd`,
			'$ docker pull busybox',
			'Status: [..]',
			fence,
			`${fence}console store=classic`,
			'$ docker pull busybox',
			'Status: [..]',
			fence,
		].join('\n');
		const note = (store: string, quote: string): string => [`<StoreNote store="${store}">`, '', `The pull says \`${quote}\`.`, '', '</StoreNote>'].join('\n');
		const right = ['## Pull', '', pair, '', note('containerd', 'Image is up to date'), '', note('classic', 'Downloaded newer image'), ''].join('\n');
		expect(problemsOf(file, right, recordOf(right, upToDateOnContainerd))).toEqual([]);
		const wrong = ['## Pull', '', pair, '', note('containerd', 'Image is up to date'), '', note('classic', 'Image is up to date'), ''].join('\n');
		expect(problemsOf(file, wrong, recordOf(wrong, upToDateOnContainerd))).toEqual([
			`${file}:20: "Image is up to date" is printed on the containerd image store only, not on the classic one (blocks at line 3, 7): say it inside that store's tab (<StoreNote store="containerd"> right after a store pair) or name the store in the sentence`,
		]);
	});

	it('fails on an explicit quote no block printed, and ignores an unmarked one', () => {
		const source = ['## Pull', '', pull, '', 'It says <Output>Image is up-to-date</Output>, or `Image is up-to-date`.', ''].join('\n');
		expect(problemsOf(file, source, recordOf(source, upToDateOnContainerd))).toEqual([
			`${file}:8: "Image is up-to-date" is quoted as output, but no block of its section printed it on any image store (blocks at line 3)`,
		]);
	});

	it('takes a quote for output only where it stands as a whole word: `db` inside a container ID is not a quote', () => {
		const run = [`${fence}console`, '$ docker run -d --name api nginx', '[..]', fence].join('\n');
		const source = ['## Alias', '', run, '', 'The app names a role, such as `db`.', ''].join('\n');
		const idOnContainerd = (_block: Block, store: ImageStore): string => (store === 'containerd' ? '4fdb1c9e2a77' : '9e3a0c5f1b22');
		expect(problemsOf(file, source, recordOf(source, idOnContainerd))).toEqual([]);
		// Still a quote where it stands as a word of the output.
		const asWord = (_block: Block, store: ImageStore): string => (store === 'containerd' ? 'db ready' : 'cache ready');
		expect(problemsOf(file, source, recordOf(source, asWord))).toHaveLength(1);
	});

	it('takes what the reader typed for a name, not a quote', () => {
		const source = ['## Pull', '', pull, '', 'The image `busybox` is there.', ''].join('\n');
		expect(
			problemsOf(
				file,
				source,
				recordOf(source, (_block, store) => (store === 'containerd' ? 'busybox' : '')),
			),
		).toEqual([]);
	});

	it('checks a section without blocks against the blocks before it', () => {
		const source = ['## Pull', '', pull, '', '## Why', '', 'The pull said `Image is up to date`.', ''].join('\n');
		expect(problemsOf(file, source, recordOf(source, upToDateOnContainerd))).toHaveLength(1);
	});

	it('refuses a store note that follows no store pair', () => {
		const source = ['## Pull', '', pull, '', '<StoreNote store="classic">', '', 'Hello.', '', '</StoreNote>', ''].join('\n');
		expect(problemsOf(file, source, recordOf(source, upToDateOnContainerd))).toEqual([
			`${file}:8: <StoreNote> belongs in a store's tab: put it right after a store pair (a store=containerd fence, then a store=classic fence), only other notes between`,
		]);
	});
});
