import { describe, expect, it } from 'vitest';
import { recordedChapter, referencedImages, verificationRecordSchema } from '../../../scripts/examples/record.ts';
import type { ChapterResult } from '../../../scripts/examples/result.ts';

const images = ['node:24-bookworm-slim', 'nginx:latest', 'nginx:1.22', 'busybox:latest', 'debian:bookworm', 'debian:bookworm-slim'].map((name) => ({
	name,
	digest: `sha256:${'0'.repeat(64)}`,
	standIn: name.startsWith('node') ? { builtFrom: 'debian:bookworm-slim plus Node.js' } : null,
}));

describe('referencedImages', () => {
	it('finds the base images a chapter names, a bare name meaning latest', () => {
		expect(referencedImages(['docker run --rm nginx', 'FROM node:24-bookworm-slim'], images)).toEqual(['node:24-bookworm-slim', 'nginx:latest']);
		expect(referencedImages(['docker pull nginx:1.22', 'docker run debian:bookworm-slim'], images)).toEqual(['nginx:1.22', 'debian:bookworm-slim']);
	});

	it('does not take a path or another tag for an image', () => {
		expect(referencedImages(['cat /usr/share/nginx/html/index.html', 'docker run busybox:1.36'], images)).toEqual([]);
	});
});

describe('recordedChapter', () => {
	it('keeps passed and skipped blocks with what the site shows', () => {
		const result: ChapterResult = {
			slug: 'intro',
			file: 'src/content/docs/intro.mdx',
			status: 'passed',
			date: '2026-01-01T00:00:00.000Z',
			durationMs: 1234,
			blocks: [
				{ file: 'src/content/docs/intro.mdx', line: 5, kind: 'console', hash: '0123456789abcdef', label: 'docker ps', status: 'passed', durationMs: 10, output: '$ docker ps\nCONTAINER ID', exitCode: 0 },
				{ file: 'src/content/docs/intro.mdx', line: 9, kind: 'shell', hash: 'fedcba9876543210', label: 'docker push', status: 'skipped', reason: 'needs Docker Hub', durationMs: 0 },
				{ file: 'src/content/docs/intro.mdx', line: 12, kind: 'file', hash: 'aaaaaaaaaaaaaaaa', label: 'write x', status: 'passed', durationMs: 1, output: '' },
			],
		};
		const chapter = recordedChapter(result, ['docker run busybox'], { version: '28.5.2', store: 'containerd', packages: [], source: null, os: 'linux', arch: 'x86_64', baseImages: images });
		expect(chapter.baseImages).toEqual(['busybox:latest']);
		expect(chapter.blocks.map((block) => [block.line, block.status, block.reason, block.output])).toEqual([
			[5, 'passed', undefined, '$ docker ps\nCONTAINER ID'],
			[9, 'skipped', 'needs Docker Hub', undefined],
			[12, 'passed', undefined, undefined],
		]);
		const record = { version: 1, date: result.date, engine: chapter.engine, baseImages: images, chapters: { intro: chapter } };
		expect(verificationRecordSchema.parse(record)).toEqual(record);
	});
});
