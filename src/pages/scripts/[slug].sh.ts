/**
 * `/scripts/<slug>.sh`: each chapter as one bash script a reader can download and run, built when
 * the site is built from the Korean original's blocks, the very ones the harness verified
 * (src/contract/chapter-script.ts). Each chapter page links its script.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { APIRoute, GetStaticPaths } from 'astro';
import { chapterScript } from '../../contract/chapter-script.ts';
import { chapters } from '../../contract/chapters.ts';

/** The Korean original, relative to the repository, as the harness names it. */
const sourceFile = (slug: string): string => join('src', 'content', 'docs', `${slug}.mdx`);

export const getStaticPaths = (() =>
	chapters
		.filter((entry) => entry.kind !== 'reference' && existsSync(join(process.cwd(), sourceFile(entry.slug))))
		.map((entry) => ({ params: { slug: entry.slug } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) => {
	const slug = params.slug ?? '';
	const file = sourceFile(slug);
	const script = chapterScript(file, readFileSync(join(process.cwd(), file), 'utf8'), { slug });
	return new Response(script, { headers: { 'Content-Type': 'text/x-shellscript; charset=utf-8' } });
};
