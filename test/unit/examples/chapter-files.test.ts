/** Every chapter with executable blocks has its test file in the examples suite, and nothing else is there. */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { chapterSlugs, executableBlocks, loadChapter } from '../../../scripts/examples/chapter.ts';

const chapterTests = fileURLToPath(new URL('../../examples/chapters/', import.meta.url));

test('every chapter with executable blocks has its own examples test file, and no other file is there', async () => {
	const expected: string[] = [];
	for (const slug of await chapterSlugs()) {
		if (executableBlocks(await loadChapter(slug)).length > 0) expected.push(`${slug}.test.ts`);
	}
	const present = readdirSync(chapterTests).filter((name) => name.endsWith('.test.ts'));
	expect(present.sort(), 'add test/examples/chapters/<slug>.test.ts for a new chapter').toEqual(expected.sort());
	for (const name of present) {
		expect(readFileSync(`${chapterTests}${name}`, 'utf8')).toContain(`declareChapter('${name.replace(/\.test\.ts$/, '')}')`);
	}
});
