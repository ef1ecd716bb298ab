/**
 * The harness finds the repository's files from its own location, which may be a folder whose
 * name has spaces or Korean letters: a URL's `.pathname` keeps them percent-encoded.
 */
import { cp, mkdtemp, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { repositoryRoot } from '../../../scripts/host/repository.ts';

describe('a checkout in a folder named with spaces and Korean letters', () => {
	it('finds its chapters and the sources the result cache is keyed on', async () => {
		const checkout = join(await mkdtemp(join(tmpdir(), 'paths-')), '레이어 북 checkout');
		for (const entry of ['scripts', 'src', 'package.json']) await cp(join(repositoryRoot, entry), join(checkout, entry), { recursive: true });
		await symlink(join(repositoryRoot, 'node_modules'), join(checkout, 'node_modules'));
		const chapterModule = pathToFileURL(join(checkout, 'scripts', 'examples', 'chapter.ts')).href;
		const cacheModule = pathToFileURL(join(checkout, 'scripts', 'examples', 'cache.ts')).href;
		const repositoryModule = pathToFileURL(join(checkout, 'scripts', 'host', 'repository.ts')).href;
		const script = [
			`const chapter = await import(${JSON.stringify(chapterModule)});`,
			`const cache = await import(${JSON.stringify(cacheModule)});`,
			`const repository = await import(${JSON.stringify(repositoryModule)});`,
			'const slugs = await chapter.chapterSlugs();',
			'const sources = await cache.harnessSources();',
			'console.log(JSON.stringify({ root: repository.repositoryRoot, slugs: slugs.length, sources: sources.length }));',
		].join('\n');
		const { stdout } = await execa(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: checkout });
		const seen = JSON.parse(stdout) as { root: string; slugs: number; sources: number };
		expect(seen.root).toBe(checkout);
		expect(seen.slugs).toBeGreaterThan(0);
		expect(seen.sources).toBeGreaterThan(0);
	}, 60_000);
});
