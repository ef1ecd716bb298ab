/**
 * Korean wordings the guide has retired in favour of the terms Korean Docker users write and
 * search for. The terminology test fails when a Korean page uses one again.
 */
export const retiredTerms: readonly { retired: string; use: string }[] = [
	{ retired: '쓰기 층', use: '쓰기 가능한 레이어' },
	{ retired: '쓰기 가능 레이어', use: '쓰기 가능한 레이어' },
	{ retired: '얼리', use: '일시 정지' },
	{ retired: '녹이', use: '재개' },
	{ retired: '듣지 않', use: '요청을 기다리지 않' },
	{ retired: '듣습니다', use: '요청을 기다립니다' },
	{ retired: '처리기', use: '핸들러' },
	{ retired: '나눠 주', use: '공유' },
	{ retired: '나눠 씁', use: '공유' },
	{ retired: '이름 없는 볼륨', use: '익명 볼륨' },
	{ retired: '신호', use: '시그널' },
	{ retired: '돕니다', use: '실행 중입니다' },
];
