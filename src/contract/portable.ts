/**
 * Commands a reader copies run on their own machine, often macOS (whose `sed`, `stat`, `date`...
 * are BSD's) or Git Bash: this lint refuses the GNU-only forms of those tools, each with the form
 * that works on both.
 */

export interface PortabilityProblem {
	/** The GNU-only form, as a reader would recognise it (`sed -i`). */
	form: string;
	/** What to write instead. */
	instead: string;
}

interface Rule {
	tool: string;
	/** The options that make the form GNU-only; an option word matches when it equals one, or starts with a short one followed by its value. */
	options: readonly string[];
	form: string;
	instead: string;
}

const rules: readonly Rule[] = [
	{
		tool: 'sed',
		options: ['-i', '--in-place'],
		form: 'sed -i without a suffix',
		instead: "give a suffix in the same word and remove the copy: sed -i.bak 's/a/b/' file && rm file.bak",
	},
	{ tool: 'sed', options: ['-r', '--regexp-extended'], form: 'sed -r', instead: 'sed -E' },
	{
		tool: 'stat',
		options: ['-c', '--format', '--printf'],
		form: 'stat -c',
		instead: "ls -ln file | awk '{print $3}' for the owner's UID (ls -l for the name), or run stat inside a container",
	},
	{
		tool: 'date',
		options: ['-d', '--date'],
		form: 'date -d',
		instead: 'compute the date inside a container, or print it from the tool that has it (docker inspect -f)',
	},
	{ tool: 'grep', options: ['-P', '--perl-regexp'], form: 'grep -P', instead: 'grep -E with a POSIX class ([0-9] for \\d)' },
	{
		tool: 'xargs',
		options: ['-r', '--no-run-if-empty'],
		form: 'xargs -r',
		instead: 'test for input first: list=$(…); [ -n "$list" ] && echo "$list" | xargs …',
	},
	{ tool: 'base64', options: ['-w', '--wrap'], form: 'base64 -w', instead: "base64 < file | tr -d '\\n'" },
	{ tool: 'readlink', options: ['-f', '--canonicalize'], form: 'readlink -f', instead: '(cd "$(dirname path)" && pwd -P)' },
	{ tool: 'cp', options: ['-t', '--target-directory'], form: 'cp -t', instead: 'cp files… directory/ (the directory last)' },
	{ tool: 'find', options: ['-printf'], form: 'find -printf', instead: 'find … -exec ls -ld {} + or find … -print' },
];

/**
 * The GNU-only forms in one command as the reader's shell reads it (continuation lines included).
 * What runs inside a container (a `sh -c '…'` argument, a Dockerfile's `RUN`) is Linux's, so it is
 * not checked.
 */
export function portabilityProblems(command: string): PortabilityProblem[] {
	const found: PortabilityProblem[] = [];
	for (const words of simpleCommands(command)) {
		const tool = toolOf(words);
		if (tool === undefined) continue;
		for (const rule of rules) {
			if (rule.tool !== tool.name) continue;
			if (tool.args.some((word) => optionMatches(rule, word))) found.push({ form: rule.form, instead: rule.instead });
		}
	}
	return found;
}

