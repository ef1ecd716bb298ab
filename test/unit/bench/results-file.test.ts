/** bench/results-file.ts: a new bench run rewrites the measured part of bench/RESULTS.md and keeps what people wrote. */
import { describe, expect, it } from 'vitest';
import { byHandEnd, byHandStart, composeResults } from '../../../bench/results-file.ts';

describe('bench/RESULTS.md', () => {
	const title = ['# Benchmarks'];

	it('keeps the by-hand part as people wrote it and writes the measured sections anew, each once', () => {
		const first = composeResults(null, title, ['## The site (old)', '', '| a | 1 |']);
		const edited = first.replace(`${byHandStart}\n\n`, `${byHandStart}\n\n## Fresh machine\n\n| check | exit 0 |\n\n`);
		const second = composeResults(edited, title, ['## The site (new)', '', '| a | 2 |']);
		expect(second).toContain('## Fresh machine\n\n| check | exit 0 |\n\n' + byHandEnd);
		expect(second).toContain('## The site (new)');
		expect(second).not.toContain('## The site (old)');
		const headings = second.split('\n').filter((line) => line.startsWith('## '));
		expect(new Set(headings).size).toBe(headings.length);
		// Written again from itself, nothing moves.
		expect(composeResults(second, title, ['## The site (new)', '', '| a | 2 |'])).toBe(second);
	});

	it('starts an empty by-hand part in a file that has none', () => {
		const text = composeResults('# Benchmarks\n\n## Something measured\n', title, []);
		expect(text).toContain(`${byHandStart}\n\n${byHandEnd}`);
		expect(text).not.toContain('Something measured');
	});
});
