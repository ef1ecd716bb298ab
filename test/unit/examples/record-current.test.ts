/**
 * `npm run record:check` as part of `npm test`: no daemon, seconds. Fails when a chapter's
 * executable block has no passed or skipped entry in the committed record, or a translation's
 * blocks differ from the original's.
 */
import { expect, it } from 'vitest';
import { formatProblem } from '../../../src/contract/problem.ts';
import { checkRecord } from '../../../scripts/examples/record-check.ts';

it('the committed record covers every executable block of every chapter', async () => {
	const problems = (await checkRecord()).map(formatProblem);
	expect(problems, 'run npm run record (it runs only the chapters that changed)').toEqual([]);
}, 60_000);
