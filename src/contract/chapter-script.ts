/**
 * A chapter as one bash script a reader can download and run on their own Docker, or in their own
 * CI: built from the very blocks the harness runs (EXAMPLES.md), in order. Files become heredocs,
 * commands run as written, `background` blocks start with `&` and stop at the end, `tty` blocks
 * lose their terminal (`docker run -it` becomes `-i`, the typed lines piped in) or are left out
 * with a comment, `exit=N` blocks may fail, `retry` blocks loop, `skip` blocks are comments, and
 * the chapter's cleanup section runs at the end, or when something fails. Pure: no I/O.
 */
import type { Block } from './block.ts';
import { extractBlocks } from './extract.ts';
import { parseTranscript } from './transcript.ts';

/** Headings of a chapter's cleanup section, in either language. */
const cleanupHeading = /^##\s+(?:정리하기|Cleaning up|Clean up)\s*$/;

export interface ScriptOptions {
	/** The chapter's slug, named in the script's header and its temp dir. */
	slug: string;
}

function quote(value: string): string {
	return `'${value.replaceAll("'", `'\\''`)}'`;
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

/** Index of the line a block's last command starts on (skipping blank and comment lines, walking back over `\`). */
function lastCommandStart(lines: readonly string[]): number {
	let last = lines.length - 1;
	while (last > 0 && /^\s*(#.*)?$/.test(lines[last] ?? '')) last -= 1;
	while (last > 0 && /\\$/.test(lines[last - 1] ?? '')) last -= 1;
	return last;
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

/**
 * `docker run -it` without its terminal: `-it`/`-ti` become `-i`, `-t`/`--tty` go. Undefined
 * when the command is not a `docker run`/`exec` that asks for one.
 */
export function withoutTerminal(command: string): string | undefined {
	if (!/^\s*docker\s+(?:container\s+)?(?:run|exec)\b/.test(command)) return undefined;
	let changed = false;
	const words = command.split(/(\s+)/).map((word) => {
		if (/^-[a-zA-Z]*t[a-zA-Z]*$/.test(word) && /^-[a-zA-Z]+$/.test(word) && !word.startsWith('--')) {
			changed = true;
			const rest = word.slice(1).replace('t', '');
			return rest === '' ? '' : `-${rest}`;
		}
		if (word === '--tty') {
			changed = true;
			return '';
		}
		return word;
	});
	if (!changed) return undefined;
	return words.join('').replace(/ {2,}/g, ' ');
}

/** The lines a tty block types, as a piped `printf`. */
function typed(stdin: string): string {
	const lines = stdin.replace(/\n$/, '').split('\n');
	return `printf '%s\\n' ${lines.map(quote).join(' ')}`;
}

/** One block as script lines. */
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
			return [`${at}: the file ${path}`, ...(directory === '' ? [] : [`mkdir -p ${quote(directory)}`]), `cat > ${quote(path)} <<'${end}'`, content, end];
		}
		case 'shell':
		case 'console':
			return commandLines(block, at);
	}
}

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

/** The whole chapter as a bash script. Throws ChapterProblems for a chapter the harness would refuse. */
export function chapterScript(file: string, source: string, options: ScriptOptions): string {
	const blocks = extractBlocks(file, source);
	const cleanupFrom = cleanupLine(source);
	const main: string[] = [];
	const cleanup: string[] = [];
	for (const [index, block] of blocks.entries()) {
		// A store pair's classic half goes with its containerd half.
		if (block.meta.store === 'classic') continue;
		const classic = block.meta.store === 'containerd' ? blocks[index + 1] : undefined;
		const lines = classic === undefined ? blockLines(block) : pairLines(block, classic);
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
		'set -e',
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
