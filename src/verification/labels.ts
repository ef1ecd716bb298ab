/** The words the verification marks use, in each of the guide's languages. */
import type { GuideLanguage } from '../contract/locales.ts';

/** What the labels need of the engine a block ran on. */
export interface EngineIdentity {
	version: string;
	store: 'containerd' | 'classic';
}

export interface VerificationLabels {
	passed: (engine: EngineIdentity, date: string) => string;
	skipped: (reason: string) => string;
	stale: string;
	output: string;
	shortened: (lines: number) => string;
}

export const labels: Record<GuideLanguage, VerificationLabels> = {
	ko: {
		passed: (engine, date) => `검증됨: ${engineName(engine, 'ko')}에서 실행, ${date}`,
		skipped: (reason) => `실행하지 않음: ${reason}`,
		stale: '검증되지 않음: 기록 이후에 바뀐 블록입니다',
		output: '실행 결과',
		shortened: (lines) => `… ${lines}줄 생략 …`,
	},
	en: {
		passed: (engine, date) => `Verified: run on ${engineName(engine, 'en')}, ${date}`,
		skipped: (reason) => `Not run: ${reason}`,
		stale: 'Not verified: this block changed after it was recorded',
		output: 'Output',
		shortened: (lines) => `… ${lines} lines left out …`,
	},
};

/** The engine as a reader names it: "Docker Engine 28.5.2 (containerd image store)". */
export function engineName(engine: EngineIdentity, lang: GuideLanguage): string {
	// Distribution packaging suffixes (28.5.2+dfsg4) are not part of Docker's version.
	const version = /^\d+(?:\.\d+)*/.exec(engine.version)?.[0] ?? engine.version;
	const store = {
		ko: { containerd: 'containerd 이미지 저장소', classic: 'classic 이미지 저장소' },
		en: { containerd: 'containerd image store', classic: 'classic image store' },
	}[lang][engine.store];
	return `Docker Engine ${version} (${store})`;
}

/** The record's ISO date as the reader's calendar day, the same on every machine. */
export function recordDay(isoDate: string): string {
	return isoDate.slice(0, 10);
}
