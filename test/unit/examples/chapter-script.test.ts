import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chapterSlugs, docsDirectory } from '../../../scripts/examples/chapter.ts';
import { repositoryRoot } from '../../../scripts/host/repository.ts';
import { shellcheckPath } from '../../../scripts/quality/host-tools.ts';
import { excluded } from '../../../scripts/quality/shellcheck.ts';
import { chapterScript, cleanupLine, frontmatterTitle, withoutTerminal } from '../../../src/contract/chapter-script.ts';
import { chapters } from '../../../src/contract/chapters.ts';
import { GET, getStaticPaths } from '../../../src/pages/scripts/[slug].sh.ts';

const fence = (open: string, code: string): string => `${open}\n${code}\n\`\`\``;

function script(...parts: string[]): string {
	return chapterScript('docs/x.mdx', ['---', 'title: 9. 연습', '---', '', ...parts, ''].join('\n\n'), { slug: 'x' });
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

	it('finds the title and the cleanup heading', () => {
		expect(frontmatterTitle('---\ntitle: "2. 첫 이미지"\n---\n')).toBe('2. 첫 이미지');
		expect(cleanupLine('# a\n\n## 정리하기\n\n## Cleaning up\n')).toBe(5);
	});
});

describe("every chapter's script", () => {
	it("passes shellcheck, with the guide's exclusions", async () => {
		const findings: string[] = [];
		for (const slug of await chapterSlugs()) {
			const file = join(docsDirectory, `${slug}.mdx`);
			const text = chapterScript(file.slice(repositoryRoot.length + 1), readFileSync(file, 'utf8'), { slug });
			const result = spawnSync(shellcheckPath(), ['--shell=bash', '--severity=style', `--exclude=${Object.keys(excluded).join(',')}`, '-'], {
				input: text,
				encoding: 'utf8',
			});
			if (result.status !== 0) findings.push(`${slug}:\n${result.stdout}${result.stderr}`);
		}
		expect(findings.join('\n')).toBe('');
	});
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
