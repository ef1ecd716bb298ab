/** The site suite's global setup: the real Astro build, unless dist/ already holds one of the current sources. */
import { ensureBuilt } from '../../scripts/quality/site-build.ts';

/**
 * Synchronous on purpose: the browser suite's setup asks for the same build, and two Astro builds
 * writing one dist/ at once break each other. A failing build (a broken link, a stale record) fails
 * the suite with Astro's own message.
 */
export default function setup(): void {
	ensureBuilt();
}
