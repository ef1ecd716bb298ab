import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { retiredTerms } from '../../src/terminology.ts';

const docs = fileURLToPath(new URL('../../src/content/docs/', import.meta.url));
const koreanPages = readdirSync(docs).filter((name) => name.endsWith('.mdx') || name.endsWith('.md'));

describe.each(koreanPages)('%s', (page) => {
	it('uses the guide\'s terms, none of the retired wordings', () => {
		const lines = readFileSync(join(docs, page), 'utf8').split('\n');
		const found = lines.flatMap((line, index) =>
			retiredTerms.filter(({ retired }) => line.includes(retired)).map(({ retired, use }) => `${page}:${index + 1}: "${retired}" (use ${use})`),
		);
		expect(found).toEqual([]);
	});
});
