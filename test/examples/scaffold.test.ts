/**
 * The scaffold makes a chapter that verifies: `npm run new-chapter`'s pages, written into a temp
 * copy (never into the guide), run as a chapter on the engine and pass.
 */
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { loadChapterFile } from '../../scripts/examples/chapter.ts';
import { runChapter } from '../../scripts/examples/runner.ts';
import { scaffoldChapter } from '../../scripts/examples/scaffold.ts';
import { repositoryRoot } from '../../scripts/host/repository.ts';

describe('npm run new-chapter', () => {
	it('makes a chapter that passes on the engine', async () => {
		const root = await mkdtemp(join(tmpdir(), 'layerbook-new-chapter-'));
		try {
			await mkdir(join(root, 'src', 'contract'), { recursive: true });
			await cp(join(repositoryRoot, 'src', 'contract', 'chapters.ts'), join(root, 'src', 'contract', 'chapters.ts'));
			const [ko] = await scaffoldChapter(root, { slug: 'scaffolded', ko: '새 장', en: 'A new chapter' });
			const chapter = await loadChapterFile(join(root, ko ?? ''), 'scaffolded');
			const result = await runChapter(chapter, inject('engine'));
			const failures = result.blocks.flatMap((block) => (block.failure === undefined ? [] : [JSON.stringify(block.failure, null, 2)]));
			expect(failures.join('\n')).toBe('');
			expect(result.blocks.map((block) => block.status)).toEqual(['passed', 'passed', 'passed']);
		} finally {
			await rm(root, { recursive: true, force: true });
		}
	}, 600_000);
});
