/** scripts/examples/runner.ts: a chapter run gives the engine back however it ends. */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { engineConfig } from '../../../scripts/engine/index.ts';
import type { Chapter } from '../../../scripts/examples/chapter.ts';
import { lockEngineForChapter } from '../../../scripts/examples/engine-lock.ts';
import { runChapter } from '../../../scripts/examples/runner.ts';
import { Session } from '../../../scripts/examples/session.ts';
import { extractBlocks } from '../../../src/contract/extract.ts';
import { testEngine } from './engine-fixture.ts';

// No daemon: the engine's reset before and after the chapter does nothing here.
vi.mock(import('../../../scripts/engine/index.ts'), async (original) => ({ ...(await original()), reset: async () => undefined }));

afterEach(() => {
	vi.restoreAllMocks();
});

function chapter(source: string): Chapter {
	return { slug: 'x', file: 'x.mdx', absolutePath: '/nonexistent/x.mdx', source, blocks: extractBlocks('x.mdx', source) };
}

describe('runChapter', () => {
	it("releases the engine's chapter lock even when removing the workspace fails", async () => {
		const config = engineConfig({ LAYERBOOK_RUNTIME_DIR: await mkdtemp(join(tmpdir(), 'runner-')) });
		const engine = testEngine({ config, env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin' } });
		const { remove: removeForReal } = Session.prototype;
		const remove = vi.spyOn(Session.prototype, 'remove').mockImplementation(async function (this: Session) {
			await removeForReal.call(this);
			throw new Error('rm: cannot remove the workspace');
		});
		await expect(runChapter(chapter('```sh\ntrue\n```\n'), engine)).rejects.toThrow('rm: cannot remove the workspace');
		expect(remove).toHaveBeenCalledOnce();
		// Taken at once: the next chapter does not wait for a lock nobody will release.
		const lock = await lockEngineForChapter(config, undefined, 2_000);
		await lock.release();
	}, 30_000);
});
