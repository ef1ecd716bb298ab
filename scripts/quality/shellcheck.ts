/**
 * `npm run lint:shell [-- file.mdx ...]`: Debian's shellcheck over every command a chapter asks a
 * reader to type, each finding reported at the chapter's own `file:line`.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { extractBlocks } from '../../src/contract/extract.ts';
import { ChapterProblems, formatProblem } from '../../src/contract/problem.ts';
import { parseTranscript } from '../../src/contract/transcript.ts';
import { shellcheckPath } from './host-tools.ts';
import { isMain } from './is-main.ts';
import { root } from './site-build.ts';

/**
 * The project's exclusions. Each is a finding that is right for a script someone maintains and
 * wrong for a tutorial a reader types line by line:
 */
export const excluded: Record<string, string> = {
	// `cd dir` without `|| exit`: a reader types one command at a time and sees a failed cd; the
	// harness stops the chapter at its first failing command anyway.
	SC2164: 'cd without || exit',
	// `docker rm -f $(docker ps -qa)`: splitting a command substitution into words (one argument
	// per container id) is the very point of the idiom the guide teaches.
	SC2046: 'unquoted command substitution split into arguments on purpose',
	// `docker run ... sh -c 'echo $HOME'`: single quotes that keep `$` from the reader's shell so
	// the container's shell expands it are what the guide teaches, not a mistake.
	SC2016: "expressions in single quotes meant for the container's shell",
	// `cd ..` in a block of its own: a tutorial walks the reader into a directory and back out
	// between blocks; a ( subshell ) would undo the cd before the next block needs it.
	SC2103: 'cd back instead of a subshell',
};

export interface Finding {
	file: string;
	line: number;
	code: string;
	level: string;
	message: string;
}

interface Script {
	text: string;
	/** The chapter's line for each line of the script (index 0 is the script's line 1). */
	lines: number[];
}

/**
 * A chapter's shell blocks and console commands, in order, as one bash script: read with the
 * harness's own extraction (src/contract/extract.ts), so what is checked is exactly what is run, and
 * checked together as the one bash session they run in (a variable set in one block and used in a
 * later one is not "unassigned").
 */
export function chapterScript(file: string, source: string): Script {
	const script: Script = { text: '', lines: [] };
	const add = (code: string, firstLine: number): void => {
		const lines = code.replace(/\n$/, '').split('\n');
		lines.forEach((line, index) => {
			script.text += `${line}\n`;
			script.lines.push(firstLine + index);
		});
	};
	for (const block of extractBlocks(file, source)) {
		if (block.kind === 'shell') add(block.code, block.codeLine);
		if (block.kind === 'console') {
			for (const command of parseTranscript(block.code, block.codeLine).commands) add(command.command, command.line);
		}
	}
	return script;
}

interface ShellcheckComment {
	line: number;
	code: number;
	level: string;
	message: string;
}

/** shellcheck's findings for one chapter, at the chapter's lines. */
export function checkChapter(file: string, source: string): Finding[] {
	const script = chapterScript(file, source);
	if (script.text === '') return [];
	const binary = shellcheckPath();
	const result = spawnSync(binary, ['--shell=bash', '--format=json1', '--severity=style', `--exclude=${Object.keys(excluded).join(',')}`, '-'], {
		input: script.text,
		encoding: 'utf8',
	});
	// 0: clean, 1: findings; anything else is shellcheck failing.
	if (result.status !== 0 && result.status !== 1) {
		throw new Error(`shellcheck failed on ${file} (exit ${String(result.status)}): ${result.stderr}`);
	}
	const comments = (JSON.parse(result.stdout) as { comments: ShellcheckComment[] }).comments;
	return comments.map((comment) => ({
		file,
		line: script.lines[comment.line - 1] ?? 0,
		code: `SC${comment.code}`,
		level: comment.level,
		message: comment.message,
	}));
}

/** Every chapter file, originals and translations (readers type the commands of both). */
export function chapterFiles(): string[] {
	const docs = join(root, 'src', 'content', 'docs');
	return readdirSync(docs, { recursive: true, encoding: 'utf8' })
		.filter((path) => path.endsWith('.mdx'))
		.map((path) => relative(root, join(docs, path)))
		.sort();
}

export function formatFinding(finding: Finding): string {
	return `${finding.file}:${finding.line}: ${finding.code} (${finding.level}): ${finding.message} [https://www.shellcheck.net/wiki/${finding.code}]`;
}

function main(): number {
	const files = process.argv.slice(2).length > 0 ? process.argv.slice(2).map((path) => relative(root, join(process.cwd(), path))) : chapterFiles();
	let count = 0;
	for (const file of files) {
		try {
			for (const finding of checkChapter(file, readFileSync(join(root, file), 'utf8'))) {
				process.stdout.write(`${formatFinding(finding)}\n`);
				count += 1;
			}
		} catch (error) {
			if (!(error instanceof ChapterProblems)) throw error;
			for (const problem of error.problems) process.stdout.write(`${formatProblem(problem)}\n`);
			count += error.problems.length;
		}
	}
	process.stdout.write(count === 0 ? `shellcheck: ${files.length} chapter files, no finding\n` : `\nshellcheck: ${count} finding(s)\n`);
	return count === 0 ? 0 : 1;
}

if (isMain(import.meta.url)) process.exitCode = main();
