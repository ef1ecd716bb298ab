/** scripts/examples/watch.ts: `verify --watch` runs again once per burst of saves. */
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { watchFiles, watchLoop } from '../../../scripts/examples/watch.ts';

let directory: string;
let ko: string;
let en: string;

beforeEach(async () => {
	directory = await mkdtemp(join(tmpdir(), 'layerbook-watch-'));
	await mkdir(join(directory, 'en'));
	ko = join(directory, 'chapter.mdx');
	en = join(directory, 'en', 'chapter.mdx');
	await writeFile(ko, 'ko\n');
	await writeFile(en, 'en\n');
});

afterEach(async () => {
	await rm(directory, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, ms = 5000): Promise<void> {
	const deadline = Date.now() + ms;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error('timed out');
		await sleep(20);
	}
}

describe('watchFiles', () => {
	it('reports a burst of saves once, after a quiet moment, for either language', async () => {
		const calls: string[][] = [];
		const watcher = watchFiles([ko, en], (changed) => calls.push(changed.sort()), 150);
		try {
			await writeFile(ko, 'ko 2\n');
			await writeFile(ko, 'ko 3\n');
			await writeFile(en, 'en 2\n');
			await until(() => calls.length > 0);
			await sleep(300);
			expect(calls).toEqual([[en, ko].sort()]);
		} finally {
			watcher.close();
		}
	});

	it('sees a save by rename (as editors do) and ignores other files in the directory', async () => {
		const calls: string[][] = [];
		const watcher = watchFiles([ko], (changed) => calls.push(changed), 100);
		try {
			await writeFile(join(directory, 'other.mdx'), 'x\n');
			await sleep(300);
			expect(calls).toEqual([]);
			await writeFile(join(directory, '.chapter.mdx.swp'), 'new\n');
			await rename(join(directory, '.chapter.mdx.swp'), ko);
			await until(() => calls.length > 0);
			expect(calls).toEqual([[ko]]);
		} finally {
			watcher.close();
		}
	});
});

describe('watchLoop', () => {
	it('runs at once, runs again on a save, and stops a run in progress when the chapter changes', async () => {
		const runs: { changed: string[]; aborted: boolean }[] = [];
		let release: (() => void) | undefined;
		const loop = watchLoop(
			[ko, en],
			async (signal, changed) => {
				const entry = { changed, aborted: false };
				runs.push(entry);
				// The second run waits, as a long chapter would, until the next save aborts it.
				if (runs.length === 2) {
					await new Promise<void>((resolve) => {
						release = resolve;
						signal.addEventListener('abort', () => resolve());
					});
				}
				entry.aborted = signal.aborted;
			},
			100,
		);
		try {
			await until(() => runs.length === 1);
			expect(runs[0]?.changed).toEqual([]);
			await writeFile(en, 'en 2\n');
			await until(() => runs.length === 2);
			expect(runs[1]?.changed).toEqual([en]);
			await writeFile(ko, 'ko 2\n');
			await until(() => runs.length === 3);
			expect(runs[1]?.aborted).toBe(true);
			expect(runs[2]?.changed).toEqual([ko]);
		} finally {
			release?.();
			await loop.close();
		}
		await writeFile(ko, 'ko 3\n');
		await sleep(300);
		expect(runs).toHaveLength(3);
	});
});
