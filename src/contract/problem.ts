/**
 * A problem in a chapter's source, reported at `file:line` before anything runs, so an author
 * can jump straight to the fence that is wrong.
 */
export interface Problem {
	file: string;
	line: number;
	message: string;
}

export function formatProblem(problem: Problem): string {
	return `${problem.file}:${problem.line}: ${problem.message}`;
}

/** Every problem found in one or more chapters, thrown once so an author sees them all together. */
export class ChapterProblems extends Error {
	readonly problems: readonly Problem[];

	constructor(problems: readonly Problem[], options?: { cause?: unknown }) {
		super(problems.map(formatProblem).join('\n'), options);
		this.name = 'ChapterProblems';
		this.problems = problems;
	}
}
