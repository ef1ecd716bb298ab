/** src/contract/chapter-script.ts: each chapter as the bash script a reader downloads, and that the scripts pass shellcheck. */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chapterSlugs, docsDirectory } from '../../../scripts/examples/chapter.ts';
import { repositoryRoot } from '../../../scripts/host/repository.ts';
import { shellcheckPath } from '../../../scripts/quality/host-tools.ts';
import { excluded } from '../../../scripts/quality/shellcheck.ts';
import { chapterScript, cleanupLine, frontmatterTitle, unscopedCommand, withoutTerminal } from '../../../src/contract/chapter-script.ts';
import { chapters } from '../../../src/contract/chapters.ts';
import { GET, getStaticPaths } from '../../../src/pages/scripts/[slug].sh.ts';

const fence = (open: string, code: string): string => `${open}\n${code}\n\`\`\``;

function script(...parts: string[]): string {
	return chapterScript('docs/x.mdx', ['---', 'title: 9. 연습', '---', '', ...parts, ''].join('\n\n'), { slug: 'x' });
}

/** Every real chapter's script, as the site serves it. */
async function realScripts(): Promise<{ slug: string; text: string }[]> {
	return (await chapterSlugs()).map((slug) => {
		const file = join(docsDirectory, `${slug}.mdx`);
		return { slug, text: chapterScript(file.slice(repositoryRoot.length + 1), readFileSync(file, 'utf8'), { slug }) };
	});
}

/** A directory holding a `docker` that prints its arguments, each in <>, and answers `context inspect` with $FAKE_CONTEXT_HOST. */
const fakeBin = mkdtempSync(join(tmpdir(), 'layerbook-fake-docker-'));
writeFileSync(
	join(fakeBin, 'docker'),
	[
		'#!/bin/sh',
		'if [ "$1 $2" = "context inspect" ]; then echo "${FAKE_CONTEXT_HOST:-unix:///var/run/docker.sock}"; exit 0; fi',
		"printf 'docker'; printf '<%s>' \"$@\"; echo",
		'',
	].join('\n'),
);
chmodSync(join(fakeBin, 'docker'), 0o755);
afterAll(() => rmSync(fakeBin, { recursive: true, force: true }));

