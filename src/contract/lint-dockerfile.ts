/**
 * Static checks of Dockerfile blocks with dockerfile-utils (the validator behind the Docker
 * language server): an unknown instruction or bad syntax is found before anything is built.
 */
import { ValidationCode, validate } from 'dockerfile-utils';

export interface DockerfileProblem {
	/** 0-based line within the block's code. */
	line: number;
	message: string;
}

/** Diagnostics that only mean "this is not a whole Dockerfile", which a fragment never is. */
const wholeFileOnly = new Set<ValidationCode>([ValidationCode.NO_SOURCE_IMAGE]);

/** Error severity of the Language Server Protocol; warnings are style, not correctness. */
const errorSeverity = 1;

export function lintDockerfile(content: string, options: { fragment: boolean }): DockerfileProblem[] {
	return validate(content)
		.filter((diagnostic) => diagnostic.severity === errorSeverity)
		.filter((diagnostic) => !(options.fragment && wholeFileOnly.has(diagnostic.code as ValidationCode)))
		.map((diagnostic) => ({
			line: diagnostic.range.start.line,
			message: typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value,
		}));
}
