import { defineConfig } from 'vitest/config';

// Four suites with different needs: unit tests need nothing, the engine and examples suites need
// the sandbox engine (started once by their global setup), the site suite needs a built site.
export default defineConfig({
	test: {
		projects: [
			{
				test: {
					name: 'unit',
					include: ['test/unit/**/*.test.ts'],
				},
			},
			{
				test: {
					name: 'examples',
					include: ['test/examples/**/*.test.ts'],
					globalSetup: ['test/examples/setup.ts'],
					// One engine, one chapter at a time: chapters reset the engine after themselves.
					fileParallelism: false,
					sequence: { concurrent: false },
					testTimeout: 600_000,
					// The first `up` on a new machine builds the stand-in base images.
					hookTimeout: 1_800_000,
				},
			},
			{
				test: {
					name: 'site',
					include: ['test/site/**/*.test.ts'],
					globalSetup: ['test/site/setup.ts'],
					testTimeout: 60_000,
					hookTimeout: 300_000,
				},
			},
			{
				// The built site in Debian's Chromium (installed by its setup when missing): search,
				// language picker, copy buttons, themes, 375-pixel layout, axe-core, on every page.
				test: {
					name: 'browser',
					include: ['test/browser/**/*.test.ts'],
					globalSetup: ['test/browser/setup.ts'],
					maxConcurrency: 2,
					testTimeout: 120_000,
					hookTimeout: 300_000,
				},
			},
		],
	},
});
