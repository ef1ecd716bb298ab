/**
 * Every word of the verification UI (the marks beside blocks, the chapter's line, the verification
 * page), in each of the guide's languages: one source, handed to Starlight (starlight-plugin.ts).
 */
import type { GuideLanguage } from '../contract/locales.ts';

// `{{name}}` is filled in by i18next, as in Starlight's own strings.
const ko = {
	// The stores' names in sentences; a store pair's tabs have labels of their own, the same in
	// every language (store-tabs.ts).
	'layerbook.store.containerd': 'containerd 이미지 스토어',
	'layerbook.store.classic': '클래식 이미지 스토어(overlay2)',
	'layerbook.block.chapter': '이 장의 예제는 {{date}}에 {{engine}}에서 실행해 검증했습니다.',
	'layerbook.block.engineWith': '{{engine}}의 {{store}}',
	// Each follows a name ending in 스토어 or (overlay2), with no final consonant: 와, not 과.
	'layerbook.block.bothStores': '{{first}}와 {{second}}',
	'layerbook.block.bothEngines': '{{first}}와 {{second}}',
	'layerbook.block.script': '이 장 전체를 스크립트로 받기',
	'layerbook.block.passed': '검증됨',
	'layerbook.block.passedOnBoth': '검증됨 · 두 이미지 스토어',
	'layerbook.block.passedOn': '검증됨 · {{store}}',
	'layerbook.block.skipped': '실행하지 않음: {{reason}}',
	'layerbook.block.stale': '검증되지 않음: 기록 이후에 바뀐 블록이라 기대 출력 패턴을 보여 줍니다',
	'layerbook.block.output': '실행 결과',
	'layerbook.block.shortened': '… {{lines}}줄 생략 …',
	'layerbook.block.varying': '이 값은 실행할 때마다 다릅니다',
	'layerbook.block.fold': '… {{lines}}줄 더 보기 (실행할 때마다 다른 부분)',
	'layerbook.setup.name': '준비',
	'layerbook.setup.files_other': '파일 {{count}}개({{names}})',
	'layerbook.setup.commands_other': '명령 블록 {{count}}개',
	'layerbook.setup.onlyFiles': '{{files}}를 만듭니다',
	'layerbook.setup.onlyCommands': '{{commands}}를 실행합니다',
	'layerbook.setup.both': '{{files}}를 만들고 {{commands}}를 실행합니다',
	'layerbook.setup.from': '처음 설명한 곳:',
	'layerbook.status.none': '아직 기록이 없습니다. npm run record로 만듭니다.',
	'layerbook.status.run': '마지막 실행',
	'layerbook.status.engine': '엔진',
	'layerbook.status.packages': '패키지',
	'layerbook.status.from': '출처: {{source}}의 패키지를 풀어서 실행',
	'layerbook.status.os': '운영체제',
	'layerbook.status.arch': '아키텍처',
	'layerbook.status.chapter': '장',
	'layerbook.status.passedOn': '{{store}}에서 통과',
	'layerbook.status.pairs': '이미지 스토어마다 다른 블록',
	'layerbook.status.pairsNote':
		'이미지 스토어에 따라 출력이 다른 블록은 스토어마다 한 번씩 두 번 쓰고, 페이지에서는 두 탭으로 보여 줍니다. 표에서는 그런 한 쌍을 하나로 셉니다. 괄호 안은 그 이미지 스토어에서 장 전체를 실행하는 데 걸린 시간입니다.',
	'layerbook.status.notRecorded': '기록 없음',
	'layerbook.status.readingOrder': '모든 장을 순서대로 (장 사이 초기화 없이)',
	'layerbook.status.readingOrderNote':
		'마지막 줄은 책을 처음부터 따라 하는 독자의 경우입니다. 모든 장을 목차 순서대로 한 엔진에서 실행하고, 장 사이에 엔진을 초기화하지 않습니다. 앞 장에서 받은 이미지와 정리 절에서 일부러 남긴 것이 다음 장까지 남아 있습니다.',
	'layerbook.status.skipped': '실행하지 않음',
	'layerbook.status.date': '실행 날짜',
	'layerbook.status.image': '이미지',
	'layerbook.status.digest': '다이제스트',
	'layerbook.status.origin': '출처',
	'layerbook.status.hub': '도커 허브에서 받은 공식 이미지',
	'layerbook.status.standIn': '대체 이미지: {{from}}',
	'layerbook.status.standInCount':
		'기본 이미지 {{all}}개 가운데 {{standIns}}개는 도커 허브에 접속할 수 없는 환경에서 데비안 패키지와 npm 패키지로 만든 대체 이미지입니다.',
	'layerbook.status.chapters': '장별 결과',
	'layerbook.status.images': '기본 이미지',
	'layerbook.status.seconds': '{{seconds}}초',
	'layerbook.status.line': '{{line}}번째 줄',
};

