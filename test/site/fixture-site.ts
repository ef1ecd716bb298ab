/**
 * A tiny Starlight site built with the guide's own verification plugin, for pages the real
 * guide must never have (a stale block, an output too long for the page) or does not have yet
 * (store pairs).
 */
import { execa } from 'execa';
import { cpSync, mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { fileURLToPath } from 'node:url';
import { extractBlocks } from '../../src/contract/extract.ts';
import { type Block, isExecutable } from '../../src/contract/block.ts';
import type { RecordedBlock, RecordedChapter, StoreColumn, VerificationRecord } from '../../src/contract/record.ts';
import { type ImageStore, imageStores, runsOn } from '../../src/contract/store.ts';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
const fixturesDirectory = join(projectRoot, '.cache', 'site-fixtures');
const fixtureDocs = fileURLToPath(new URL('./fixtures/verified/', import.meta.url));

export interface FixtureSite {
	root: string;
	/** The build's combined output, and whether it succeeded. */
	build: { ok: boolean; output: string };
	remove: () => void;
}

const config = `
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import { afterCodeBlocks, verifiedBlocks } from ${JSON.stringify(join(projectRoot, 'src/verification/starlight-plugin.ts'))};
export default defineConfig({
	integrations: [starlight({
		title: 'fixture',
		defaultLocale: 'root',
		locales: { root: { label: '한국어', lang: 'ko' }, en: { label: 'English', lang: 'en' } },
		pagefind: false,
		// The guide's own, which swaps plain blocks for their highlighted markup as they near the screen.
		components: { MarkdownContent: './src/components/MarkdownContent.astro' },
		plugins: [verifiedBlocks()],
	}), afterCodeBlocks()],
});
`;

/** What a test records for a block of a fixture page on one store; undefined leaves it out of that store's column. */
export type RecordBlock = (block: Block, index: number, store: ImageStore, page: string) => RecordedBlock | undefined;

/**
 * Builds the fixture chapters (each Korean page, `page.mdx` and the others, with its English
 * translation under `en/`) with a record that has a column for each of `stores`, made by
 * `recordBlock` for each executable block of each Korean page that runs on the store (index: its
 * place among the page's executable blocks).
 */
export async function buildFixtureSite(recordBlock: RecordBlock, stores: readonly ImageStore[] = imageStores): Promise<FixtureSite> {
	// Inside the project, so the fixture finds the project's node_modules the way the guide does
	// (a symlinked node_modules makes Vite see two copies of every component).
	mkdirSync(fixturesDirectory, { recursive: true });
	const root = mkdtempSync(join(fixturesDirectory, 'site-'));
	const remove = (): void => rmSync(root, { recursive: true, force: true });
	try {
		mkdirSync(join(root, 'src', 'data'), { recursive: true });
		cpSync(fixtureDocs, join(root, 'src', 'content', 'docs'), { recursive: true });
		cpSync(join(projectRoot, 'src', 'content.config.ts'), join(root, 'src', 'content.config.ts'));
		cpSync(join(projectRoot, 'src', 'styles'), join(root, 'src', 'styles'), { recursive: true });
		cpSync(join(projectRoot, 'src', 'components', 'MarkdownContent.astro'), join(root, 'src', 'components', 'MarkdownContent.astro'));
		writeFileSync(join(root, 'astro.config.mjs'), config);

		const pages = readdirSync(join(root, 'src', 'content', 'docs'))
			.filter((name) => name.endsWith('.mdx'))
			.map((name) => name.slice(0, -'.mdx'.length));
		const column = (store: ImageStore): StoreColumn => {
			const engine = {
				version: '28.5.2+dfsg4',
				store,
				packages: [{ name: 'docker.io', version: '28.5.2+dfsg4-5' }],
				source: 'Debian sid (http://deb.debian.org/debian)',
				os: 'Debian GNU/Linux 12 (bookworm)',
				arch: 'x86_64',
			};
			const chapter = (page: string): RecordedChapter => {
				const file = `src/content/docs/${page}.mdx`;
				const blocks = extractBlocks(file, readFileSync(join(root, file), 'utf8')).filter(isExecutable);
				return {
					slug: page,
					file,
					date: '2026-11-24T12:00:00.000Z',
					engine,
					baseImages: [],
					durationMs: 1000,
					blocks: blocks.flatMap((block, index) => (runsOn(block, store) ? (recordBlock(block, index, store, page) ?? []) : [])),
				};
			};
			return { date: '2026-11-25T00:00:00.000Z', engine, chapters: Object.fromEntries(pages.map((page) => [page, chapter(page)])) };
		};
		const record: VerificationRecord = {
			version: 2,
			date: '2026-11-25T00:00:00.000Z',
			baseImages: [],
			stores: Object.fromEntries(stores.map((store) => [store, column(store)])),
		};
		writeFileSync(join(root, 'src', 'data', 'record.json'), JSON.stringify(record));

		const result = await execa('npx', ['astro', 'build'], { cwd: root, all: true, reject: false });
		return { root, build: { ok: result.exitCode === 0, output: stripVTControlCharacters(result.all ?? '') }, remove };
	} catch (error) {
		remove();
		throw error;
	}
}
