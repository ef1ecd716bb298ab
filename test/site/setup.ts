import { ensureBuilt } from '../../scripts/quality/site-build.ts';

/**
 * Builds the site for the site suite with the real Astro build that `npm run build` runs, unless
 * dist/ already holds a build of the current sources. Synchronous on purpose: the browser suite's
 * setup asks for the same build, and two Astro builds writing one dist/ at once break each other.
 * A failing build (a broken link, a stale record) fails the suite with Astro's own message.
 */
export default function setup(): void {
	ensureBuilt();
}