/** The tool a simple command runs and its arguments, past `VAR=value`, `sudo`, `command` and `env`. */
function toolOf(words: readonly string[]): { name: string; args: readonly string[] } | undefined {
	let at = 0;
	while (at < words.length && (/^[A-Za-z_][A-Za-z0-9_]*=/.test(words[at] ?? '') || ['sudo', 'command', 'env', 'time', 'exec'].includes(words[at] ?? '')))
		at += 1;
	const name = words[at];
	if (name === undefined) return undefined;
	// `/usr/bin/sed` is sed; `gsed`, GNU sed installed on a Mac, is the reader's own choice.
	return { name: name.replace(/^.*\//, ''), args: words.slice(at + 1) };
}

function optionMatches(rule: Rule, word: string): boolean {
	return rule.options.some((option) => {
		if (option.startsWith('--')) return word === option || word.startsWith(`${option}=`);
		// GNU sed's -i takes its suffix in the same word: a bare -i (or a bundle ending in it) has none.
		if (rule.tool === 'sed' && option === '-i') return /^-[a-zA-Z]*i$/.test(word);
		// A short option alone, bundled (`-oP`), or with its value attached (`-w0`, `-c%U`).
		const letters = /^-([a-zA-Z]+)/.exec(word)?.[1];
		return letters !== undefined && !word.startsWith('--') && letters.includes(option.slice(1));
	});
}

/**
 * The simple commands of a command line, each as its words, quotes removed: split at `|`, `;`,
 * `&`, `&&`, `||`, parentheses and newlines, with every `$(…)` read as commands of its own. The
 * text of single quotes is a word, never a command (`sh -c '…'` runs in the container).
 */
function simpleCommands(line: string): string[][] {
	const commands: string[][] = [];
	let words: string[] = [];
	let word = '';
	let inWord = false;
	const endWord = (): void => {
		if (inWord) words.push(word);
		word = '';
		inWord = false;
	};
	const endCommand = (): void => {
		endWord();
		if (words.length > 0) commands.push(words);
		words = [];
	};
	const text = line.replace(/\\\n/g, ' ');
	let index = 0;
	let quote: '"' | undefined;
	while (index < text.length) {
		const char = text[index] as string;
		if (char === '$' && text[index + 1] === '(' && text[index + 2] !== '(') {
			const end = closingParen(text, index + 2);
			commands.push(...simpleCommands(text.slice(index + 2, end)));
			word += '$(…)';
			inWord = true;
			index = end + 1;
			continue;
		}
		if (quote === '"') {
			if (char === '"') quote = undefined;
			else if (char === '\\' && index + 1 < text.length) {
				word += text[index + 1];
				index += 1;
			} else word += char;
			index += 1;
			continue;
		}
		if (char === "'") {
			const end = text.indexOf("'", index + 1);
			word += text.slice(index + 1, end === -1 ? text.length : end);
			inWord = true;
			index = end === -1 ? text.length : end + 1;
			continue;
		}
		if (char === '"') {
			quote = '"';
			inWord = true;
		} else if (char === '\\' && index + 1 < text.length) {
			word += text[index + 1];
			inWord = true;
			index += 1;
		} else if (char === '#' && !inWord) {
			// A comment runs to the end of its line.
			const end = text.indexOf('\n', index);
			index = end === -1 ? text.length : end;
			continue;
		} else if ('|;&()\n'.includes(char)) endCommand();
		else if (char === ' ' || char === '\t') endWord();
		else {
			word += char;
			inWord = true;
		}
		index += 1;
	}
	endCommand();
	return commands;
}

/** The index of the `)` that closes a `$(` whose inside starts at `from`, quotes respected. */
function closingParen(text: string, from: number): number {
	let depth = 1;
	let quote: string | undefined;
	for (let index = from; index < text.length; index += 1) {
		const char = text[index];
		if (quote !== undefined) {
			if (char === quote) quote = undefined;
			continue;
		}
		if (char === "'" || char === '"') quote = char;
		else if (char === '(') depth += 1;
		else if (char === ')') {
			depth -= 1;
			if (depth === 0) return index;
		}
	}
	return text.length;
}

/** Each command of a shell block with its file line: continuation lines joined, heredoc bodies (a file's text, not commands) left out. */
export function shellBlockCommands(code: string, firstLine: number): { command: string; line: number }[] {
	const lines = code.split('\n');
	const commands: { command: string; line: number }[] = [];
	let index = 0;
	while (index < lines.length) {
		const line = firstLine + index;
		let command = lines[index] ?? '';
		index += 1;
		while (/\\$/.test(command) && index < lines.length) {
			command = `${command}\n${lines[index] ?? ''}`;
			index += 1;
		}
		commands.push({ command, line });
		const heredoc = /<<-?\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\1/.exec(command);
		if (heredoc !== null) {
			const end = heredoc[2];
			while (index < lines.length && (lines[index] ?? '').replace(/^\t+/, '') !== end) index += 1;
			index += 1;
		}
	}
	return commands;
}
