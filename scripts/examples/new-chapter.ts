/**
 * `npm run new-chapter -- <slug> "<Korean title>" "<English title>"`: a new chapter's files
 * (scaffold.ts), and what to do next.
 */
import { repositoryRoot } from '../host/repository.ts';
import { ScaffoldError, scaffoldChapter } from './scaffold.ts';

const [slug, ko, en, ...rest] = process.argv.slice(2);
if (slug === undefined || ko === undefined || en === undefined || rest.length > 0) {
	process.stderr.write('usage: npm run new-chapter -- <slug> "<Korean title>" "<English title>"\n');
	process.exitCode = 2;
} else {
	try {
		const written = await scaffoldChapter(repositoryRoot, { slug, ko, en });
		process.stdout.write(
			[
				...written.map((path) => `created ${path}`),
				'',
				'Next:',
				`  1. write the chapter in ${written[0]} and translate it in ${written[1]} (same blocks, same code)`,
				`  2. npm run verify -- ${slug}            (or --watch ${slug} while you write)`,
				`  3. npm run record -- ${slug} && npm run record:check`,
				`  4. commit the four files above with src/data/record.json`,
				'',
			].join('\n'),
		);
	} catch (error) {
		if (!(error instanceof ScaffoldError)) throw error;
		process.stderr.write(`new-chapter: ${error.message}\n`);
		process.exitCode = 1;
	}
}
