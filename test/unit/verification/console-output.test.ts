/** src/verification/console-output.ts: a verified transcript as the page shows it, with what varied marked. */
import { describe, expect, it } from 'vitest';
import { consoleDisplay, encodeMarks, foldAfter } from '../../../src/verification/console-output.ts';

const words = { shortened: (lines: number): string => `… ${lines} lines left out …`, fold: (lines: number): string => `… ${lines} more lines` };

describe('consoleDisplay', () => {
	it('shows the recorded output under the commands as written, with what varied marked', () => {
		const pattern = '$ docker image ls --format "{{.Tag}} {{.Size}}" app\nv1 [SIZE]\n$ echo done\ndone';
		const recorded = '$ docker image ls --format "{{.Tag}} {{.Size}}" app\nv1 77.1MB\n$ echo done\ndone';
		const display = consoleDisplay(pattern, recorded, words);
		expect(display.text).toBe(recorded);
		expect(display.matched).toBe(true);
		expect(display.marks).toEqual({ varying: [[1, 3, 9]], folds: [] });
	});

	it('folds a ... that absorbed many lines behind one line, and marks a few absorbed lines as varying', () => {
		const many = Array.from({ length: foldAfter + 2 }, (_, i) => `#${i} step`);
		const display = consoleDisplay('$ build\nstart\n...\nend\n$ ls\n...', ['$ build', 'start', ...many, 'end', '$ ls', 'x'].join('\n'), words);
		expect(display.text.split('\n')).toEqual(['$ build', 'start', `… ${many.length} more lines`, 'end', '$ ls', 'x']);
		expect(display.marks.folds).toEqual([[2, many.join('\n')]]);
		expect(display.marks.varying).toEqual([[5, 0, 1]]);
	});

	it('shows an output its pattern no longer matches as recorded, unmarked', () => {
		const display = consoleDisplay('$ echo a\nb', '$ echo a\na\n', words);
		expect(display).toEqual({ text: '$ echo a\na', marks: { varying: [], folds: [] }, matched: false });
	});

	it('keeps host folders out', () => {
		const display = consoleDisplay('$ pwd\n[..]/work', '$ pwd\n/tmp/layerbook-abc/x/work', words);
		expect(display.text).toBe('$ pwd\n[HOST]');
		expect(display.marks.varying).toEqual([[1, 0, 6]]);
	});

	it('carries the marks as a meta value that needs no quotes', () => {
		expect(encodeMarks({ varying: [[1, 2, 3]], folds: [[0, 'a "quoted"\nline']] })).toMatch(/^[A-Za-z0-9_-]+$/);
	});
});
