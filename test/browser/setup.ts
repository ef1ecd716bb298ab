import type { TestProject } from 'vitest/node';
import { ensureChromium } from '../../scripts/quality/chromium.ts';
import { serveStatic } from '../../scripts/quality/serve.ts';
import { distDir, ensureBuilt } from '../../scripts/quality/site-build.ts';

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
	const site = await serveStatic(distDir);
	project.provide('siteOrigin', site.origin);
	return () => site.close();
}
