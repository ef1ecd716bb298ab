/**
 * Comment lines, which a translation may reword (CONTRIBUTING.md, "Translations"):
 * `# ...` in shells, Dockerfiles and config files, `// ...` in JavaScript and its kin.
 */
const hashComment = new Set([
	'sh',
	'bash',
	'shell',
	'dockerfile',
	'yaml',
	'yml',
	'toml',
	'ini',
	'conf',
	'python',
	'py',
	'ruby',
	'properties',
	'nginx',
	'gitignore',
	'dockerignore',
	'env',
	'makefile',
	'text',
	'txt',
]);
const slashComment = new Set(['js', 'mjs', 'cjs', 'javascript', 'ts', 'typescript', 'jsx', 'tsx', 'jsonc', 'json5', 'go', 'java', 'c', 'cpp', 'rust', 'css']);

export function withoutCommentLines(lang: string, code: string): string {
	const language = lang.toLowerCase();
	const isComment = (line: string): boolean => {
		const text = line.trim();
		// A console transcript's comments are commands that are only a comment: `$ # ...`.
		if (language === 'console') return /^\$\s+#/.test(text);
		if (hashComment.has(language)) return text.startsWith('#') && !text.startsWith('#!');
		if (slashComment.has(language)) return text.startsWith('//');
		return false;
	};
	return code
		.split('\n')
		.filter((line) => !isComment(line))
		.map((line) => line.trimEnd())
		.join('\n');
}
