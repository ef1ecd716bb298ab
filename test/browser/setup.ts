/** The browser suite's global setup: builds the site if needed, serves it on loopback and hands the address to the tests. */
import { createRequire } from 'node:module';
import type { TestProject } from 'vitest/node';
import { ensureChromium } from '../../scripts/quality/chromium.ts';
import { serveStatic } from '../../scripts/quality/serve.ts';
import { distDir, ensureBuilt } from '../../scripts/quality/site-build.ts';

/** Where the served site also offers axe-core, for the pages to load like any script. */
export const axeAddress = '/__layerbook/axe.min.js';

declare module 'vitest' {
	export interface ProvidedContext {
		/** Where the built site is served: `http://127.0.0.1:PORT`. */
		siteOrigin: string;
	}
}

/**
 * Once for the browser suite: Debian's Chromium (installed when missing), the built site (the
 * site suite's build when it is current, else a build of our own), served on a loopback port.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
	ensureChromium();
	ensureBuilt();
	const axe = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
	const site = await serveStatic(distDir, { [axeAddress]: axe });
	project.provide('siteOrigin', site.origin);
	return () => site.close();
}
