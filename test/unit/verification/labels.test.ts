import { describe, expect, it } from 'vitest';
import { engineName, labels } from '../../../src/verification/labels.ts';

describe('engineName', () => {
	it('names the engine as a reader does, without the packaging suffix, with its image store', () => {
		expect(engineName({ version: '28.5.2+dfsg4', store: 'containerd' }, 'en')).toBe('Docker Engine 28.5.2 (containerd image store)');
		expect(engineName({ version: '28.5.2', store: 'classic' }, 'ko')).toBe('Docker Engine 28.5.2 (classic 이미지 저장소)');
	});

	it('is what the verified badge says', () => {
		expect(labels.en.passed({ version: '28.5.2+dfsg4', store: 'containerd' }, '2026-12-01')).toBe(
			'Verified: run on Docker Engine 28.5.2 (containerd image store), 2026-12-01',
		);
	});
});
