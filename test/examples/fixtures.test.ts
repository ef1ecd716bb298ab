/**
 * The harness catches what it must: broken fixture chapters each fail with the right message at
 * the right line, leave nothing running, and good fixtures that use every feature pass.
 */
import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { describe, expect, inject, it } from 'vitest';
import { loadChapterFile } from '../../scripts/examples/chapter.ts';
import { ChapterProblems } from '../../src/contract/problem.ts';
import type { ChapterResult } from '../../scripts/examples/result.ts';
import { runChapter } from '../../scripts/examples/runner.ts';
import { chapterSuite } from './chapter-suite.ts';

const fixtures = new URL('fixtures/', import.meta.url);

async function run(name: string): Promise<ChapterResult> {
	const chapter = await loadChapterFile(fileURLToPath(new URL(`broken/${name}`, fixtures)), `broken/${name.replace(/\.mdx$/, '')}`);
	return runChapter(chapter, inject('engine'));
}

/** The failing block's failure, after checking that every block after it was not run. */
function failureOf(result: ChapterResult) {
	expect(result.status).toBe('failed');
	const index = result.blocks.findIndex((block) => block.status === 'failed');
	expect(index).toBeGreaterThanOrEqual(0);
	for (const later of result.blocks.slice(index + 1)) {
		expect(later.status).toBe('not run');
		expect(later.reason).toMatch(/^not run: .*:\d+ failed before it$/);
	}
	const failure = result.blocks[index]?.failure;
	if (failure === undefined) throw new Error('no failure recorded');
	expect(failure.containers).toMatch(/^\$ docker ps -a\nCONTAINER ID/);
	return failure;
}

async function engineIsEmpty(): Promise<void> {
	const { env } = inject('engine');
	const { stdout } = await execa('docker', ['ps', '-aq'], { env });
	expect(stdout).toBe('');
}

describe('broken fixtures', () => {
	it('wrong output: a diff at the command', async () => {
		const failure = failureOf(await run('wrong-output.mdx'));
		expect(failure.file).toBe('test/examples/fixtures/broken/wrong-output.mdx');
		expect(failure.line).toBe(8);
		expect(failure.message).toBe('output differs from the transcript');
		expect(failure.diff).toBe('- expected\n+ actual\n  one\n- TWO\n+ two\n  three');
	});

	it('failing command: the first failing command, at its own line', async () => {
		const failure = failureOf(await run('failing-command.mdx'));
		expect(failure.line).toBe(7);
		expect(failure.message).toBe('command failed with exit code 2');
		expect(failure.command).toBe('ls app/missing \\\n  --color=never');
		expect(failure.lastLines).toMatch(/ls: cannot access 'app\/missing': No such file or directory/);
	});

	it('missing file: the command that needs it', async () => {
		const failure = failureOf(await run('missing-file.mdx'));
		expect(failure.line).toBe(11);
		expect(failure.exitCode).toBe(1);
		expect(failure.lastLines).toMatch(/cat: config.json: No such file or directory/);
	});

	it("missing file in a build: the build command, with the builder's words", async () => {
		const failure = failureOf(await run('missing-file-in-build.mdx'));
		expect(failure.line).toBe(11);
		expect(failure.message).toBe('command failed with exit code 1');
		expect(failure.lastLines).toMatch(/server\.js.*not found/);
	});

	it('a Dockerfile that does not build: the build command fails', async () => {
		const failure = failureOf(await run('dockerfile-does-not-build.mdx'));
		expect(failure.line).toBe(11);
		expect(failure.command).toBe('docker build -t broken .');
		expect(failure.lastLines).toMatch(/exit code: 7/);
	});

	it('a server that never answers: retried, then failed, with the containers shown', async () => {
		const failure = failureOf(await run('server-never-answers.mdx'));
		expect(failure.line).toBe(10);
		expect(failure.message).toMatch(/^command failed with exit code 7 \(still failing after \d+ tries in [\d.]+ s\)$/);
		expect(failure.containers).toMatch(/silent/);
		await engineIsEmpty();
	});

	it('a hung command: killed at its timeout, nothing left running', async () => {
		const started = Date.now();
		const failure = failureOf(await run('hung-command.mdx'));
		expect(failure.line).toBe(5);
		expect(failure.message).toBe('timed out after 3 s: its processes were killed');
		expect(Date.now() - started).toBeLessThan(60_000);
		const { stdout } = await execa('ps', ['-eo', 'args']);
		expect(stdout).not.toMatch(/^sleep 617$/m);
	});

	it('exit=N on a command that succeeds', async () => {
		const failure = failureOf(await run('wrong-exit.mdx'));
		expect(failure.line).toBe(6);
		expect(failure.message).toBe('the last command exited with 0, expected exit=1');
	});

	it('every broken fixture is asserted above', async () => {
		const names = (await readdir(new URL('broken/', fixtures))).sort();
		expect(names).toEqual([
			'dockerfile-does-not-build.mdx',
			'failing-command.mdx',
			'hung-command.mdx',
			'missing-file-in-build.mdx',
			'missing-file.mdx',
			'server-never-answers.mdx',
			'wrong-exit.mdx',
			'wrong-output.mdx',
		]);
	});
});

