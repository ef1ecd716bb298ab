// The five test suites, each with its own needs: unit tests need nothing; the engine suite runs its
// own engine instance and the examples suite the default one; the site and browser suites need a built site.
import { defineConfig } from 'vitest/config';
import { engineSuiteEnv } from './test/engine/instance.ts';
import { ReadingOrderSequencer } from './test/examples/chapter-order.ts';

export default defineConfig({
	test: {
		// Chapters' test files run in the guide's reading order.
		sequence: { sequencer: ReadingOrderSequencer },
		// On two cores, the suites that drive dockerd or Chromium run one group after another
		// (sequence.groupOrder) rather than fighting over the machine.
		projects: [
			{
				test: {
					name: 'unit',
					include: ['test/unit/**/*.test.ts'],
					sequence: { groupOrder: 0 },
				},
			},
			{
				test: {
					name: 'site',
					include: ['test/site/**/*.test.ts'],
					globalSetup: ['test/site/setup.ts'],
					sequence: { groupOrder: 0 },
					testTimeout: 60_000,
					hookTimeout: 300_000,
				},
			},
			{
				test: {
					name: 'engine',
					include: ['test/engine/**/*.test.ts'],
					globalSetup: ['test/engine/setup.ts'],
					// Its own engine instance, for its test workers and (passed on by the setup) its engine CLI.
					env: { ...engineSuiteEnv },
					// The files reset and stop their engine instance: one at a time.
					fileParallelism: false,
					sequence: { groupOrder: 1 },
					testTimeout: 180_000,
					// The first `up` on a new machine builds the stand-in base images.
					hookTimeout: 1_800_000,
				},
			},
			{
				test: {
					name: 'examples',
					include: ['test/examples/**/*.test.ts'],
					globalSetup: ['test/examples/setup.ts'],
					// One engine, one chapter at a time: chapters reset the engine after themselves.
					fileParallelism: false,
					sequence: { concurrent: false, groupOrder: 2 },
					testTimeout: 600_000,
					hookTimeout: 1_800_000,
				},
			},
			{
				// The built site in Debian's Chromium (installed by `npm run setup`): search,
				// language picker, copy buttons, themes, 375-pixel layout, axe-core, on every page.
				test: {
					name: 'browser',
					include: ['test/browser/**/*.test.ts'],
					globalSetup: ['test/browser/setup.ts'],
					sequence: { groupOrder: 3 },
					maxConcurrency: 2,
					testTimeout: 120_000,
					hookTimeout: 300_000,
				},
			},
		],
	},
});
