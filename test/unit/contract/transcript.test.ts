/**
 * src/contract/transcript.ts: a console block read as commands and what each printed, as the
 * harness and the copy button read it.
 */
import { describe, expect, it } from 'vitest';
import { parseTranscript, transcriptCommandLines } from '../../../src/contract/transcript.ts';

describe('parseTranscript', () => {
	it('splits commands, continuation lines and their output, with file lines', () => {
		const code = ['$ docker run --rm \\', '  busybox echo hi', 'hi', '', '$ docker ps', 'CONTAINER ID   IMAGE', '$ true'].join('\n');
		expect(parseTranscript(code, 10)).toEqual({
			commands: [
				{ command: 'docker run --rm \\\n  busybox echo hi', line: 10, expected: 'hi', outputLine: 12, outputLength: 1 },
				{ command: 'docker ps', line: 14, expected: 'CONTAINER ID   IMAGE', outputLine: 15, outputLength: 1 },
				{ command: 'true', line: 16, expected: '', outputLine: 17, outputLength: 0 },
			],
			strayLines: [],
		});
	});

	it('reports text before the first command', () => {
		expect(parseTranscript('output\n$ ls', 5).strayLines).toEqual([5]);
	});

	it('keeps "$" inside output and an empty command', () => {
		const { commands } = parseTranscript("$ echo '$HOME'\n$HOME\n$", 1);
		expect(commands.map((command) => command.expected)).toEqual(['$HOME', '']);
	});

	it('gives the copy button the commands as lines, a bare `$` as an empty one, no output', () => {
		expect(transcriptCommandLines('before\n$ echo a \\\n  b\na b\n$\n$ out\n$ true')).toEqual(['echo a \\', '  b', '', 'out', 'true']);
	});
});
