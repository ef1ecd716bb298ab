/** The built site as the site suite reads it: a page's HTML by its address, parsed. */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse, type HTMLElement } from 'node-html-parser';

/** The folder `astro build` writes to. */
export const distDir = fileURLToPath(new URL('../../dist/', import.meta.url));

/** The built file for a page's address: `/en/introduction/` → `dist/en/introduction/index.html`. */
function builtFile(address: string): string {
	const relative = address.replace(/^\//, '');
	return `${distDir}${relative.endsWith('.html') ? relative : `${relative}index.html`}`;
}

/** Parses built HTML; `pre` is parsed as markup, since Expressive Code puts its lines in elements. */
export function parseHtml(html: string): HTMLElement {
	return parse(html, { blockTextElements: { script: true, style: true } });
}

/** A built page, parsed, or a clear failure naming the address that was not built. */
export function builtPage(address: string): HTMLElement {
	const file = builtFile(address);
	if (!existsSync(file)) throw new Error(`No page was built for ${address} (expected ${file})`);
	return parseHtml(readFileSync(file, 'utf8'));
}
