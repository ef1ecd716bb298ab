/**
 * src/components/Search.astro is a copy of Starlight's Search with Pagefind loaded on intent: this
 * fails, naming the upstream file, when the installed Starlight's Search is no longer the one it was
 * copied from, or when the parts copied as they were (the styles) no longer match it.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repositoryRoot } from '../../../scripts/host/repository.ts';

const upstreamFile = 'node_modules/@astrojs/starlight/components/Search.astro';
const forkFile = 'src/components/Search.astro';
/** The upstream Search the fork was made from: Starlight 0.37.7's, by its SHA-256. */
const forkedFrom = { starlight: '0.37.7', sha256: '30d6549c54409a9e92ec9734901946d409a408635e8876b18940285f21c62062' };

/** The `<style>` blocks of a component, in order: copied from upstream unchanged. */
function styles(component: string): string[] {
	return [...component.matchAll(/<style\b[^>]*>[\s\S]*?<\/style>/g)].map((match) => match[0]);
}

/** Why the fork must be looked at again against this upstream text, or an empty list. */
function drift(upstream: string, fork: string): string[] {
	const problems: string[] = [];
	const sha256 = createHash('sha256').update(upstream).digest('hex');
	if (sha256 !== forkedFrom.sha256) {
		problems.push(
			`${upstreamFile} is no longer Starlight ${forkedFrom.starlight}'s, which ${forkFile} was copied from: carry its changes over to the fork, then record its SHA-256 ${sha256} here`,
		);
	}
	const ours = styles(fork);
	const theirs = styles(upstream);
	if (ours.length !== theirs.length || ours.some((style, index) => style !== theirs[index])) {
		problems.push(`the styles of ${forkFile} differ from those of ${upstreamFile}`);
	}
	return problems;
}

const read = (file: string): Promise<string> => readFile(join(repositoryRoot, file), 'utf8');

describe('the fork of Starlight’s Search', () => {
	it('was made from the installed Starlight’s Search', async () => {
		expect(drift(await read(upstreamFile), await read(forkFile))).toEqual([]);
	});

	it('says so, naming the upstream file, when upstream changed', async () => {
		const upstream = await read(upstreamFile);
		const fork = await read(forkFile);
		const changedScript = upstream.replace('if (import.meta.env.DEV) return;', 'if (import.meta.env.DEV) return; // changed');
		expect(changedScript).not.toBe(upstream);
		expect(drift(changedScript, fork)).toEqual([expect.stringContaining(`${upstreamFile} is no longer Starlight 0.37.7's`)]);
		const changedStyle = upstream.replace(/<style>/, '<style>\n\t.new {}\n');
		expect(drift(changedStyle, fork)).toEqual([expect.stringContaining(upstreamFile), `the styles of ${forkFile} differ from those of ${upstreamFile}`]);
	});
});