/** Runs bash with the fake docker first on PATH and nothing else of this process's environment. */
function bash(args: string[], env: Record<string, string> = {}, input = ''): { status: number | null; stdout: string; stderr: string } {
	const result = spawnSync('bash', args, {
		input,
		encoding: 'utf8',
		env: { PATH: `${fakeBin}:/usr/bin:/bin`, TMPDIR: fakeBin, HOME: fakeBin, ...env },
	});
	return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The script's `docker` function, as written in it. */
function dockerFunction(text: string): string {
	const found = /^docker\(\) \{\n[\s\S]*?\n\}\n/m.exec(text)?.[0];
	if (found === undefined) throw new Error('the script defines no docker function');
	return found;
}

/** What the fake docker received when the script's function ran these commands. */
function throughFunction(text: string, command: string): { status: number | null; stdout: string; stderr: string } {
	return bash(['-c', `${dockerFunction(text)}\n${command}`]);
}

describe('chapterScript', () => {
	it('writes files as heredocs with a quoted delimiter, then runs commands in order', () => {
		const text = script(fence('```js title="app/server.js"', 'console.log(`$HOME ${x}`);'), fence('```console', '$ node app/server.js\n$HOME'));
		expect(text).toContain("mkdir -p 'app'\ncat > 'app/server.js' <<'EOF_LAYERBOOK'\nconsole.log(`$HOME ${x}`);\nEOF_LAYERBOOK\n");
		expect(text.indexOf('EOF_LAYERBOOK\n')).toBeLessThan(text.indexOf('\nnode app/server.js\n'));
		expect(text).toMatch(/^#!\/usr\/bin\/env bash\n# Layerbook: 9\. 연습\n/);
	});

	it("runs a store pair's commands once when they are the same, else the half for the reader's store", () => {
		const same = script(fence('```console store=containerd', '$ docker image ls\nA'), fence('```console store=classic', '$ docker image ls\nB'));
		expect(same).toContain('# docs/x.mdx:9: a store pair (its output differs between the image stores, its commands do not)\ndocker image ls\n');
		expect(same.match(/^docker image ls$/gm)).toHaveLength(1);
		const different = script(fence('```sh store=containerd', 'docker image ls --digests'), fence('```sh store=classic', 'docker image ls'));
		expect(different).toContain(
			`if [ "$(docker info -f '{{.Driver}}')" = overlay2 ]; then\n# docs/x.mdx:13\ndocker image ls\nelse\n# docs/x.mdx:9\ndocker image ls --digests\nfi\n`,
		);
	});

	it('picks a delimiter the file does not contain', () => {
		expect(script(fence('```text title="notes.txt"', 'EOF_LAYERBOOK'))).toContain("<<'EOF_LAYERBOOK_2'\nEOF_LAYERBOOK\nEOF_LAYERBOOK_2\n");
	});

	it('starts a background block with & in a process group of its own, and stops it at the end', () => {
		const text = script(fence('```sh background', 'docker run --name web -p 8080:80 nginx'));
		expect(text).toContain(
			'set -m\n{\ndocker run --name web -p 8080:80 nginx\n} >>"$layerbook_logs/background.log" 2>&1 &\nlayerbook_background+=("$!")\nset +m\n',
		);
		expect(text).toMatch(/layerbook_cleanup\nlayerbook_stop_background\necho "x: every example ran"\n$/);
	});

	it('runs a tty block without a terminal, its input piped in, or leaves it out with a comment', () => {
		expect(script(fence('```console tty stdin="1 + 2\\n.exit\\n"', '$ docker run -it --rm node\n> 1 + 2\n3'))).toContain(
			"printf '%s\\n' '1 + 2' '.exit' | docker run -i --rm node || true\n",
		);
		expect(script(fence('```console tty', '$ docker exec -it web sh'))).toContain('docker exec -i web sh </dev/null || true\n');
		const left = script(fence('```console tty stdin="q"', '$ top'));
		expect(left).toContain('skipped: it needs a terminal (tty)');
		expect(left).toContain('#   top');
		expect(left).not.toMatch(/^top$/m);
	});

	it('lets the last command of an exit=N block fail, with a comment', () => {
		const text = script(fence('```console exit=125', '$ docker run -d --name a busybox sleep 9\n[..]\n$ docker run --name a busybox true\ndocker: Error'));
		expect(text).toContain(
			'the last command fails on purpose (the page shows exit code 125)\ndocker run -d --name a busybox sleep 9\n{\ndocker run --name a busybox true\n} || true\n',
		);
	});

	it('retries a retry block until it passes or its time is up', () => {
		const text = script(fence('```console retry=20', '$ curl -s localhost:8080\nhello\n$ echo done\ndone'));
		expect(text).toContain(
			'layerbook_until=$((SECONDS + 20))\nuntil {\ncurl -s localhost:8080 &&\necho done\n}; do\n\tif [ "$SECONDS" -ge "$layerbook_until" ]; then',
		);
	});

	it('keeps a skipped block as a comment with its reason, and leaves shown blocks out', () => {
		const text = script(fence('```sh skip="Docker Hub에 로그인해야 합니다"', 'docker login'), fence('```text', 'docker run [OPTIONS] IMAGE'));
		expect(text).toContain('skipped: Docker Hub에 로그인해야 합니다\n#   docker login\n');
		expect(text).not.toContain('[OPTIONS]');
	});

	it('puts the cleanup section in a function run at the end, and when a command fails', () => {
		const text = script(fence('```sh', 'docker run -d --name web nginx'), '## 정리하기', fence('```sh', 'docker rm -f web'));
		expect(text).toMatch(/layerbook_cleanup\(\) \{\n# docs\/x\.mdx:\d+\ndocker rm -f web\n\n\}/);
		expect(text).toContain('trap layerbook_on_exit EXIT');
		expect(text.match(/^docker rm -f web$/gm)).toHaveLength(1);
	});
});

describe('helpers', () => {
	it('drops only the terminal from docker run and exec', () => {
		expect(withoutTerminal('docker run -it --rm node')).toBe('docker run -i --rm node');
		expect(withoutTerminal('docker exec -ti web sh')).toBe('docker exec -i web sh');
		expect(withoutTerminal('docker container run --rm -t -i --tty busybox sh')).toBe('docker container run --rm -i busybox sh');
		expect(withoutTerminal('docker run --rm busybox')).toBeUndefined();
		expect(withoutTerminal('node')).toBeUndefined();
	});

	it("leaves the command's own flags alone: only docker's, before the image or container", () => {
		expect(withoutTerminal('docker run -it busybox ls -lt')).toBe('docker run -i busybox ls -lt');
		expect(withoutTerminal('docker run --rm busybox ls -lt')).toBeUndefined();
		expect(withoutTerminal('docker exec -it web ps -t')).toBe('docker exec -i web ps -t');
		expect(withoutTerminal('docker run --name t -it -e TERM=xterm -v a:b -p 80:80 -w /tmp --network n --rm busybox ls -t')).toBe(
			'docker run --name t -i -e TERM=xterm -v a:b -p 80:80 -w /tmp --network n --rm busybox ls -t',
		);
		// A flag's value is not a flag: `-e t`, `--name -t`, `-eT=1`.
		expect(withoutTerminal('docker run -e t -it busybox sh')).toBe('docker run -e t -i busybox sh');
		expect(withoutTerminal('docker run --name -t -i busybox top -t')).toBeUndefined();
		expect(withoutTerminal('docker run -eTTY=t -ti busybox')).toBe('docker run -eTTY=t -i busybox');
		// Quoted values with spaces, and the command's quoted arguments.
		expect(withoutTerminal(`docker run -e "A=b -t c" --tty -i busybox sh -c 'ls -t'`)).toBe(`docker run -e "A=b -t c" -i busybox sh -c 'ls -t'`);
		expect(withoutTerminal('docker run \\\n  -it \\\n  busybox ls -lt')).toBe('docker run \\\n  -i \\\n  busybox ls -lt');
	});

	it('finds commands that would remove what other projects made, whatever label the script gives', () => {
		expect(unscopedCommand('docker system prune -f')).toMatch(/build cache/);
		expect(unscopedCommand('docker builder prune -af')).toMatch(/build cache/);
		expect(unscopedCommand('docker buildx prune')).toMatch(/build cache/);
		expect(unscopedCommand('docker rm -f $(docker ps -qa)')).toMatch(/every/);
		expect(unscopedCommand('docker container rm -f `docker container ls -aq`')).toMatch(/every/);
		expect(unscopedCommand('docker rmi $(docker images -q -f dangling=true)')).toMatch(/every/);
		expect(unscopedCommand('docker volume ls -q | xargs docker volume rm')).toMatch(/every/);
		expect(unscopedCommand('docker stop \\\n  $(docker ps -q)')).toMatch(/every/);
		expect(unscopedCommand('docker rm -f $(docker ps -qa --filter label=layerbook.scratch)')).toBeUndefined();
		expect(unscopedCommand('docker container prune -f')).toBeUndefined();
		expect(unscopedCommand('docker image prune -a -f')).toBeUndefined();
		expect(unscopedCommand('echo $(docker ps -q)')).toBeUndefined();
		expect(unscopedCommand('docker rm -f web')).toBeUndefined();
	});

	it('finds the title and the cleanup heading', () => {
		expect(frontmatterTitle('---\ntitle: "2. 첫 이미지"\n---\n')).toBe('2. 첫 이미지');
		expect(cleanupLine('# a\n\n## 정리하기\n\n## Cleaning up\n')).toBe(5);
	});
});

describe("the script's docker function", () => {
	const text = script(fence('```sh', 'true'));
	const label = 'layerbook.chapter=x';

	it('labels what the script creates, right after the subcommand', () => {
		const cases: [string, string][] = [
			['docker run -d --name web nginx', `docker<run><--label><${label}><-d><--name><web><nginx>`],
			['docker container run --rm busybox true', `docker<container><run><--label><${label}><--rm><busybox><true>`],
			['docker create --name web nginx', `docker<create><--label><${label}><--name><web><nginx>`],
			['docker container create nginx', `docker<container><create><--label><${label}><nginx>`],
			['docker build -t app .', `docker<build><--label><${label}><-t><app><.>`],
			['docker image build .', `docker<image><build><--label><${label}><.>`],
			['docker buildx build --load -t app .', `docker<buildx><build><--label><${label}><--load><-t><app><.>`],
			['docker builder build .', `docker<builder><build><--label><${label}><.>`],
			['docker volume create notes', `docker<volume><create><--label><${label}><notes>`],
			['docker network create app-net', `docker<network><create><--label><${label}><app-net>`],
			['docker commit tinker edited:1.0', `docker<commit><--change><LABEL ${label}><tinker><edited:1.0>`],
			['docker container commit -a me tinker edited:1.0', `docker<container><commit><--change><LABEL ${label}><-a><me><tinker><edited:1.0>`],
			['docker image import - flat:1.1', `docker<image><import><--change><LABEL ${label}><-><flat:1.1>`],
			['docker --context default run busybox', `docker<--context><default><run><--label><${label}><busybox>`],
		];
		for (const [command, expected] of cases) {
			const result = throughFunction(text, command);
			expect({ command, ...result }).toEqual({ command, status: 0, stdout: `${expected}\n`, stderr: '' });
		}
	});

	it('keeps every prune to what carries the label', () => {
		const cases: [string, string][] = [
			['docker container prune -f', `docker<container><prune><--filter><label=${label}><-f>`],
			['docker image prune -a -f', `docker<image><prune><--filter><label=${label}><-a><-f>`],
			['docker volume prune -f', `docker<volume><prune><--filter><label=${label}><-f>`],
			['docker network prune -f', `docker<network><prune><--filter><label=${label}><-f>`],
			['docker -H unix:///run/d.sock image prune', `docker<-H><unix:///run/d.sock><image><prune><--filter><label=${label}>`],
		];
		for (const [command, expected] of cases) {
			const result = throughFunction(text, command);
			expect({ command, ...result }).toEqual({ command, status: 0, stdout: `${expected}\n`, stderr: '' });
		}
	});

	it('refuses the prunes that reach build cache, which carries no label', () => {
		for (const command of ['docker system prune -f', 'docker builder prune -af', 'docker buildx prune -f']) {
			const result = throughFunction(text, command);
			expect(result.status, command).toBe(1);
			expect(result.stdout, command).toBe('');
			expect(result.stderr, command).toMatch(/build cache/);
		}
	});

	it('passes everything else as it is, compose too (Compose labels what it makes with its project)', () => {
		for (const command of ['docker ps -a', 'docker image ls -q', 'docker rm -f web', 'docker compose up -d --build', 'docker exec -i web sh']) {
			const words = command.split(' ').slice(1);
			expect(throughFunction(text, command).stdout).toBe(`docker${words.map((word) => `<${word}>`).join('')}\n`);
		}
	});
});

describe('a script run on a daemon elsewhere', () => {
	const directory = mkdtempSync(join(tmpdir(), 'layerbook-script-'));
	afterAll(() => rmSync(directory, { recursive: true, force: true }));
	const file = join(directory, 'x.sh');
	writeFileSync(file, script(fence('```sh', 'docker run --rm busybox true')));

	it('refuses to start when DOCKER_HOST is not a local socket, on stderr, with exit 2', () => {
		for (const host of ['tcp://example:2375', 'ssh://me@example', 'tcp://127.0.0.1:2375']) {
			const result = bash([file], { DOCKER_HOST: host });
			expect(result.status, host).toBe(2);
			expect(result.stderr).toContain(host);
			expect(result.stderr).toContain('--yes');
			expect(result.stdout).not.toContain('docker<run>');
		}
	});

	it("refuses the current context's remote endpoint when DOCKER_HOST is unset", () => {
		const result = bash([file], { FAKE_CONTEXT_HOST: 'ssh://me@build-box' });
		expect(result.status).toBe(2);
		expect(result.stderr).toContain('ssh://me@build-box');
	});

	it('starts on a local socket, or anywhere with --yes first', () => {
		for (const env of [{}, { DOCKER_HOST: 'unix:///var/run/docker.sock' }, { FAKE_CONTEXT_HOST: 'unix:///home/me/.docker/run/docker.sock' }]) {
			const result = bash([file], env);
			expect(result.status, JSON.stringify(env)).toBe(0);
			expect(result.stdout).toContain('x: every example ran');
		}
		const forced = bash([file, '--yes'], { DOCKER_HOST: 'tcp://example:2375' });
		expect(forced.status).toBe(0);
		expect(forced.stdout).toContain(`docker<run><--label><layerbook.chapter=x><--rm><busybox><true>`);
		expect(forced.stdout).toContain('x: every example ran');
	});

	it('runs the cleanup section through the same function when a command fails', () => {
		const failing = join(directory, 'failing.sh');
		writeFileSync(failing, script(fence('```sh', 'docker run busybox true\nfalse'), '## 정리하기', fence('```sh', 'docker container prune -f')));
		const result = bash([failing]);
		expect(result.status).toBe(1);
		expect(result.stderr).toContain('running the cleanup section');
		expect(result.stdout).toContain('docker<container><prune><--filter><label=layerbook.chapter=x><-f>');
	});
});

describe('a block that would remove what other projects made', () => {
	const warning = ['<Aside type="caution" title="system prune은 가장 넓게 지웁니다">', '모든 프로젝트의 멈춘 컨테이너가 지워집니다.', '</Aside>'].join('\n');

	it("is left out, with the page's warning in its place", () => {
		const text = script('## 한꺼번에', warning, fence('```console', '$ docker system prune -f\n...'), fence('```sh', 'docker run --rm busybox true'));
		expect(text).not.toMatch(/^docker system prune/m);
		expect(text).toContain('left out');
		expect(text).toContain('#   system prune은 가장 넓게 지웁니다');
		expect(text).toContain('#   모든 프로젝트의 멈춘 컨테이너가 지워집니다.');
		expect(text).toContain('#   docker system prune -f');
		expect(text).toMatch(/^docker run --rm busybox true$/m);
	});

	it('takes the warning from prose only: a comment in a block before it is no heading', () => {
		const text = script(
			'## 한꺼번에',
			warning,
			fence('```sh', '# 컨테이너를 하나 남깁니다\ndocker run --name left busybox true'),
			fence('```sh', 'docker system prune -f'),
		);
		expect(text).toContain('#   system prune은 가장 넓게 지웁니다');
	});

	it('is left out with a warning of its own when the page has none before it', () => {
		const text = script(warning, '## 다른 절', fence('```sh', 'docker rm -f $(docker ps -qa)'));
		expect(text).not.toMatch(/^docker rm/m);
		expect(text).not.toContain('가장 넓게');
		expect(text).toContain('#   docker rm -f $(docker ps -qa)');
	});
});

describe("every chapter's script", () => {
	it('labels what it makes and prunes only what carries its label', async () => {
		for (const { slug, text } of await realScripts()) {
			const first = text.search(/^# src\/content\/docs\//m);
			expect(text.indexOf('\ndocker() {\n'), slug).toBeGreaterThan(0);
			// Before the first block, when there is one (a reference page has none).
			if (first >= 0) expect(text.indexOf('\ndocker() {\n'), slug).toBeLessThan(first);
			// The lines the script runs, but the function's own.
			const running = text
				.replace(dockerFunction(text), '')
				.split('\n')
				.filter((line) => !/^\s*#/.test(line));
			expect(
				running.filter((line) => /\b(?:system|builder|buildx)\s+prune\b/.test(line)),
				slug,
			).toEqual([]);
			for (const line of running.filter((candidate) => /^\s*docker\b.*\bprune\b/.test(candidate))) {
				const result = throughFunction(text, line);
				expect(result.stdout, `${slug}: ${line}`).toContain(`<prune><--filter><label=layerbook.chapter=${slug}>`);
			}
		}
	});

	it("shows working-with-containers' system prune as a comment only, and runs its label-filtered prunes", async () => {
		const text = (await realScripts()).find((entry) => entry.slug === 'working-with-containers')?.text ?? '';
		expect(text).toMatch(/^#\s+docker system prune$/m);
		expect(text).not.toMatch(/^docker system prune/m);
		expect(text).toMatch(/^docker container prune -f --filter label=layerbook\.leftover$/m);
		expect(text).toMatch(/^docker image prune -f --filter label=layerbook\.leftover$/m);
	});

	it("passes shellcheck, with the guide's exclusions", async () => {
		const findings: string[] = [];
		for (const { slug, text } of await realScripts()) {
			const result = spawnSync(shellcheckPath(), ['--shell=bash', '--severity=style', `--exclude=${Object.keys(excluded).join(',')}`, '-'], {
				input: text,
				encoding: 'utf8',
			});
			if (result.status !== 0) findings.push(`${slug}:\n${result.stdout}${result.stderr}`);
		}
		expect(findings.join('\n')).toBe('');
	}, 60_000);
});

describe('/scripts/<slug>.sh', () => {
	it('is built for every chapter of the reading order, from its Korean original', async () => {
		const paths = getStaticPaths();
		const pages = chapters.filter((entry) => entry.kind !== 'reference').map((entry) => entry.slug);
		expect(paths.map((path) => path.params.slug)).toEqual(pages);
		const response = await GET({ params: { slug: 'images-and-containers' } } as never);
		expect(response.headers.get('Content-Type')).toBe('text/x-shellscript; charset=utf-8');
		const file = 'src/content/docs/images-and-containers.mdx';
		expect(await response.text()).toBe(chapterScript(file, readFileSync(join(repositoryRoot, file), 'utf8'), { slug: 'images-and-containers' }));
	});
});
