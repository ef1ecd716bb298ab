/** `npm run record:check`: whether the record covers every executable block as the chapters are now. */
import { formatProblem } from '../../../src/contract/problem.ts';
import { checkRecord } from '../record-check.ts';
import { write } from './shared.ts';

export async function check(): Promise<number> {
	const problems = await checkRecord();
	for (const problem of problems) write(formatProblem(problem));
	if (problems.length > 0) {
		write(`\n${problems.length} problem(s): the record is not current. Run npm run record (it runs only what changed).`);
		return 1;
	}
	write("record: every executable block is recorded, every translation holds the original's blocks");
	return 0;
}
