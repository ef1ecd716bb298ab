/**
 * A tiny Starlight site built with the guide's own verification plugin, for pages the real
 * guide must never have: a stale block, an output too long for the page.
 */
import { execa } from 'execa';
import { cpSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { fileURLToPath } from 'node:url';
import { extractBlocks } from '../../src/contract/extract.ts';
import { isExecutable } from '../../src/contract/block.ts';
import type { RecordedBlock, VerificationRecord } from '../../src/contract/record.ts';

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
		plugins: [verifiedBlocks()],
	}), afterCodeBlocks()],
});
`;

/**
 * Builds the fixture chapters (Korean `page.mdx`, English `en/page.mdx`) with a record made by
 * `recordBlock` for each executable block of the Korean page (undefined leaves a block out).
 */
export async function buildFixtureSite(
	recordBlock: (block: ReturnType<typeof extractBlocks>[number], index: number) => RecordedBlock | undefined,
): Promise<FixtureSite> {
	// Inside the project, so the fixture finds the project's node_modules the way the guide does
	// (a symlinked node_modules makes Vite see two copies of every component).
	mkdirSync(fixturesDirectory, { recursive: true });
	const root = mkdtempSync(join(fixturesDirectory, 'site-'));
	const remove = (): void => rmSync(root, { recursive: true, force: true });
	try {
		mkdirSync(join(root, 'src', 'data'), { recursive: true });
		cpSync(fixtureDocs, join(root, 'src', 'content', 'docs'), { recursive: true });
		cpSync(join(projectRoot, 'src', 'content.config.ts'), join(root, 'src', 'content.config.ts'));
		cpSync(join(projectRoot, 'ec.config.mjs'), join(root, 'ec.config.mjs'));
		mkdirSync(join(root, 'src', 'verification'));
		// ec.config.mjs's plugins, which Node loads beside it.
		for (const plugin of ['ec-console-copy.mjs', 'ec-varying.mjs', 'ec-lazy.mjs']) {
			cpSync(join(projectRoot, 'src', 'verification', plugin), join(root, 'src', 'verification', plugin));
		}
		cpSync(join(projectRoot, 'src', 'styles'), join(root, 'src', 'styles'), { recursive: true });
		writeFileSync(join(root, 'astro.config.mjs'), config);

		const file = 'src/content/docs/page.mdx';
		const source = readFileSync(join(root, file), 'utf8');
		const blocks = extractBlocks(file, source).filter(isExecutable);
		const engine = {
			version: '28.5.2+dfsg4',
			store: 'containerd' as const,
			packages: [{ name: 'docker.io', version: '28.5.2+dfsg4-5' }],
			source: 'Debian sid (http://deb.debian.org/debian)',
			os: 'Debian GNU/Linux 12 (bookworm)',
			arch: 'x86_64',
		};
		const record: VerificationRecord = {
			version: 1,
			date: '2026-11-25T00:00:00.000Z',
			engine,
			baseImages: [],
			chapters: {
				page: {
					slug: 'page',
					file,
					date: '2026-11-24T12:00:00.000Z',
					engine,
					baseImages: [],
					durationMs: 1000,
					blocks: blocks.flatMap((block, index) => recordBlock(block, index) ?? []),
				},
			},
		};
		writeFileSync(join(root, 'src', 'data', 'record.json'), JSON.stringify(record));

		const result = await execa('npx', ['astro', 'build'], { cwd: root, all: true, reject: false });
		return { root, build: { ok: result.exitCode === 0, output: stripVTControlCharacters(result.all ?? '') }, remove };
	} catch (error) {
		remove();
		throw error;
	}
}
