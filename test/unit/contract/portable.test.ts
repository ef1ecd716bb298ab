/** src/contract/portable.ts: GNU-only forms in what a reader's shell runs are refused, and nothing else. */
import { describe, expect, it } from 'vitest';
import { extractBlocks } from '../../../src/contract/extract.ts';
import { portabilityProblems, shellBlockCommands } from '../../../src/contract/portable.ts';

const formsOf = (command: string): string[] => portabilityProblems(command).map(({ form }) => form);

describe('the portability lint', () => {
	it.each([
		["sed -i 's/a/b/' server.js", 'sed -i without a suffix'],
		["sed -i '' 's/a/b/' server.js", 'sed -i without a suffix'],
		["sed -ni 's/a/b/p' server.js", 'sed -i without a suffix'],
		["sed --in-place 's/a/b/' server.js", 'sed -i without a suffix'],
		["sed -r 's/(a)+/b/' f", 'sed -r'],
		["stat -c '%U %G' package-lock.json", 'stat -c'],
		['[ "$(stat -c %u mine.txt)" = "$(id -u)" ] && echo mine', 'stat -c'],
		['stat --format=%u f', 'stat -c'],
		["date -d '2026-12-01' +%s", 'date -d'],
		["grep -oP '\\d+' f", 'grep -P'],
		['docker ps -q | xargs -r docker rm -f', 'xargs -r'],
		['base64 -w0 file', 'base64 -w'],
		['readlink -f ./link', 'readlink -f'],
		['cp -t dist/ a b', 'cp -t'],
		['find . -printf "%p\\n"', 'find -printf'],
		['sudo sed -i s/a/b/ f', 'sed -i without a suffix'],
		['/usr/bin/stat -c %u f', 'stat -c'],
	])('refuses %s', (command, form) => {
		expect(formsOf(command)).toEqual([form]);
	});

	it.each([
		"sed -i.bak 's/a/b/' server.js && rm server.js.bak",
		"sed -E 's/(a)+/b/' f",
		"ls -ln mine.txt | awk '{print $3}'",
		"grep -E '[0-9]+' f",
		'base64 < file | tr -d "\\n"',
		'cp a b dist/',
		// Inside the container the tools are Linux's.
		"docker run --rm busybox sh -c 'stat -c %u /data/f; sed -i s/a/b/ /etc/x'",
		"docker exec web sh -c 'date -d @0'",
		// Text, not a command.
		"echo 'sed -i is GNU only'",
		'git commit -m "use stat -c"',
		'# sed -i in a comment',
	])('accepts %s', (command) => {
		expect(formsOf(command)).toEqual([]);
	});

	it("reads a shell block's commands, not its heredocs' text", () => {
		const code = ["cat > fix.sh <<'EOF'", "sed -i 's/a/b/' f", 'EOF', 'docker build \\', '  -t x . && stat -c %u f'].join('\n');
		expect(shellBlockCommands(code, 10)).toEqual([
			{ command: "cat > fix.sh <<'EOF'", line: 10 },
			{ command: 'docker build \\\n  -t x . && stat -c %u f', line: 13 },
		]);
	});

	it('stops a chapter at the line of the form, naming the portable one', () => {
		const source = ['# T', '', '```console', '$ ls', '$ stat -c %u mine.txt', '1000', '```', '', '```sh', "sed -i 's/a/b/' app.js", '```', ''].join('\n');
		expect(() => extractBlocks('src/content/docs/x.mdx', source)).toThrow(
			[
				"src/content/docs/x.mdx:5: stat -c works with GNU tools only (not on macOS): ls -ln file | awk '{print $3}' for the owner's UID (ls -l for the name), or run stat inside a container",
				"src/content/docs/x.mdx:10: sed -i without a suffix works with GNU tools only (not on macOS): give a suffix in the same word and remove the copy: sed -i.bak 's/a/b/' file && rm file.bak",
			].join('\n'),
		);
	});
});
