/**
 * The floor under the site's build time: the same Astro and Starlight, with one page and nothing
 * of the guide's (no chapters, no plugins, no record), built the same way on the same machine.
 * What the site's build costs above it is what the guide's pages and plugins cost.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { root } from '../scripts/quality/site-build.ts';

/** Inside the repository, so Node finds Astro and Starlight in its node_modules. Ignored by git. */
const floorSite = join(root, 'bench', '.tmp', 'starlight-floor');

const files: Record<string, string> = {
	'astro.config.mjs': [
		"import { defineConfig } from 'astro/config';",
		"import starlight from '@astrojs/starlight';",
		"export default defineConfig({ integrations: [starlight({ title: 'Floor' })] });",
		'',
	].join('\n'),
	'src/content.config.ts': [
		"import { defineCollection } from 'astro:content';",
		"import { docsLoader } from '@astrojs/starlight/loaders';",
		"import { docsSchema } from '@astrojs/starlight/schema';",
		'export const collections = { docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }) };',
		'',
	].join('\n'),
	// One code block, so Expressive Code and its highlighter start as they do for the guide.
	'src/content/docs/index.mdx': ['---', 'title: One page', '---', '', 'A page.', '', '```sh', 'docker run --rm busybox echo hi', '```', ''].join('\n'),
};

/** Writes the one-page site afresh and returns its folder. */
export function writeFloorSite(): string {
	rmSync(floorSite, { recursive: true, force: true });
	for (const [path, text] of Object.entries(files)) {
		const file = join(floorSite, path);
		mkdirSync(dirname(file), { recursive: true });
		writeFileSync(file, text);
	}
	return floorSite;
}

export function removeFloorSite(): void {
	rmSync(floorSite, { recursive: true, force: true });
}
