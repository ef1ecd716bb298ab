import { describe, expect, it } from 'vitest';
import { engineName, labels } from '../../../src/verification/labels.ts';

describe('engineName', () => {
	it('names the engine as a reader does, without the packaging suffix, with its image store', () => {
		expect(engineName({ version: '28.5.2+dfsg4', store: 'containerd' }, 'en')).toBe('Docker Engine 28.5.2 (containerd image store)');
		expect(engineName({ version: '28.5.2', store: 'classic' }, 'ko')).toBe('Docker Engine 28.5.2 (classic 이미지 저장소)');
	});

	it("is what the chapter's line says, with the day the chapter ran", () => {
		expect(labels.en.chapter({ version: '28.5.2+dfsg4', store: 'containerd' }, '2026-12-01')).toBe(
			"This chapter's examples were run and checked on Docker Engine 28.5.2 (containerd image store) on 2026-12-01.",
		);
		expect(labels.ko.chapter({ version: '28.5.2', store: 'containerd' }, '2026-12-01')).toBe(
			'이 장의 예제는 2026-12-01에 Docker Engine 28.5.2 (containerd 이미지 저장소)에서 실행해 검증했습니다.',
		);
	});

	it('summarises a setup group in words', () => {
		expect(labels.ko.setupSummary(['a.js', 'Dockerfile'], 1)).toBe('파일 2개(a.js, Dockerfile)를 만들고 명령 블록 1개를 실행합니다');
		expect(labels.en.setupSummary(['a.js'], 2)).toBe('writes 1 file (a.js) and runs 2 command blocks');
	});
});
