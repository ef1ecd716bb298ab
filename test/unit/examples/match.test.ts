/** scripts/examples/match.ts: terminal output normalised and matched against a block's expected output. */
import { describe, expect, it } from 'vitest';
import { matchOutput, normalise } from '../../../scripts/examples/match.ts';

describe('normalise', () => {
	it('drops the window title an interactive bash sets, spaces and all', () => {
		expect(normalise('\u001b]0;node@abc123: /app\u0007node@abc123:/app$ whoami\r\nnode')).toBe('node@abc123:/app$ whoami\nnode');
	});

	it('turns CRLF into LF, drops ANSI escapes, trailing spaces and trailing blank lines', () => {
		expect(normalise('\u001b[1mbold\u001b[0m  \r\nnext\t\n\n')).toBe('bold\nnext');
	});

	it('lets a lone carriage return overwrite the line, as a terminal shows it', () => {
		expect(normalise('\u001b[1G\u001b[0J> \u001b[3G1 + 2\r\r\n3\r\n')).toBe('> 1 + 2\n3');
		expect(normalise('10%\r100%\n')).toBe('100%');
		expect(normalise('long line\rshort\n')).toBe('shortline');
	});

	it('writes the workspace as [CWD]', () => {
		expect(normalise('/tmp/lb-x/work/app\n', '/tmp/lb-x/work')).toBe('[CWD]/app');
	});
});

describe('matchOutput', () => {
	const ok = (expected: string, actual: string): boolean => matchOutput(expected, actual).ok;

	it('matches literal text exactly', () => {
		expect(ok('hello', 'hello')).toBe(true);
		expect(ok('hello', 'hello!')).toBe(false);
		expect(ok('a.c', 'abc')).toBe(false);
		expect(ok('', '')).toBe(true);
		expect(ok('', 'x')).toBe(false);
	});

	it('lets a ... line stand for any number of lines', () => {
		expect(ok('first\n...\nlast', 'first\nlast')).toBe(true);
		expect(ok('first\n...\nlast', 'first\na\nb\nlast')).toBe(true);
		expect(ok('...', '')).toBe(true);
		expect(ok('...\nlast', 'x\ny\nlast')).toBe(true);
		expect(ok('first\n...', 'first\nmore')).toBe(true);
		expect(ok('first\n...\nlast', 'first\na')).toBe(false);
	});

	it('lets [..] stand for any text within a line', () => {
		expect(ok('Status: [..] for nginx:latest', 'Status: Downloaded newer image for nginx:latest')).toBe(true);
		expect(ok('a[..]b', 'a\nb')).toBe(false);
	});

	it.each([
		['[ID]', '3f1c2b9a8d7e', 'sha256:3f1c'],
		['[DIGEST]', `sha256:${'ab12'.repeat(16)}`, 'sha256:abc'],
		['[SIZE]', '199MB', 'big'],
		['[SIZE]', '5.3kB', '5.3 parsecs'],
		['[SIZE]', '1.1GB', '1.1'],
		['[AGO]', 'Less than a second ago', 'a while ago'],
		['[AGO]', 'About a minute ago', 'About a minute'],
		['[AGO]', '3 minutes ago', '3 minutes'],
		['[NAME]', 'brave_cohen', 'Brave Cohen'],
		['[CWD]/app', '[CWD]/app', '/tmp/app'],
	])('%s matches %s and not %s', (pattern, good, bad) => {
		expect(ok(pattern, good)).toBe(true);
		expect(ok(pattern, bad)).toBe(false);
	});

	it('reads a docker ps line with several placeholders', () => {
		expect(
			ok(
				'[ID]   nginx     "/docker-entrypoint.…"   [AGO]   Up [..]   80/tcp    [NAME]',
				'3f1c2b9a8d7e   nginx     "/docker-entrypoint.…"   2 seconds ago   Up 1 second   80/tcp    brave_cohen',
			),
		).toBe(true);
	});

	it('diffs expected against actual, placeholders counted as matching', () => {
		const result = matchOutput('one\n[ID]\nthree\n...\nlast', 'one\nabcdefabcdef\nTHREE\nx\ny\nlast');
		expect(result.ok).toBe(false);
		expect(result.diff).toBe(['- expected', '+ actual', '  one', '  abcdefabcdef', '- three', '+ THREE', '  x', '  y', '  last'].join('\n'));
	});

	it('shows the absorbed lines next to a change as context', () => {
		const actual = ['#1 one', '#2 two', '#3 three', '#4 four', '#5 five', '#6 naming to docker.io/library/app done'].join('\n');
		expect(matchOutput('...\n#[..] naming to docker.io/library/app:latest done', actual).diff).toBe(
			[
				'- expected',
				'+ actual',
				'  ... (3 lines)',
				'  #4 four',
				'  #5 five',
				'  #6 naming to docker.io/library/app done',
				'- #[..] naming to docker.io/library/app:latest done',
			].join('\n'),
		);
	});

	it('shows missing and extra lines', () => {
		expect(matchOutput('a\nb', 'a').diff).toBe('- expected\n+ actual\n  a\n- b');
		expect(matchOutput('a', 'a\nb').diff).toBe('- expected\n+ actual\n  a\n+ b');
	});
});
