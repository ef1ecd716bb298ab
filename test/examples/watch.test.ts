/**
 * `verify --watch` on the engine: it runs the chapter, runs it again when the original or its
 * translation is saved and shows the first failing block with its diff, and Ctrl-C during a run
 * stops it with nothing left running.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, inject, it } from 'vitest';

const chapter = (expected: string, extra = ''): string => `# Watched\n\n\`\`\`console\n$ echo one\n${expected}\n\`\`\`\n${extra}`;

async function until(condition: () => boolean, what: string, printed: () => string, ms = 180_000): Promise<void> {
	const deadline = Date.now() + ms;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; printed:\n${printed()}`);
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}

describe('verify --watch', () => {
	it('runs again on a save of either language, shows the diff, and stops cleanly on Ctrl-C', async () => {
		const { env } = inject('engine');
		const root = await mkdtemp(join(tmpdir(), 'layerbook-watch-'));
		const ko = join(root, 'watched.mdx');
		const en = join(root, 'en', 'watched.mdx');
		await mkdir(join(root, 'en'));
		await writeFile(ko, chapter('one'));
		await writeFile(en, chapter('one'));
		const cli = execa(process.execPath, ['--import', 'tsx', 'scripts/examples/cli.ts', 'verify', '--watch', ko], { all: true, reject: false });
		let printed = '';
		cli.all?.on('data', (chunk: Buffer) => {
			printed += chunk.toString();
		});
		const count = (text: string): number => printed.split(text).length - 1;
		const log = (): string => printed;
		try {
			await until(() => count('watching for the next save') === 1, 'the first run', log);
			expect(printed).toMatch(/✓ .*watched\.mdx: 1 blocks passed/);

			// A wrong expected line: the run fails at that command, with its diff.
			await writeFile(ko, chapter('two'));
			await until(() => count('watching for the next save') === 2, 'the run after the Korean save', log);
			expect(printed).toMatch(/watched\.mdx changed: running watched again/);
			expect(printed).toMatch(/✗ .*watched\.mdx:3 echo one/);
			expect(printed).toContain('- two\n');
			expect(printed).toContain('+ one\n');

			// The translation drifts from the original: said at once, and the chapter runs again.
			await writeFile(en, chapter('two', '\n```sh\necho extra\n```\n'));
			await until(() => count('watching for the next save') === 3, 'the run after the English save', log);
			expect(printed).toMatch(/en\/watched\.mdx changed/);
			expect(printed).toMatch(/en\/watched\.mdx:\d+: executable block that .*watched\.mdx does not have/);

			// A slow block, then Ctrl-C while it runs: the runner stops it and resets the engine.
			await writeFile(ko, chapter('one', '\n```sh\nsleep 619\n```\n'));
			let sleeping = false;
			await until(
				() => {
					void execa('ps', ['-eo', 'args']).then(({ stdout }) => {
						sleeping = /^sleep 619$/m.test(stdout);
					});
					return sleeping;
				},
				'the slow block',
				log,
			);
			cli.kill('SIGINT');
			const result = await cli;
			expect(result.exitCode, printed).toBe(130);
			expect(printed).toMatch(/SIGINT: stopping 1 chapter run\(s\) and resetting the engine/);
			const { stdout } = await execa('ps', ['-eo', 'args']);
			expect(stdout).not.toMatch(/^sleep 619$/m);
			expect((await execa('docker', ['ps', '-aq'], { env })).stdout).toBe('');
		} finally {
			cli.kill('SIGKILL');
			await rm(root, { recursive: true, force: true });
		}
	}, 600_000);
});

describe('verify --watch between runs', () => {
	it('stops at once on Ctrl-C, leaving nothing running', async () => {
		const root = await mkdtemp(join(tmpdir(), 'layerbook-watch-idle-'));
		const ko = join(root, 'idle.mdx');
		await writeFile(ko, chapter('one'));
		const cli = execa(process.execPath, ['--import', 'tsx', 'scripts/examples/cli.ts', 'verify', '--watch', ko], { all: true, reject: false });
		let printed = '';
		cli.all?.on('data', (chunk: Buffer) => {
			printed += chunk.toString();
		});
		try {
			await until(
				() => printed.includes('watching for the next save'),
				'the first run',
				() => printed,
			);
			const started = Date.now();
			cli.kill('SIGINT');
			const result = await cli;
			expect(result.exitCode, printed).toBe(130);
			expect(Date.now() - started).toBeLessThan(5000);
			expect(printed).toContain('stopped watching');
			const { stdout } = await execa('ps', ['-eo', 'args']);
			expect(stdout).not.toContain(ko);
		} finally {
			cli.kill('SIGKILL');
			await rm(root, { recursive: true, force: true });
		}
	}, 300_000);
});
