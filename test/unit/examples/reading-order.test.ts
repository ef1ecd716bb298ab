/** scripts/examples/reading-order.ts: every chapter in order on one engine, reset only before the first and after the last. */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { engineConfig, reset } from '../../../scripts/engine/index.ts';
import type { Chapter } from '../../../scripts/examples/chapter.ts';
import { runInReadingOrder } from '../../../scripts/examples/reading-order.ts';
import { extractBlocks } from '../../../src/contract/extract.ts';
import { testEngine } from './engine-fixture.ts';

// No daemon: each reset is counted instead.
vi.mock(import('../../../scripts/engine/index.ts'), async (original) => ({ ...(await original()), reset: vi.fn(async () => undefined) }));

afterEach(() => {
	vi.mocked(reset).mockClear();
});

function chapter(slug: string, source: string): Chapter {
	return { slug, file: `${slug}.mdx`, absolutePath: `/nonexistent/${slug}.mdx`, source, blocks: extractBlocks(`${slug}.mdx`, source) };
}

async function engine() {
	const config = engineConfig({ LAYERBOOK_RUNTIME_DIR: await mkdtemp(join(tmpdir(), 'reading-order-')) });
	return testEngine({ config, env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin' } });
}

describe('the reading order', () => {
	it('resets the engine before the first chapter and after the last, never between', async () => {
		const chapters = ['a', 'b', 'c'].map((slug) => chapter(slug, '```console\n$ echo hi\nhi\n```\n'));
		const { results, run } = await runInReadingOrder(chapters, await engine(), () => undefined);
		expect(results.map(({ status }) => status)).toEqual(['passed', 'passed', 'passed']);
		expect(vi.mocked(reset)).toHaveBeenCalledTimes(2);
		expect(run).toMatchObject({ chapters: ['a', 'b', 'c'], passed: 3, skipped: 0 });
	}, 30_000);

	it('runs on after a failing chapter, and gives no run to record', async () => {
		const chapters = [chapter('a', '```console\n$ echo hi\nbye\n```\n'), chapter('b', '```sh\ntrue\n```\n')];
		const { results, run } = await runInReadingOrder(chapters, await engine(), () => undefined);
		expect(results.map(({ status }) => status)).toEqual(['failed', 'passed']);
		expect(run).toBeUndefined();
		expect(vi.mocked(reset)).toHaveBeenCalledTimes(2);
	}, 30_000);

	it('refuses a daemon it did not start', async () => {
		const external = testEngine({ config: { ...engineConfig({}), externalHost: 'unix:///var/run/docker.sock' } });
		await expect(runInReadingOrder([chapter('a', '```sh\ntrue\n```\n')], external, () => undefined)).rejects.toThrow(
			'the reading order runs on the sandbox engine only',
		);
		expect(vi.mocked(reset)).not.toHaveBeenCalled();
	});
});
