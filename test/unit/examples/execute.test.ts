/** scripts/examples/execute.ts: a block run in a session and held to the contract, reported at the line that failed. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeBlock } from '../../../scripts/examples/execute.ts';
import { extractBlocks } from '../../../src/contract/extract.ts';
import { Session } from '../../../scripts/examples/session.ts';

// Blocks of plain commands: the contract's rules need no daemon to be checked.
let session: Session;
beforeAll(async () => {
	session = await Session.start({ env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin' } });
});
afterAll(async () => {
	await session.close();
	await session.remove();
});

function block(fence: string, body: string) {
	const [only] = extractBlocks('chapter.mdx', `Text\n\n${fence}\n${body}\n\`\`\``);
	if (only === undefined) throw new Error('no block');
	return only;
}

describe('executeBlock', () => {
	it('reports a shell block at its failing command, continuation lines included', async () => {
		const result = await executeBlock(block('```sh', 'echo start\nls \\\n  /missing\necho never'), session);
		expect(result.status).toBe('failed');
		expect(result.failure).toMatchObject({
			file: 'chapter.mdx',
			line: 5,
			command: 'ls \\\n  /missing',
			exitCode: 2,
			message: 'command failed with exit code 2',
		});
	});

	it('reports a last command that returned non-zero after a block that passed, at its own line', async () => {
		expect((await executeBlock(block('```sh', 'echo ok'), session)).status).toBe('passed');
		const result = await executeBlock(block('```sh', 'echo a\n[ -f /nonexistent ] && echo yes'), session);
		expect(result).toMatchObject({ status: 'failed', output: 'a' });
		expect(result.failure).toMatchObject({ line: 5, command: '[ -f /nonexistent ] && echo yes', exitCode: 1, message: 'command failed with exit code 1' });
	});

	it('holds exit=N to the last command only', async () => {
		expect((await executeBlock(block('```sh exit=3', 'echo ok\n(exit 3)'), session)).status).toBe('passed');
		const early = await executeBlock(block('```sh exit=3', '(exit 3)\necho ok'), session);
		expect(early.failure?.message).toBe('command failed with exit code 3 before the last command (exit=3 is for the last one)');
		const none = await executeBlock(block('```sh exit=3', 'true'), session);
		expect(none.failure?.message).toBe('the last command exited with 0, expected exit=3');
	});

	it('matches a console transcript command by command, with [CWD]', async () => {
		const passed = await executeBlock(block('```console', '$ pwd\n[CWD]\n$ printf "a\\nb\\nc\\n"\na\n...\n$ true'), session);
		expect(passed.status).toBe('passed');
		expect(passed.output).toBe('$ pwd\n[CWD]\n$ printf "a\\nb\\nc\\n"\na\nb\nc\n$ true');
		const failed = await executeBlock(block('```console', '$ echo one\none\n$ echo two\nthree'), session);
		expect(failed.failure).toMatchObject({ line: 6, message: 'output differs from the transcript', diff: '- expected\n+ actual\n- three\n+ two' });
	});

	it('with update, keeps going and hands back what differed', async () => {
		const result = await executeBlock(block('```console', '$ echo one\nuno\n$ echo two\ntwo'), session, { update: true });
		expect(result.status).toBe('passed');
		expect(result.updates).toEqual([{ command: 0, actual: 'one' }]);
	});

	it('types tty input at the prompt the transcript shows, however long the program takes to print it', async () => {
		// Longer than the screen was once left quiet for before typing into a program that printed nothing.
		const result = await executeBlock(block('```console tty stdin="Bob"', '$ sleep 2; printf \'name? \'; read -r x; echo "hi $x"\nname? Bob\nhi Bob'), session);
		expect(result.output).toBe('$ sleep 2; printf \'name? \'; read -r x; echo "hi $x"\nname? Bob\nhi Bob');
		expect(result.status).toBe('passed');
	});

	it('types each tty line at its own prompt when the same prompt comes back', async () => {
		const code = '$ for i in 1 2; do sleep 1; printf \'in> \'; read -r v; echo "got $v"; done\nin> one\ngot one\nin> two\ngot two';
		const result = await executeBlock(block('```console tty stdin="one\\ntwo"', code), session);
		expect(result.output).toBe(code);
		expect(result.status).toBe('passed');
	});

	it('says which prompt it waited for when a tty block times out before it appears', async () => {
		// A time limit closes the shell: this one has a shell of its own.
		const own = await Session.start({ env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin' } });
		try {
			const result = await executeBlock(block('```console tty stdin="Bob" timeout=2', '$ read -r x; echo "hi $x"\nname? Bob\nhi Bob'), own);
			expect(result.failure?.message).toBe('timed out after 2 s waiting for the prompt "name?" before typing "Bob": its processes were killed');
		} finally {
			await own.close();
			await own.remove();
		}
	});

	it('retries until the block passes', async () => {
		const marker = join(session.workspace, 'attempts');
		const result = await executeBlock(block('```sh retry=10', `echo x >> ${marker}\ntest "$(wc -l < ${marker})" -ge 3`), session);
		expect(result.status).toBe('passed');
		expect(await readFile(marker, 'utf8')).toBe('x\nx\nx\n');
	});

	it('writes a file block relative to the current directory', async () => {
		await executeBlock(block('```sh', 'mkdir -p site && cd site'), session);
		await executeBlock(block('```html title="public/index.html"', '<h1>hi</h1>'), session);
		expect(await readFile(join(session.workspace, 'site', 'public', 'index.html'), 'utf8')).toBe('<h1>hi</h1>\n');
	});

	it('skips with the reason', async () => {
		expect(await executeBlock(block('```sh skip="needs Docker Hub"', 'docker push x'), session)).toMatchObject({
			status: 'skipped',
			reason: 'needs Docker Hub',
		});
	});
});

describe('--update on a retry block', () => {
	it('takes the output of the attempt that passed, not the first attempt', async () => {
		const counter = 'n=$(cat tries 2>/dev/null || echo 0); n=$((n + 1)); echo "$n" > tries; [ "$n" -ge 3 ] && echo ready || echo waiting';
		const result = await executeBlock(block('```console retry=10', `$ ${counter}\nready`), session, { update: true });
		expect(result.status).toBe('passed');
		expect(result.updates).toBeUndefined();
		expect(result.output).toContain('ready');
	});

	it('takes the last attempt when no attempt passes', async () => {
		const result = await executeBlock(block('```console retry=2', '$ echo "still $((RANDOM % 1 + 1))"\nnever'), session, { update: true });
		expect(result.status).toBe('passed');
		expect(result.updates).toEqual([{ command: 0, actual: 'still 1' }]);
	});
});
