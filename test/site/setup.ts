import { execa } from 'execa';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Builds the site once for every site test, with the real Astro build that `npm run build` runs.
 * A failing build (a broken link, a stale record) fails the suite with Astro's own message.
 */
export default async function setup(): Promise<void> {
	try {
		await execa('npx', ['astro', 'build'], { cwd: root, all: true });
	} catch (error) {
		const output = error instanceof Error && 'all' in error ? String(error.all) : '';
		throw new Error(`The site build failed:\n${output.split('\n').slice(-40).join('\n')}`, { cause: error });
	}
}