describe('input refused before anything runs', () => {
	it.each([
		['path-escape.mdx', 5, /title "\.\.\/server\.js" leaves the working directory/],
		['unknown-key.mdx', 7, /unknown meta key "retries"/],
		['malformed.mdx', 7, /malformed MDX: Expected a closing tag for `<Aside>`/],
	])('%s: at its line', async (name, line, message) => {
		const path = fileURLToPath(new URL(`invalid/${name}`, fixtures));
		const error: unknown = await loadChapterFile(path, name).then(
			() => undefined,
			(caught: unknown) => caught,
		);
		expect(error).toBeInstanceOf(ChapterProblems);
		const [problem] = error instanceof ChapterProblems ? error.problems : [];
		expect(problem?.line).toBe(line);
		expect(problem?.message).toMatch(message);
	});
});

describe('Ctrl-C', () => {
	it('stops the chapter, its background blocks and containers, and resets the engine', async () => {
		const { env } = inject('engine');
		const chapter = fileURLToPath(new URL('interrupt/long-running.mdx', fixtures));
		const cli = execa(process.execPath, ['--import', 'tsx', 'scripts/examples/cli.ts', 'verify', chapter], { all: true, reject: false });
		let printed = '';
		cli.all?.on('data', (chunk: Buffer) => {
			printed += chunk.toString();
		});
		// Once the last block has started and its containers run, interrupt it as a terminal would.
		const deadline = Date.now() + 120_000;
		while (!printed.includes('long-running.mdx:9 ') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
		for (;;) {
			const { stdout } = await execa('docker', ['ps', '-q'], { env });
			if (stdout.split('\n').filter(Boolean).length === 2 || Date.now() > deadline) break;
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
		cli.kill('SIGINT');
		const result = await cli;
		expect(result.exitCode, printed).toBe(130);
		expect(printed).toMatch(/SIGINT: stopping 1 chapter run\(s\) and resetting the engine/);
		expect((await execa('docker', ['ps', '-aq'], { env })).stdout).toBe('');
		const { stdout } = await execa('ps', ['-eo', 'args']);
		expect(stdout).not.toMatch(/^sleep 63[123]$/m);
		expect(stdout).not.toMatch(/docker run --rm --name interrupted/);
	});
});

// Good fixtures run as chapters do: one test per block, all passing.
for (const name of (await readdir(new URL('good/', fixtures))).sort()) {
	const chapter = await loadChapterFile(fileURLToPath(new URL(`good/${name}`, fixtures)), `good/${name.replace(/\.mdx$/, '')}`);
	chapterSuite(chapter, {
		name: `good fixture ${name}`,
		engine: () => inject('engine'),
		store: inject('engine').store,
		useCache: false,
		check: (result) => {
			if (result.status === 'skipped') return;
			expect(result.failure).toBeUndefined();
			expect(result.status).toBe('passed');
		},
	});
}
