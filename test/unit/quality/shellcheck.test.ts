/** scripts/quality/shellcheck.ts, and every chapter's commands passing shellcheck. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { chapterFiles, chapterScript, checkChapter, excluded, formatFinding } from '../../../scripts/quality/shellcheck.ts';
import { root } from '../../../scripts/quality/site-build.ts';

const sample = [
	'---',
	'title: sample',
	'---',
	'',
	'```sh',
	'name=$(hostname)',
	'cd app',
	'```',
	'',
	'```console',
	'$ docker rm -f $(docker ps -qa)',
	'[ID]',
	'$ echo $name \\',
	'  > out.txt',
	'```',
	'',
	'```text',
	'docker run [OPTIONS] IMAGE',
	'```',
	'',
	'```sh skip="shown only"',
	'rm $dir/*',
	'```',
	'',
].join('\n');

describe('the shellcheck check', () => {
	test('reads shell blocks and console commands (not their output, not text fences) in order, at their lines', () => {
		const script = chapterScript('sample.mdx', sample);
		expect(script.text).toBe('name=$(hostname)\ncd app\ndocker rm -f $(docker ps -qa)\necho $name \\\n  > out.txt\nrm $dir/*\n');
		expect(script.lines).toEqual([6, 7, 11, 13, 14, 22]);
	});

	test("reports a finding at the chapter's file:line, and leaves out the explained exclusions", () => {
		const findings = checkChapter('sample.mdx', sample);
		// `cd app` (SC2164) and `$(docker ps -qa)` (SC2046) are excluded; `$name` unquoted is not,
		// and `$dir` is both unquoted and never assigned.
		expect(findings.map((finding) => `${finding.file}:${finding.line} ${finding.code}`).sort()).toEqual([
			'sample.mdx:13 SC2086',
			'sample.mdx:22 SC2086',
			'sample.mdx:22 SC2154',
		]);
		expect(formatFinding(findings[0]!)).toMatch(/^sample\.mdx:13: SC2086 \(info\): /);
		expect(Object.keys(excluded)).toEqual(expect.arrayContaining(['SC2164', 'SC2046']));
	});
});

describe.each(chapterFiles())('%s', (file) => {
	test('every shell block and console command passes shellcheck', () => {
		const findings = checkChapter(file, readFileSync(join(root, file), 'utf8'));
		expect(findings.map(formatFinding)).toEqual([]);
	});
});
