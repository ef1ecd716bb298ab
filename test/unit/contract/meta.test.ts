/** src/contract/meta.ts: the fence meta read as Expressive Code reads it, and checked against the contract's keys. */
import { describe, expect, it } from 'vitest';
import { parseMeta, titlePathProblem } from '../../../src/contract/meta.ts';

describe('parseMeta', () => {
	it('reads every contract key as Expressive Code writes it', () => {
		const result = parseMeta('title="서버 시작" exit=125 timeout=30 retry=10 tty stdin="echo hi\\nexit"');
		expect(result).toEqual({
			ok: true,
			meta: { title: '서버 시작', exit: 125, timeout: 30, retry: 10, tty: true, stdin: 'echo hi\nexit' },
		});
		expect(parseMeta('background')).toEqual({ ok: true, meta: { background: true } });
		expect(parseMeta('skip="needs Docker Hub"')).toEqual({ ok: true, meta: { skip: 'needs Docker Hub' } });
	});

	it('lets Expressive Code display options through', () => {
		expect(parseMeta('{1-3} "docker" ins={4} frame="terminal" wrap')).toEqual({ ok: true, meta: {} });
		expect(parseMeta('')).toEqual({ ok: true, meta: {} });
		expect(parseMeta(undefined)).toEqual({ ok: true, meta: {} });
	});

	it.each([
		['retries=3', /unknown meta key "retries"/],
		['skip', /skip needs a reason/],
		['skip=""', /skip needs a reason/],
		['skip="  "', /skip needs a reason/],
		['exit=0', /exit must be more than 0/],
		['exit=-1', /exit must be more than 0/],
		['exit=abc', /exit must be a whole number/],
		['exit=1.5', /exit must be a whole number/],
		['timeout=0', /timeout: must be more than 0/],
		['stdin="y"', /stdin needs tty/],
		['tty=yes', /tty is a bare flag/],
		['background retry=5', /background block cannot have retry/],
	])('rejects %s', (raw, message) => {
		const result = parseMeta(raw);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.errors.join('\n')).toMatch(message);
	});
});

describe('titlePathProblem', () => {
	it.each(['Dockerfile', 'app/server.js', './index.html', '.dockerignore'])('accepts %s', (title) => {
		expect(titlePathProblem(title)).toBeUndefined();
	});

	it.each([
		['/etc/passwd', /absolute path/],
		['~/x', /absolute path/],
		['../outside', /leaves the working directory/],
		['app/../../x', /leaves the working directory/],
		['app/', /is a directory/],
	])('rejects %s', (title, message) => {
		expect(titlePathProblem(title)).toMatch(message);
	});
});
