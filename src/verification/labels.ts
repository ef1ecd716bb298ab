/** The words the verification marks use, in each of the guide's languages. */
export type GuideLanguage = 'ko' | 'en';

export interface VerificationLabels {
	passed: (engine: string, date: string) => string;
	skipped: (reason: string) => string;
	stale: string;
	output: string;
	shortened: (lines: number) => string;
}

export const labels: Record<GuideLanguage, VerificationLabels> = {
	ko: {
		passed: (engine, date) => `검증됨: Docker ${engine}에서 실행, ${date}`,
		skipped: (reason) => `실행하지 않음: ${reason}`,
		stale: '검증되지 않음: 기록 이후에 바뀐 블록입니다',
		output: '실행 결과',
		shortened: (lines) => `… ${lines}줄 생략 …`,
	},
	en: {
		passed: (engine, date) => `Verified: run on Docker ${engine}, ${date}`,
		skipped: (reason) => `Not run: ${reason}`,
		stale: 'Not verified: this block changed after it was recorded',
		output: 'Output',
		shortened: (lines) => `… ${lines} lines left out …`,
	},
};

/** The record's ISO date as the reader's calendar day, the same on every machine. */
export function recordDay(isoDate: string): string {
	return isoDate.slice(0, 10);
}
