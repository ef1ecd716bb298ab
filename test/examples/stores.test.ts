/**
 * The second image store. Local `npm test` runs every chapter on the engine's store (the chapters'
 * own test files) and, here, the chapters with store pairs (whose record differs between the
 * stores) on the classic store as well, switching the engine there and back. CI's workflow runs
 * each store on runners of its own (LAYERBOOK_IMAGE_STORE set): there every chapter already runs
 * on the matrix's store, and this file only checks the store pair fixtures.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Engine, up } from '../../scripts/engine/index.ts';
import { type Chapter, chapterSlugs, differsByStore, loadChapter, loadChapterFile } from '../../scripts/examples/chapter.ts';
import type { ChapterResult } from '../../scripts/examples/result.ts';
import { runChapter } from '../../scripts/examples/runner.ts';
import type { ImageStore } from '../../src/contract/store.ts';
import { chapterSuite } from './chapter-suite.ts';

const engine = inject('engine');
const chosen = (process.env['LAYERBOOK_IMAGE_STORE'] ?? '') !== '';
const force = process.env['LAYERBOOK_FORCE'] === '1';
/** A daemon of the contributor's own (LAYERBOOK_DOCKER_HOST) runs the store it was set up with. */
const switchable = engine.config.externalHost === null;

/**
 * The engine on a store: `up` restarts its dockerd on that store's data root when it runs the
 * other one (a test before may have switched it), and returns at once when it already runs it.
 */
async function onStore(store: ImageStore): Promise<Engine> {
	return up({ config: { ...engine.config, imageStore: store } });
}

const fixture = (name: string): Promise<Chapter> =>
	loadChapterFile(fileURLToPath(new URL(`fixtures/stores/${name}`, import.meta.url)), `stores/${name.replace(/\.mdx$/, '')}`);

async function runOn(store: ImageStore, chapter: Chapter): Promise<ChapterResult> {
	return runChapter(chapter, await onStore(store));
}

const differing: Chapter[] = [];
if (!chosen && switchable && engine.store !== 'classic') {
	for (const slug of await chapterSlugs()) {
		// A chapter that cannot be read fails in its own test file.
		const chapter = await loadChapter(slug).catch(() => undefined);
		if (chapter !== undefined && differsByStore(chapter)) differing.push(chapter);
	}
}

describe.runIf(switchable)('store pairs', () => {
	afterAll(async () => {
		// Later test files, and the contributor's next command, find the engine on its own store.
		await onStore(engine.store);
	}, 300_000);

	it('a pair that is right runs its containerd half on the containerd store and its classic half on the classic store', async () => {
		const chapter = await fixture('store-pair.mdx');
		for (const store of ['containerd', 'classic'] as const) {
			const result = await runOn(store, chapter);
			expect(result.status, `${store}: ${JSON.stringify(result.blocks.find((block) => block.failure !== undefined)?.failure)}`).toBe('passed');
			// The shell block, this store's half, and the block after the pair: never the other half.
			expect(result.blocks.map((block) => block.line)).toEqual(store === 'containerd' ? [7, 11, 23] : [7, 16, 23]);
		}
	});

	it('a pair whose classic half is wrong passes on the containerd store and fails on the classic store, at that half', async () => {
		const chapter = await fixture('wrong-classic-half.mdx');
		expect((await runOn('containerd', chapter)).status).toBe('passed');
		const result = await runOn('classic', chapter);
		expect(result.status).toBe('failed');
		const failure = result.blocks.find((block) => block.status === 'failed')?.failure;
		expect(failure?.file).toBe('test/examples/fixtures/stores/wrong-classic-half.mdx');
		// The command's own line, in the classic half.
		expect(failure?.line).toBe(12);
		expect(failure?.diff).toBe('- expected\n+ actual\n- overlayfs\n+ overlay2');
		expect(result.blocks.at(-1)?.status).toBe('not run');
	});
});

// The chapters whose record differs between the stores, on the classic store too.
describe.runIf(differing.length > 0)('the classic image store', () => {
	let classic: Engine | undefined;
	beforeAll(async () => {
		classic = await onStore('classic');
	}, 300_000);
	afterAll(async () => {
		await onStore(engine.store);
	}, 300_000);
	for (const chapter of differing) {
		chapterSuite(chapter, {
			name: `${chapter.slug} (classic image store)`,
			engine: () => {
				if (classic === undefined) throw new Error('the engine did not switch to the classic store');
				return classic;
			},
			store: 'classic',
			useCache: !force,
		});
	}
});
