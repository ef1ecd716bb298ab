import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { lockEngineForChapter } from '../../../scripts/examples/engine-lock.ts';

const saved = process.env['LAYERBOOK_RUNTIME_DIR'];
afterEach(() => {
	if (saved === undefined) delete process.env['LAYERBOOK_RUNTIME_DIR'];
	else process.env['LAYERBOOK_RUNTIME_DIR'] = saved;
});

describe('lockEngineForChapter', () => {
	it('makes a second process wait until the first chapter run is done', async () => {
		const runtime = await mkdtemp(join(tmpdir(), 'engine-lock-'));
		process.env['LAYERBOOK_RUNTIME_DIR'] = runtime;
		const holder = execa(
			process.execPath,
			['--import', 'tsx', '--input-type=module', '-e', "const { lockEngineForChapter } = await import('./scripts/examples/engine-lock.ts'); const lock = await lockEngineForChapter(); console.log('locked'); await new Promise((r) => setTimeout(r, 1500)); await lock.release();"],
			{ env: { LAYERBOOK_RUNTIME_DIR: runtime }, buffer: false },
		);
		await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));
		const waitedFor: number[] = [];
		const started = Date.now();
		const lock = await lockEngineForChapter((pid) => waitedFor.push(pid));
		expect(waitedFor).toEqual([holder.pid]);
		expect(Date.now() - started).toBeGreaterThan(500);
		await lock.release();
		await holder;
	}, 30_000);

	it('takes over a lock whose process is gone', async () => {
		process.env['LAYERBOOK_RUNTIME_DIR'] = await mkdtemp(join(tmpdir(), 'engine-lock-'));
		const gone = await execa(process.execPath, ['--input-type=module', '-e', "const { writeFileSync } = await import('node:fs'); writeFileSync(process.env.LOCK, String(process.pid));"], {
			env: { LOCK: join(process.env['LAYERBOOK_RUNTIME_DIR'], 'chapter.lock') },
		});
		expect(gone.exitCode).toBe(0);
		const lock = await lockEngineForChapter(() => {
			throw new Error('should not wait for a process that is gone');
		});
		await lock.release();
	});
});
