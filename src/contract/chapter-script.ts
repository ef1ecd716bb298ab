/**
 * A chapter as one bash script a reader can download and run on their own Docker, or in their own
 * CI: built from the very blocks the harness runs and verifies, in order. Pure: no I/O.
 */
import type { Block } from './block.ts';
import { extractBlocks } from './extract.ts';
import { lastCommandStart, shellQuote } from './shell.ts';
import { parseTranscript } from './transcript.ts';

/** Headings of a chapter's cleanup section, in either language. */
const cleanupHeading = /^##\s+(?:정리하기|Cleaning up|Clean up)\s*$/;

export interface ScriptOptions {
	/** The chapter's slug, named in the script's header, its temp dir and its label. */
	slug: string;
}

/** The label on everything a chapter's script creates, and the filter of every prune it runs. */
function chapterLabel(slug: string): string {
	return `layerbook.chapter=${slug}`;
}

/** The chapter's title from its front matter. */
export function frontmatterTitle(source: string): string | undefined {
	const front = /^---\n([\s\S]*?)\n---/.exec(source)?.[1] ?? '';
	const title = /^title:\s*(.+)$/m.exec(front)?.[1]?.trim();
	return title?.replace(/^(['"])(.*)\1$/, '$2');
}

/** The line of the chapter's cleanup heading (the last one), or undefined. */
export function cleanupLine(source: string): number | undefined {
	let found: number | undefined;
	source.split('\n').forEach((line, index) => {
		if (cleanupHeading.test(line)) found = index + 1;
	});
	return found;
}

/** A heredoc delimiter that does not occur in the text. */
function delimiter(text: string): string {
	let name = 'EOF_LAYERBOOK';
	for (let n = 2; text.split('\n').includes(name); n += 1) name = `EOF_LAYERBOOK_${n}`;
	return name;
}

function commented(code: string): string[] {
	return code.split('\n').map((line) => (line === '' ? '#' : `#   ${line}`));
}

/** The block's commands: a shell block's code, or a console block's `$ ` commands. */
function commands(block: Block): string[] {
	if (block.kind === 'console') return parseTranscript(block.code, block.codeLine).commands.map((command) => command.command);
	return [block.code.replace(/\n+$/, '')];
}

/** A word of a shell command and where it is; an unquoted operator (`|`, `;`, `$(`...) is a word of its own. */
interface ShellWord {
	text: string;
	start: number;
	end: number;
}

/** The command's words, minding quotes and `\` line continuations; enough to read docker's own flags. */
function shellWords(command: string): ShellWord[] {
	const words: ShellWord[] = [];
	let start = -1;
	let quote: string | undefined;
	const close = (end: number): void => {
		if (start >= 0) words.push({ text: command.slice(start, end), start, end });
		start = -1;
	};
	for (let index = 0; index < command.length; index += 1) {
		const char = command[index] ?? '';
		if (quote !== undefined) {
			if (char === quote) quote = undefined;
			else if (char === '\\' && quote === '"') index += 1;
			continue;
		}
		if (char === '\\') {
			if (command[index + 1] === '\n') close(index);
			else if (start < 0) start = index;
			index += 1;
			continue;
		}
		if (/\s/.test(char)) {
			close(index);
			continue;
		}
		if ('|;&<>()`'.includes(char)) {
			close(index);
			words.push({ text: char, start: index, end: index + 1 });
			continue;
		}
		if (start < 0) start = index;
		if (char === "'" || char === '"') quote = char;
	}
	close(command.length);
	return words;
}

/** Short flags of `docker run`/`exec` that take no value; every other short flag takes one. */
const bareShortFlags = new Set(['d', 'i', 't', 'P', 'q']);

/** Long flags of `docker run`/`exec` that take no value; every other long flag without `=` takes the next word. */
const bareLongFlags = new Set([
	'--rm',
	'--detach',
	'--interactive',
	'--tty',
	'--privileged',
	'--init',
	'--read-only',
	'--publish-all',
	'--no-healthcheck',
	'--oom-kill-disable',
	'--quiet',
	'--disable-content-trust',
	'--sig-proxy',
	'--use-api-socket',
	'--help',
]);

/**
 * `docker run -it` without its terminal: `-it`/`-ti` become `-i`, `-t`/`--tty` go. Only docker's
 * own flags change, the ones before the image (run) or the container (exec): the command's own,
 * `ls -lt`, keep theirs. Undefined when the command is not a `docker run`/`exec` that asks for one.
 */
export function withoutTerminal(command: string): string | undefined {
	const words = shellWords(command);
	const subcommand = words[1]?.text === 'container' ? 2 : 1;
	if (words[0]?.text !== 'docker' || !['run', 'exec'].includes(words[subcommand]?.text ?? '')) return undefined;
	const edits: { start: number; end: number; text: string }[] = [];
	for (let index = subcommand + 1; index < words.length; index += 1) {
		const word = words[index];
		// The first word that is not a flag is the image or the container: docker's flags end there.
		if (word === undefined || !word.text.startsWith('-') || word.text === '-' || word.text === '--') break;
		// A word dropped takes the space before it along.
		const drop = { start: words[index - 1]?.end ?? word.start, end: word.end, text: '' };
		if (word.text.startsWith('--')) {
			const name = word.text.split('=')[0] ?? '';
			if (name === '--tty') edits.push(drop);
			else if (!word.text.includes('=') && !bareLongFlags.has(name)) index += 1;
			continue;
		}
		const letters = word.text.slice(1);
		let kept = '';
		for (let at = 0; at < letters.length; at += 1) {
			const letter = letters[at] ?? '';
			if (letter === 't') continue;
			kept += letter;
			if (bareShortFlags.has(letter)) continue;
			// A flag that takes a value: the rest of the word, or else the next word.
			kept += letters.slice(at + 1);
			if (at === letters.length - 1) index += 1;
			break;
		}
		if (kept !== letters) edits.push(kept === '' ? drop : { start: word.start, end: word.end, text: `-${kept}` });
	}
	if (edits.length === 0) return undefined;
	return edits.reduceRight((text, edit) => text.slice(0, edit.start) + edit.text + text.slice(edit.end), command);
}

/** `docker` commands that remove or stop what they are given, and those that list what there is. */
const removing = String.raw`docker\s+(?:rm|rmi|kill|stop|(?:container|image|volume|network)\s+(?:rm|remove|kill|stop))\b`;
const listing = String.raw`docker\s+(?:ps|images|(?:container|image|volume|network)\s+(?:ls|list))\b`;

/**
 * Why a command would remove what other projects made whatever label the script gives, or
 * undefined. Build cache carries no label (the daemon accepts a label filter on a build cache prune
 * and ignores it), so `docker system prune` and `docker builder prune` reach every project's; and
 * a removal fed by a listing that no label filter narrows, `docker rm -f $(docker ps -qa)`, takes
 * everything there is.
 */
export function unscopedCommand(command: string): string | undefined {
	const text = command.replaceAll('\\\n', ' ');
	const prune = /\bdocker\s+(system|builder|buildx)\s+prune\b/.exec(text);
	if (prune !== null) {
		return `docker ${prune[1]} prune also removes every project's unused build cache, which carries no label to keep it to this chapter`;
	}
	const fed = [
		new RegExp(String.raw`\b${removing}[^;&|\n]*?(?:\$\(|\`)\s*${listing}([^)\`]*)`, 'g'),
		new RegExp(String.raw`\b${listing}([^|;&\n]*)\|\s*xargs\b[^|;&\n]*\b${removing}`, 'g'),
	];
	for (const pattern of fed) {
		for (const match of text.matchAll(pattern)) {
			if (!(match[1] ?? '').includes('label=')) return 'it removes every container, image, volume or network a listing names, not only what this chapter made';
		}
	}
	return undefined;
}

/**
 * The caution the page gives before the block at this line, in the same section: the last
 * `<Aside type="caution">` (or `danger`) after the section's heading, as its title and its lines.
 * Fenced code is not prose: a `#` comment in a block is no heading. Empty when there is none.
 */
function pageWarning(source: string, line: number): string[] {
	const lines = source.split('\n').slice(0, line - 1);
	let found: string[] = [];
	let fence: string | undefined;
	for (let index = 0; index < lines.length; index += 1) {
		const text = lines[index] ?? '';
		const marker = /^\s*(`{3,}|~{3,})/.exec(text)?.[1];
		if (marker !== undefined && (fence === undefined || marker.startsWith(fence))) {
			fence = fence === undefined ? marker : undefined;
			continue;
		}
		if (fence !== undefined) continue;
		if (/^#{1,6}\s/.test(text)) found = [];
		const open = /^\s*<Aside\b[^>]*\btype="(?:caution|danger)"[^>]*>/.exec(text);
		if (open === null) continue;
		const title = /\btitle="([^"]*)"/.exec(open[0])?.[1];
		const body: string[] = [];
		let end = index + 1;
		for (; end < lines.length && !/<\/Aside>/.test(lines[end] ?? ''); end += 1) {
			if ((lines[end] ?? '').trim() !== '') body.push((lines[end] ?? '').trim());
		}
		found = [...(title === undefined ? [] : [title]), ...body];
		index = end;
	}
	return found;
}

/** A block the script must not run: a comment that says why, the page's warning, and its commands. */
function leftOutLines(block: Block, reason: string, warning: readonly string[]): string[] {
	return [
		`# ${block.file}:${block.line}: left out: ${reason}.`,
		...(warning.length === 0 ? [] : ['# The page warns:', ...warning.map((line) => `#   ${line}`)]),
		'# On the page:',
		...commented(commands(block).join('\n')),
	];
}

/** Why a block that would run must stay out of the script, or undefined. */
function unscopedBlock(block: Block): string | undefined {
	if (block.meta.skip !== undefined || (block.kind !== 'shell' && block.kind !== 'console')) return undefined;
	for (const command of commands(block)) {
		const reason = unscopedCommand(command);
		if (reason !== undefined) return reason;
	}
	return undefined;
}

/** The lines a tty block types, as a piped `printf`. */
function typed(stdin: string): string {
	const lines = stdin.replace(/\n$/, '').split('\n');
	return `printf '%s\\n' ${lines.map(shellQuote).join(' ')}`;
}

/** One block as script lines: a file becomes a heredoc, commands run as written, a skipped block is comments. */
function blockLines(block: Block): string[] {
	const at = `# ${block.file}:${block.line}`;
	if (block.meta.skip !== undefined) {
		if (block.kind === 'file') return [`${at}: not written (${block.meta.skip})`];
		return [`${at}: skipped: ${block.meta.skip}`, ...commented(commands(block).join('\n'))];
	}
	switch (block.kind) {
		case 'shown':
			return [];
		case 'dockerfile':
			return [`${at}: a Dockerfile fragment, shown on the page, not built`];
		case 'file': {
			const path = block.meta.title ?? '';
			const content = block.code.replace(/\n$/, '');
			const end = delimiter(content);
			const directory = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
			return [
				`${at}: the file ${path}`,
				...(directory === '' ? [] : [`mkdir -p ${shellQuote(directory)}`]),
				`cat > ${shellQuote(path)} <<'${end}'`,
				content,
				end,
			];
		}
		case 'shell':
		case 'console':
			return commandLines(block, at);
	}
}

/**
 * A shell or console block's commands: `background` blocks start with `&` and stop at the end, `tty`
 * blocks lose their terminal (`docker run -it` becomes `-i`, the typed lines piped in) or are left
 * out with a comment, `retry` blocks loop and `exit=N` blocks may fail.
 */
function commandLines(block: Block, at: string): string[] {
	const list = commands(block);
	if (block.meta.background === true) {
		return [
			`${at}: started in the background, stopped at the end`,
			// Its own process group (set -m), so stopping it stops everything it started.
			'set -m',
			'{',
			...list,
			'} >>"$layerbook_logs/background.log" 2>&1 &',
			'layerbook_background+=("$!")',
			'set +m',
		];
	}
	if (block.meta.tty === true) {
		const last = list.at(-1) ?? '';
		const plain = withoutTerminal(last);
		if (plain === undefined) {
			return [`${at}: skipped: it needs a terminal (tty), which a script does not have`, ...commented(list.join('\n'))];
		}
		return [
			`${at}: on the page under a terminal (-it); here without one, its input piped in.`,
			'# A program may behave differently without a terminal, so a failure here does not stop the script.',
			...list.slice(0, -1),
			block.meta.stdin === undefined ? `${plain} </dev/null || true` : `${typed(block.meta.stdin)} | ${plain} || true`,
		];
	}
	if (block.meta.retry !== undefined) {
		const seconds = block.meta.retry;
		const joined = list.flatMap((command, index) => {
			const lines = command.split('\n');
			if (index < list.length - 1) lines[lines.length - 1] = `${lines.at(-1) ?? ''} &&`;
			return lines;
		});
		return [
			`${at}: retried for up to ${seconds} s (a server may still be starting)`,
			`layerbook_until=$((SECONDS + ${seconds}))`,
			'until {',
			...joined,
			'}; do',
			`\tif [ "$SECONDS" -ge "$layerbook_until" ]; then echo "${block.file}:${block.line}: still failing after ${seconds} s" >&2; exit 1; fi`,
			'\tsleep 1',
			'done',
		];
	}
	if (block.meta.exit !== undefined) {
		const lines = list.join('\n').split('\n');
		const start = lastCommandStart(lines);
		return [
			`${at}: the last command fails on purpose (the page shows exit code ${block.meta.exit})`,
			...lines.slice(0, start),
			'{',
			...lines.slice(start),
			'} || true',
		];
	}
	return [at, ...list];
}

/**
 * A store pair: the same commands on both stores (only what they print differs) run once; halves
 * whose commands differ run the one for the image store of the reader's Docker, which
 * `docker info` names by its driver (overlayfs: containerd; overlay2: classic).
 */
function pairLines(containerd: Block, classic: Block): string[] {
	const same = commands(containerd).join('\n') === commands(classic).join('\n') && containerd.meta.exit === classic.meta.exit;
	if (same)
		return [
			`# ${containerd.file}:${containerd.line}: a store pair (its output differs between the image stores, its commands do not)`,
			...blockLines(containerd).slice(1),
		];
	return [
		`# ${containerd.file}:${containerd.line}: a store pair: the half for the image store this Docker runs`,
		`if [ "$(docker info -f '{{.Driver}}')" = overlay2 ]; then`,
		// Not indented: a block's lines may hold a heredoc.
		...blockLines(classic),
		'else',
		...blockLines(containerd),
		'fi',
	];
}

/**
 * The script's first step: it stops, exit 2, when the Docker it would use is on another machine
 * (DOCKER_HOST, or when that is unset the current context, names anything but a local socket),
 * unless the reader says `--yes` first.
 */
function localDaemonLines(slug: string): string[] {
	return [
		`# A daemon on another machine is refused unless you pass --yes first: bash ${slug}.sh --yes`,
		'if [ "${1-}" = --yes ]; then',
		'\tshift',
		'else',
		'\tlayerbook_host=${DOCKER_HOST-}',
		'\tif [ -z "$layerbook_host" ]; then',
		"\t\tlayerbook_host=$(command docker context inspect --format '{{.Endpoints.docker.Host}}' 2>/dev/null || true)",
		'\tfi',
		'\tcase "$layerbook_host" in',
		"\t'' | unix://* | npipe://*) ;;",
		'\t*)',
		'\t\techo "This script would run the chapter on the Docker at $layerbook_host, which is not on this machine." >&2',
		`\t\techo "To run it there all the same, pass --yes first: bash ${slug}.sh --yes" >&2`,
		'\t\texit 2',
		'\t\t;;',
		'\tesac',
		'fi',
	];
}

/**
 * `docker` for the rest of the script, in this shell and its subshells: a function that gives the
 * chapter's label to what the script creates and to every prune's filter, then runs the real
 * client. Compose is passed as it is: it labels what it creates with its own project. The prunes
 * that reach build cache are refused, since no label can narrow them.
 */
function dockerFunctionLines(slug: string): string[] {
	const label = chapterLabel(slug);
	return [
		`# docker from here on: what it creates gets the label ${label}, every prune a filter on it.`,
		'# docker compose passes as it is: Compose labels what it creates with its own project.',
		'docker() {',
		'\tlocal options=()',
		"\t# docker's own options before the command (--context x, -H host) pass as they are.",
		'\twhile [ "$#" -gt 0 ]; do',
		'\t\tcase "$1" in',
		'\t\t-c | --context | -H | --host | --config | -l | --log-level | --tlscacert | --tlscert | --tlskey)',
		'\t\t\toptions+=("${@:1:2}")',
		'\t\t\tshift',
		'\t\t\tif [ "$#" -gt 0 ]; then shift; fi',
		'\t\t\t;;',
		'\t\t-*)',
		'\t\t\toptions+=("$1")',
		'\t\t\tshift',
		'\t\t\t;;',
		'\t\t*) break ;;',
		'\t\tesac',
		'\tdone',
		'\tcase "${1-} ${2-}" in',
		"\t'container run' | 'container create' | 'image build' | 'buildx build' | 'builder build' | 'volume create' | 'network create')",
		`\t\tset -- "$1" "$2" --label ${label} "\${@:3}"`,
		'\t\t;;',
		"\t'container commit' | 'image import')",
		`\t\tset -- "$1" "$2" --change 'LABEL ${label}' "\${@:3}"`,
		'\t\t;;',
		"\t'container prune' | 'image prune' | 'volume prune' | 'network prune')",
		`\t\tset -- "$1" "$2" --filter label=${label} "\${@:3}"`,
		'\t\t;;',
		"\t'system prune' | 'builder prune' | 'buildx prune')",
		'\t\techo "not run: docker $1 $2 also removes every project\'s unused build cache, which carries no label to keep it to this chapter" >&2',
		'\t\treturn 1',
		'\t\t;;',
		"\t'run '* | 'create '* | 'build '*)",
		`\t\tset -- "$1" --label ${label} "\${@:2}"`,
		'\t\t;;',
		"\t'commit '* | 'import '*)",
		`\t\tset -- "$1" --change 'LABEL ${label}' "\${@:2}"`,
		'\t\t;;',
		'\tesac',
		'\tcommand docker "${options[@]}" "$@"',
		'}',
	];
}

/**
 * The whole chapter as a bash script, its cleanup section run at the end or when something fails.
 * On a reader's Docker it must remove only what the chapter made: what it creates carries the
 * chapter's label and its prunes filter on it (dockerFunctionLines), a block no label can keep to the
 * chapter is left out with the page's warning in its place (unscopedCommand), and a daemon on another
 * machine is refused unless told `--yes` (localDaemonLines). Throws ChapterProblems for a chapter
 * the harness would refuse.
 */
export function chapterScript(file: string, source: string, options: ScriptOptions): string {
	const blocks = extractBlocks(file, source);
	const cleanupFrom = cleanupLine(source);
	const main: string[] = [];
	const cleanup: string[] = [];
	for (const [index, block] of blocks.entries()) {
		// A store pair's classic half goes with its containerd half.
		if (block.meta.store === 'classic') continue;
		const classic = block.meta.store === 'containerd' ? blocks[index + 1] : undefined;
		const unscoped = unscopedBlock(block) ?? (classic === undefined ? undefined : unscopedBlock(classic));
		const lines =
			unscoped !== undefined
				? leftOutLines(block, unscoped, pageWarning(source, block.line))
				: classic === undefined
					? blockLines(block)
					: pairLines(block, classic);
		if (lines.length === 0) continue;
		(cleanupFrom !== undefined && block.line > cleanupFrom ? cleanup : main).push(...lines, '');
	}
	const title = frontmatterTitle(source) ?? options.slug;
	const header = [
		'#!/usr/bin/env bash',
		`# Layerbook: ${title}`,
		`# Every example of the chapter, in order, as the guide verifies them. Built from ${file}.`,
		`# Run it with Docker at hand: bash ${options.slug}.sh`,
		"# It works in a new temporary directory, and ends with the chapter's cleanup section,",
		'# which also runs if a command fails. Background blocks are stopped at the end.',
		`# What it creates carries the label ${chapterLabel(options.slug)}, and its prunes remove only`,
		"# what carries that label; a block that would remove other projects' containers, images, volumes",
		"# or networks all the same is left out, with the page's warning in its place.",
		'set -e',
		'',
		...localDaemonLines(options.slug),
		'',
		...dockerFunctionLines(options.slug),
		'',
		`layerbook_dir=$(mktemp -d "\${TMPDIR:-/tmp}/layerbook-${options.slug}.XXXXXX")`,
		'layerbook_logs="$layerbook_dir/.logs"',
		'mkdir "$layerbook_logs"',
		'layerbook_background=()',
		'cd "$layerbook_dir"',
		'echo "working in $layerbook_dir"',
		'',
		'# Stops the background blocks: each is a process group of its own.',
		'layerbook_stop_background() {',
		'\tlocal pid',
		'\tfor pid in "${layerbook_background[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done',
		'\tfor pid in "${layerbook_background[@]}"; do wait "$pid" 2>/dev/null || true; done',
		'\tlayerbook_background=()',
		'}',
		'',
		"# The chapter's cleanup section.",
		'layerbook_cleanup() {',
		...(cleanup.length === 0 ? ['\t:'] : cleanup),
		'}',
		'',
		'layerbook_on_exit() {',
		'\tlocal status=$?',
		'\tlayerbook_stop_background',
		'\tif [ "$status" -ne 0 ]; then',
		'\t\techo "failed (exit $status): running the cleanup section" >&2',
		'\t\tset +e',
		'\t\tlayerbook_cleanup',
		'\tfi',
		'\texit "$status"',
		'}',
		'trap layerbook_on_exit EXIT',
		'',
	];
	// As the harness does: the cleanup section, then the background blocks are stopped.
	const footer = ['layerbook_cleanup', 'layerbook_stop_background', `echo "${options.slug}: every example ran"`];
	return `${[...header, ...main, ...footer].join('\n')}\n`;
}
