/** src/verification/labels.ts: the verification marks' words, in every language. */
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { engineName, type Translate, verificationLabels } from '../../../src/verification/labels.ts';
import { verificationTranslations } from '../../../src/verification/translations.ts';

/** The strings read back the way Starlight reads them: an i18next instance holding them. */
const translate: Record<'ko' | 'en', Translate> = { ko: () => '', en: () => '' };
beforeAll(async () => {
	const i18n = i18next.createInstance();
	await i18n.init({
		resources: { ko: { starlight: verificationTranslations.ko }, en: { starlight: verificationTranslations.en } },
		ns: ['starlight'],
		defaultNS: 'starlight',
	});
	for (const lang of ['ko', 'en'] as const) {
		const t = i18n.getFixedT(lang, 'starlight');
		translate[lang] = (key, options) => String(t(key as never, (options ?? {}) as never));
	}
});

describe('the verification labels', () => {
	it('name the engine as a reader does, without the packaging suffix, and its image store apart', () => {
		expect(engineName({ version: '28.5.2+dfsg4' })).toBe('Docker Engine 28.5.2');
		expect(verificationLabels(translate.en).store('containerd')).toBe('containerd image store');
		expect(verificationLabels(translate.ko).store('classic')).toBe('클래식 이미지 스토어(overlay2)');
	});

	it("are what the chapter's line says: the engine, the stores it ran on, and the day", () => {
		const containerd = { version: '28.5.2+dfsg4', store: 'containerd' } as const;
		const classic = { version: '28.5.2', store: 'classic' } as const;
		expect(verificationLabels(translate.en).chapter([containerd], '2026-12-01')).toBe(
			"This chapter's examples were run and checked on Docker Engine 28.5.2 with the containerd image store on 2026-12-01.",
		);
		expect(verificationLabels(translate.ko).chapter([containerd], '2026-12-01')).toBe(
			'이 장의 예제는 2026-12-01에 Docker Engine 28.5.2의 containerd 이미지 스토어에서 실행해 검증했습니다.',
		);
		// The stores in their order, whatever the order given; one engine named once.
		expect(verificationLabels(translate.en).chapter([classic, containerd], '2026-12-01')).toBe(
			"This chapter's examples were run and checked on Docker Engine 28.5.2 with the containerd image store and the classic store (overlay2) on 2026-12-01.",
		);
		expect(verificationLabels(translate.ko).chapter([containerd, classic], '2026-12-01')).toBe(
			'이 장의 예제는 2026-12-01에 Docker Engine 28.5.2의 containerd 이미지 스토어와 클래식 이미지 스토어(overlay2)에서 실행해 검증했습니다.',
		);
		expect(verificationLabels(translate.en).chapter([containerd, { version: '29.0.1', store: 'classic' }], '2026-12-01')).toBe(
			"This chapter's examples were run and checked on Docker Engine 28.5.2 with the containerd image store and Docker Engine 29.0.1 with the classic store (overlay2) on 2026-12-01.",
		);
	});

	it('say under a block whether it ran on both stores, or which one for a half of a store pair', () => {
		expect(verificationLabels(translate.ko).passedOnBoth).toBe('검증됨 · 두 이미지 스토어');
		expect(verificationLabels(translate.en).passedOnBoth).toBe('Verified on both image stores');
		expect(verificationLabels(translate.ko).passedOn('containerd')).toBe('검증됨 · containerd 이미지 스토어');
		expect(verificationLabels(translate.en).passedOn('classic')).toBe('Verified on the classic store (overlay2)');
	});

	it('summarise a setup group in words, one file or many, and leave paths unescaped', () => {
		expect(verificationLabels(translate.ko).setupSummary(['a.js', 'Dockerfile'], 1)).toBe('파일 2개(a.js, Dockerfile)를 만들고 명령 블록 1개를 실행합니다');
		expect(verificationLabels(translate.en).setupSummary(['a.js'], 2)).toBe('writes 1 file (a.js) and runs 2 command blocks');
		expect(verificationLabels(translate.en).setupSummary(['src/app.js', 'x'], 0)).toBe('writes 2 files (src/app.js, x)');
		expect(verificationLabels(translate.ko).setupSummary([], 3)).toBe('명령 블록 3개를 실행합니다');
	});

	it('exist in every language, with the same keys', () => {
		const keys = (lang: 'ko' | 'en'): string[] =>
			Object.keys(verificationTranslations[lang])
				.map((key) => key.replace(/_(one|other)$/, ''))
				.filter((key, index, all) => all.indexOf(key) === index)
				.sort();
		expect(keys('en')).toEqual(keys('ko'));
		expect(keys('ko').length).toBeGreaterThan(30);
	});
});
