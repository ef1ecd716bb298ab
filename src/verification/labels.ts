/** The words the verification marks use, in each of the guide's languages. */
import type { GuideLanguage } from '../contract/locales.ts';

/** What the labels need of the engine a block ran on. */
export interface EngineIdentity {
	version: string;
	store: 'containerd' | 'classic';
}

export interface VerificationLabels {
	/** The chapter's line at its top: where and when its examples ran. */
	chapter: (engine: EngineIdentity, date: string) => string;
	/** The link to the chapter as one shell script. */
	script: string;
	/** Under a block that ran (the engine and date are in the chapter's line). */
	passed: string;
	skipped: (reason: string) => string;
	stale: string;
	output: string;
	shortened: (lines: number) => string;
	/** A part of a recorded output that differs from run to run. */
	varying: string;
	/** The line of a fold that holds lines a `...` absorbed. */
	fold: (lines: number) => string;
	/** A folded setup group: its name, what it does, and where it was first explained. */
	setup: string;
	setupSummary: (files: readonly string[], commands: number) => string;
	setupFrom: string;
}

export const labels: Record<GuideLanguage, VerificationLabels> = {
	ko: {
		chapter: (engine, date) => `이 장의 예제는 ${date}에 ${engineName(engine, 'ko')}에서 실행해 검증했습니다.`,
		script: '이 장 전체를 스크립트로 받기',
		passed: '검증됨',
		skipped: (reason) => `실행하지 않음: ${reason}`,
		stale: '검증되지 않음: 기록 이후에 바뀐 블록이라 기대 출력 패턴을 보여 줍니다',
		output: '실행 결과',
		shortened: (lines) => `… ${lines}줄 생략 …`,
		varying: '이 값은 실행할 때마다 다릅니다',
		fold: (lines) => `… ${lines}줄 더 보기 (실행할 때마다 다른 부분)`,
		setup: '준비',
		setupSummary: (files, commands) => {
			const written = `파일 ${files.length}개(${files.join(', ')})`;
			if (commands === 0) return `${written}를 만듭니다`;
			return files.length === 0 ? `명령 블록 ${commands}개를 실행합니다` : `${written}를 만들고 명령 블록 ${commands}개를 실행합니다`;
		},
		setupFrom: '처음 설명한 곳:',
	},
	en: {
		chapter: (engine, date) => `This chapter's examples were run and checked on ${engineName(engine, 'en')} on ${date}.`,
		script: 'Download this chapter as a script',
		passed: 'Verified',
		skipped: (reason) => `Not run: ${reason}`,
		stale: 'Not verified: this block changed after it was recorded, so it shows the expected pattern',
		output: 'Output',
		shortened: (lines) => `… ${lines} lines left out …`,
		varying: 'differs on every run',
		fold: (lines) => `… ${lines} more lines (they differ on every run)`,
		setup: 'Setup',
		setupSummary: (files, commands) =>
			[
				files.length > 0 ? `writes ${files.length} file${files.length === 1 ? '' : 's'} (${files.join(', ')})` : '',
				commands > 0 ? `runs ${commands} command block${commands === 1 ? '' : 's'}` : '',
			]
				.filter((part) => part !== '')
				.join(' and '),
		setupFrom: 'First explained in',
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