type VerificationKey = keyof typeof ko;

const en: Record<VerificationKey, string> & Record<string, string> = {
	'layerbook.setup.files_one': '{{count}} file ({{names}})',
	'layerbook.setup.commands_one': '{{count}} command block',
	'layerbook.store.containerd': 'containerd image store',
	'layerbook.store.classic': 'classic store (overlay2)',
	'layerbook.block.chapter': "This chapter's examples were run and checked on {{engine}} on {{date}}.",
	'layerbook.block.engineWith': '{{engine}} with the {{store}}',
	'layerbook.block.bothStores': '{{first}} and the {{second}}',
	'layerbook.block.bothEngines': '{{first}} and {{second}}',
	'layerbook.block.script': 'Download this chapter as a script',
	'layerbook.block.passed': 'Verified',
	'layerbook.block.passedOnBoth': 'Verified on both image stores',
	'layerbook.block.passedOn': 'Verified on the {{store}}',
	'layerbook.block.skipped': 'Not run: {{reason}}',
	'layerbook.block.stale': 'Not verified: this block changed after it was recorded, so it shows the expected pattern',
	'layerbook.block.output': 'Output',
	'layerbook.block.shortened': '… {{lines}} lines left out …',
	'layerbook.block.varying': 'differs on every run',
	'layerbook.block.fold': '… {{lines}} more lines (they differ on every run)',
	'layerbook.setup.name': 'Setup',
	'layerbook.setup.files_other': '{{count}} files ({{names}})',
	'layerbook.setup.commands_other': '{{count}} command blocks',
	'layerbook.setup.onlyFiles': 'writes {{files}}',
	'layerbook.setup.onlyCommands': 'runs {{commands}}',
	'layerbook.setup.both': 'writes {{files}} and runs {{commands}}',
	'layerbook.setup.from': 'First explained in',
	'layerbook.status.none': 'No record yet. Make one with npm run record.',
	'layerbook.status.run': 'Last run',
	'layerbook.status.engine': 'Engine',
	'layerbook.status.packages': 'Packages',
	'layerbook.status.from': 'Unpacked from {{source}}',
	'layerbook.status.os': 'Operating system',
	'layerbook.status.arch': 'Architecture',
	'layerbook.status.chapter': 'Chapter',
	'layerbook.status.passedOn': 'Passed on the {{store}}',
	'layerbook.status.pairs': 'Differ by store',
	'layerbook.status.pairsNote':
		'A block whose output differs between the image stores is written twice, once for each store, and shown as two tabs. The table counts such a pair once. In brackets: how long the whole chapter took on that store.',
	'layerbook.status.notRecorded': 'not recorded',
	'layerbook.status.readingOrder': 'Every chapter in order (no reset between chapters)',
	'layerbook.status.readingOrderNote':
		"The last row is the reader who follows the book from the start: every chapter in the sidebar's order on one engine, which is not reset between chapters, so the images earlier chapters pulled and what their cleanup sections leave on purpose are still there.",
	'layerbook.status.skipped': 'Not run',
	'layerbook.status.date': 'Run on',
	'layerbook.status.image': 'Image',
	'layerbook.status.digest': 'Digest',
	'layerbook.status.origin': 'Origin',
	'layerbook.status.hub': 'Official image pulled from Docker Hub',
	'layerbook.status.standIn': 'Stand-in: {{from}}',
	'layerbook.status.standInCount':
		'Of {{all}} base images, {{standIns}} are stand-ins built from Debian and npm packages where Docker Hub could not be reached.',
	'layerbook.status.chapters': 'By chapter',
	'layerbook.status.images': 'Base images',
	'layerbook.status.seconds': '{{seconds}} s',
	'layerbook.status.line': 'line {{line}}',
};

/** Handed to Starlight with `injectTranslations`, read back with its `useTranslations` / `Astro.locals.t`. */
export const verificationTranslations: Record<GuideLanguage, Record<string, string>> = { ko, en };
