/** scripts/quality/is-main.ts: a CLI file knows when it is the script that was run. */
import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { isMain } from '../../../scripts/quality/is-main.ts';

const helper = fileURLToPath(new URL('../../../scripts/quality/is-main.ts', import.meta.url));

/** A script that says whether it thinks it is the entry point, in a folder named with a space and Korean letters. */
async function entryScript(): Promise<{ real: string; linked: string }> {
	const base = await mkdtemp(join(tmpdir(), 'is-main-'));
	const real = join(base, '진짜 폴더', 'entry.ts');
	await mkdir(join(base, '진짜 폴더'));
	await writeFile(real, `import { isMain } from ${JSON.stringify(pathToFileURL(helper).href)};\nconsole.log(isMain(import.meta.url) ? 'main' : 'imported');\n`);
	await mkdir(join(base, 'link'));
	const linked = join(base, 'link', 'entry.ts');
	await symlink(real, linked);
	return { real, linked };
}

describe('isMain', () => {
	it('is true for the file run, by its own path and through a symlink', async () => {
		const { real, linked } = await entryScript();
		for (const path of [real, linked]) {
			const { stdout } = await execa(process.execPath, ['--import', 'tsx', path]);
			expect(stdout, path).toBe('main');
		}
	}, 30_000);

	it('is false for a module imported by another entry point', async () => {
		const { real } = await entryScript();
		const { stdout } = await execa(process.execPath, [
			'--import',
			'tsx',
			'--input-type=module',
			'-e',
			`await import(${JSON.stringify(pathToFileURL(real).href)});`,
		]);
		expect(stdout).toBe('imported');
		expect(isMain(pathToFileURL(real).href, undefined)).toBe(false);
		expect(isMain(pathToFileURL(real).href, join(tmpdir(), 'no such entry.ts'))).toBe(false);
	}, 30_000);
});
