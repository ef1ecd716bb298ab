/**
 * scripts/engine/debian.ts and tools.ts: old package sets go unless a running process uses them,
 * and the tools come from the host's release.
 */
import { spawn } from 'node:child_process';
import { copyFile, mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeUnusedSets } from '../../../scripts/engine/debian.ts';
import { hostRelease } from '../../../scripts/engine/tools.ts';
import { tempDirs } from '../../temp-dirs.ts';

describe('removing older package sets', () => {
	const tempDir = tempDirs();

	it('keeps a set a running process was started from, and removes it once that process is gone', async () => {
		const dir = await tempDir('layerbook-sets-');
		for (const key of ['aaaaaaaaaaaa', 'bbbbbbbbbbbb', 'cccccccccccc']) await mkdir(join(dir, key, 'root/usr/bin'), { recursive: true });
		// A daemon of another instance, still running from the old set.
		const program = join(dir, 'aaaaaaaaaaaa', 'root/usr/bin/sleep');
		await copyFile('/bin/sleep', program);
		await import('node:fs/promises').then((fs) => fs.chmod(program, 0o755));
		const running = spawn(program, ['30'], { stdio: 'ignore' });
		await new Promise((resolve) => running.once('spawn', resolve));
		try {
			await removeUnusedSets(dir, 'cccccccccccc');
			expect((await readdir(dir)).sort()).toEqual(['aaaaaaaaaaaa', 'cccccccccccc']);
		} finally {
			running.kill('SIGKILL');
			await new Promise((resolve) => running.once('exit', resolve));
		}
		await removeUnusedSets(dir, 'cccccccccccc');
		expect(await readdir(dir)).toEqual(['cccccccccccc']);
	});
});

describe("the engine tools' release", () => {
	it("is the host's Debian release, so the tools' glibc fits; bookworm elsewhere", () => {
		expect(hostRelease('ID=debian\nVERSION_CODENAME=trixie\n')).toBe('trixie');
		expect(hostRelease('ID=ubuntu\nVERSION_CODENAME=noble\n')).toBe('bookworm');
		expect(hostRelease('')).toBe('bookworm');
	});
});
