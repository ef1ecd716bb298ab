/** `npm run export -- <chapter>`: the chapter as one bash script. */
import { chmod, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { chapterScript } from '../../../src/contract/chapter-script.ts';
import { executableBlocks } from '../chapter.ts';
import { fromCaller, readChapter } from './shared.ts';

/** `export <chapter>`: the chapter as one bash script, to a file (`<slug>.sh` by default) or stdout (`--out -`). */
export async function exportChapter(positionals: string[], out: string | undefined): Promise<number> {
	if (positionals.length !== 1) throw new Error('usage: npm run export -- <chapter> [--out file.sh | --out -]');
	const chapter = await readChapter(positionals[0] ?? '');
	const script = chapterScript(chapter.file, chapter.source, { slug: basename(chapter.slug) });
	if (out === '-') {
		process.stdout.write(script);
		return 0;
	}
	const path = fromCaller(out ?? `${basename(chapter.slug)}.sh`);
	await writeFile(path, script);
	await chmod(path, 0o755);
	process.stderr.write(`wrote ${path} (${executableBlocks(chapter).length} blocks of ${chapter.file})\n`);
	return 0;
}
