/**
 * Chapters as the harness sees them: every `.mdx` of the root (Korean) locale is one scenario,
 * in the guide's reading order (src/contract/chapters.ts), then any others by name.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { chapters as readingOrder } from '../../src/contract/chapters.ts';
import type { Block } from '../../src/contract/block.ts';
import { isExecutable } from '../../src/contract/block.ts';
import { extractBlocks } from '../../src/contract/extract.ts';
import { translationLocales } from '../../src/contract/locales.ts';
import { type ImageStore, runsOn } from '../../src/contract/store.ts';
import { repositoryRoot } from '../host/repository.ts';

export const docsDirectory = join(repositoryRoot, 'src', 'content', 'docs');

export interface Chapter {
	slug: string;
	/** Path relative to the repository, as problems and reports name it. */
	file: string;
	absolutePath: string;
	source: string;
	blocks: Block[];
}

export async function chapterSlugs(root = docsDirectory): Promise<string[]> {
	const entries = await readdir(root, { recursive: true, withFileTypes: true });
	const slugs = entries
		.filter((entry) => entry.isFile() && entry.name.endsWith('.mdx'))
		.map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join('/'))
		.filter((path) => !translationLocales.some((locale) => path.startsWith(`${locale}/`)))
		.map((path) => path.replace(/\.mdx$/, ''));
	const order = new Map(readingOrder.map((entry, index) => [entry.slug, index]));
	return slugs.sort((a, b) => (order.get(a) ?? order.size) - (order.get(b) ?? order.size) || a.localeCompare(b));
}

/** Reads and extracts one chapter file; throws ChapterProblems for bad input. */
export async function loadChapterFile(absolutePath: string, slug: string): Promise<Chapter> {
	const source = await readFile(absolutePath, 'utf8');
	const file = relative(repositoryRoot, absolutePath);
	return { slug, file, absolutePath, source, blocks: extractBlocks(file, source) };
}

export function chapterPath(slug: string, locale?: string, root = docsDirectory): string {
	return locale === undefined ? join(root, `${slug}.mdx`) : join(root, locale, `${slug}.mdx`);
}

export async function loadChapter(slug: string, root = docsDirectory): Promise<Chapter> {
	return loadChapterFile(chapterPath(slug, undefined, root), slug);
}

export function executableBlocks(chapter: Chapter): Block[] {
	return chapter.blocks.filter(isExecutable);
}

/** The blocks a run on that image store executes: all but the other store's halves of store pairs. */
export function storeBlocks(chapter: Chapter, store: ImageStore): Block[] {
	return chapter.blocks.filter((block) => isExecutable(block) && runsOn(block, store));
}

/** Whether the chapter has store pairs: its record then differs between the two stores. */
export function differsByStore(chapter: Chapter): boolean {
	return chapter.blocks.some((block) => block.meta.store !== undefined);
}
