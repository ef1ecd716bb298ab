/**
 * The guide keeps to its own words (src/terminology.ts): no retired wording on any page, and a
 * glossary that matches the list.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { chapters } from '../../src/contract/chapters.ts';
import { type GuideLanguage, pageIdentity, translationLocales } from '../../src/contract/locales.ts';
import { glossary, retiredIn, retiredTerms } from '../../src/terminology.ts';

const docs = fileURLToPath(new URL('../../src/content/docs/', import.meta.url));

/** Every page of the guide, Korean at the root and each translation in its folder, with its language. */
const pages = ['', ...translationLocales.map((locale) => `${locale}/`)].flatMap((folder) =>
	readdirSync(join(docs, folder))
		.filter((name) => name.endsWith('.mdx') || name.endsWith('.md'))
		.map((name) => [`${folder}${name}`, pageIdentity(`${folder}${name}`).language] as const),
);

/** Every retired wording of `language` in a text, as `page:line: "retired" (use …)`. */
function retiredWordings(page: string, text: string, language: GuideLanguage): string[] {
	return text.split('\n').flatMap((line, index) => retiredIn(line, language).map(({ retired, use }) => `${page}:${index + 1}: "${retired}" (use ${use})`));
}

describe.each(pages)('%s', (page, language) => {
	it("keeps to the guide's words", () => {
		expect(retiredWordings(page, readFileSync(join(docs, page), 'utf8'), language)).toEqual([]);
	});
});

/** For each language, sentences that use a retired wording, with the entry each must be refused by. */
const refused: Record<GuideLanguage, readonly (readonly [string, string])[]> = {
	ko: [
		['컨테이너의 쓰기 층에 파일이 쌓입니다.', '쓰기 층'],
		['쓰기 가능 레이어에 파일이 쌓입니다.', '쓰기 가능 레이어'],
		['docker pause는 컨테이너를 얼립니다.', '얼리다'],
		['docker unpause로 다시 녹입니다.', '녹이다'],
		['멈춘 컨테이너를 다시 시작합니다.', '멈추다'],
		['## 잠시 멈추기: pause와 unpause', '멈추다'],
		['앱은 멈췄던 자리에서 이어서 실행됩니다.', '멈추다'],
		['앱이 8080번 포트에서 듣지 않습니다.', '듣지 않'],
		['앱이 8080번 포트에서 듣습니다.', '듣습니다'],
		['앱이 80번 포트에서 듣고 있습니다.', '듣고 있'],
		['앱이 듣는 포트를 바꿉니다.', '듣는 포트'],
		['70번 포트에서 대기하는 프로그램은 없습니다.', '포트에서 대기'],
		['## 브라우저로 열기: 포트 게시 `-p`', '포트 게시'],
		['호스트의 8081번 포트에 게시합니다.', '포트 게시'],
		['SIGTERM 처리기를 등록합니다.', '처리기'],
		['레이어를 나눠 주는 방식입니다.', '나눠 주'],
		['두 컨테이너가 레이어를 나눠 씁니다.', '나눠 씁'],
		['베이스 이미지의 레이어를 다른 이미지에 나눠 줍니다.', '나눠 주'],
		['두 컨테이너가 나눠 쓰는 레이어입니다.', '나눠 씁'],
		['이름 없는 볼륨이 남습니다.', '이름 없는 볼륨'],
		['`--filter dangling=true`로 이름 없는 이미지만 봅니다.', '이름 없는 이미지'],
		['이름 없던 이미지에 이름이 붙습니다.', '이름 없는 이미지'],
		['SIGTERM 신호를 보냅니다.', '신호'],
		['컨테이너가 아직 돕니다.', '돕니다'],
		['nginx의 새 판을 받습니다.', '판 (버전)'],
		['이것은 옛 판입니다.', '판 (버전)'],
		['이 낱말의 뜻을 봅니다.', '낱말'],
		['apt 꾸러미를 설치합니다.', '꾸러미'],
		['그 까닭은 캐시 키에 있습니다.', '까닭'],
		['다이제스트, 곧 매니페스트의 해시입니다.', ', 곧 (즉)'],
		['도커가 이미지를 보관하는 방식을 이미지 저장소라고 합니다.', '이미지 저장소'],
		['크기는 [저장소](/introduction/#이미지-저장소-확인하기)마다 다릅니다.', '이미지 저장소'],
		['기존 저장소(overlay2)에서는 `0B`입니다.', '기존 저장소, containerd 저장소, 저장소(overlay2)'],
		['containerd 저장소에서도 댕글링 이미지가 생깁니다.', '기존 저장소, containerd 저장소, 저장소(overlay2)'],
		['overlay2 저장소는 압축을 푼 레이어만 셉니다.', '기존 저장소, containerd 저장소, 저장소(overlay2)'],
		['크기는 저장소(overlay2)에서 다릅니다.', '기존 저장소, containerd 저장소, 저장소(overlay2)'],
		['컨테이너는 자기만의 네트워크를 가집니다.', '가지다 (have)'],
		['`unique`는 그 이미지만 가진 크기입니다.', '가지다 (have)'],
		['베이스 이미지가 필요한 프로그램을 갖고 있지는 않습니다.', '가지다 (have)'],
		['그래서 이름이 부딪힙니다.', '부딪히다'],
		['컨테이너의 지금 모습을 새 이미지로 굳힙니다.', '굳히다'],
		['내장 DNS가 컨테이너 이름을 주소로 풀어 줍니다.', '풀어 주다'],
		['명령은 여러분의 도커에서 실행됩니다.', '여러분의 도커'],
		['`CMD`만 다르므로 앞 단계는 캐시에서 바로 나옵니다.', '캐시에서 나옵니다'],
		['이번에는 `npm ci`가 캐시에서 나왔습니다.', '캐시에서 나옵니다'],
		['레이어 하나가 캐시를 놓치면 그 위는 다시 만들어집니다.', '캐시를 놓치다'],
		['다 쓴 목록은 레이어가 닫히기 전에 지웁니다.', '레이어가 닫히다'],
		['nginx가 백그라운드로 물러나지 않게 합니다.', '백그라운드로 물러나다'],
		['컨테이너의 상태를 조사용으로 떠 둘 때처럼 씁니다.', '떠 두다'],
	],
	en: [
		['## Common traps', 'Common traps'],
		['[Common traps](#common-traps) uses this variable.', 'Common traps'],
		['It removes every dangling image on your Docker.', 'on your Docker'],
		['Commands that act on everything in your Docker carry a warning.', 'on your Docker'],
		['The commands run on your own Docker.', 'on your Docker'],
		['## Freezing: pause and unpause', 'Freezing (pause)'],
		['[Ch. 6](/en/container-lifecycle/#freezing-pause-and-unpause)', 'Freezing (pause)'],
		['`docker unpause` thaws it.', 'Freezing (pause)'],
		['Once one layer misses the cache, every layer above it is built again.', 'a layer misses the cache'],
		['The lists are gone before the layer is closed.', 'the layer is closed'],
		['Remove, by name, what this chapter made and is still there:', 'made and is still there'],
	],
};

/** For each language, sentences that only look like a retired wording. */
const fine: Record<GuideLanguage, readonly string[]> = {
	ko: [
		'판단은 여러분의 몫입니다.',
		'게시판을 봅니다.',
		'출판된 문서입니다.',
		'판별합니다.',
		'곧 다음 장에서 봅니다.',
		'`/v2/_catalog`는 저장소(리포지토리) 목록을 돌려줍니다.',
		'Dockerfile은 Git 저장소에 둡니다.',
		'`docker pull 저장소@다이제스트`로 받습니다.',
		'레지스트리의 저장소 목록을 봅니다.',
		'containerd 이미지 스토어와 클래식 이미지 스토어(overlay2)는 크기를 다르게 셉니다.',
		'컨테이너를 일시 정지했다가 재개합니다.',
		'중지된 컨테이너를 다시 시작합니다.',
		'주 프로세스가 종료되었습니다.',
		'하나라도 실패하면 빌드가 중단됩니다.',
		'컨테이너에는 호스트와 분리된 네트워크가 따로 있습니다.',
		'두 가지 형식이 있습니다.',
		'여러 가지 방법이 있습니다.',
		'레지스트리에서 레이어를 가져옵니다.',
		'여러분 컴퓨터의 도커 엔진에 있는 댕글링 이미지를 모두 지웁니다.',
		'굳이 지우지 않아도 됩니다.',
		'한 걸음 물러나 전체를 봅니다.',
		'이미지를 가져와 실행합니다.',
		'먼저 답을 예측하고, 풀이를 펼쳐 확인합니다.',
		'문제를 풀어 보세요.',
		'압축을 푼 레이어를 셉니다.',
		'포트 매핑(publish)은 `-p`로 합니다.',
		'앱이 8080번 포트에서 요청을 기다립니다.',
		'익명 볼륨과 이름 있는 볼륨이 있습니다.',
		'SIGTERM 시그널을 핸들러가 받습니다.',
		'nginx의 새 버전을 받습니다.',
		'앞 단계는 캐시를 그대로 씁니다(CACHED).',
		'한 단계에서 캐시가 무효화되면 그 뒤 단계는 다시 실행됩니다.',
		'그 RUN이 끝나 레이어로 저장되기 전에 지웁니다.',
		'데몬으로 전환하지 않고 포그라운드에서 실행되게 합니다.',
		'디버깅용으로 지금 상태를 남겨 둘 때처럼 씁니다.',
		'이름이 충돌합니다.',
		'컨테이너의 지금 모습을 새 이미지로 저장합니다.',
		'내장 DNS가 이름을 IP 주소로 해석해 줍니다.',
		'컨테이너 안의 쓰기 가능한 레이어를 봅니다.',
		'<span id="이미지-저장소-확인하기"></span>',
	],
	en: [
		'It removes every dangling image on your Docker engine.',
		'Turn it on in your Docker Desktop settings.',
		'Put your Docker Hub account name in place of `YOUR-ID`.',
		'Copy it into your Dockerfile.',
		'## Common pitfalls',
		'[Common pitfalls](#common-pitfalls) uses this variable.',
		'<span id="common-traps"></span>',
		'## Pausing: pause and unpause',
		'`docker pause` uses the kernel’s freezer cgroup.',
		'Run `yarn install --frozen-lockfile`.',
		'Once one step misses the cache, every step after it runs again.',
		'The lists are gone before the layer is committed.',
		'Remove whatever this chapter created that is still around.',
		'Remove `hello`, the one container of this chapter that is still there.',
	],
};

const languages = Object.keys(refused) as GuideLanguage[];

describe('the retired-wording check', () => {
	it.each(languages.flatMap((language) => refused[language].map(([sentence, retired]) => [language, sentence, retired] as const)))(
		'refuses, in %s, "%s"',
		(language, sentence, retired) => {
			expect(retiredIn(sentence, language).map((term) => term.retired)).toEqual([retired]);
		},
	);

	it.each(languages)('has, in %s, a refused sentence for every retired wording', (language) => {
		const shown = new Set(refused[language].map(([, retired]) => retired));
		expect(retiredTerms[language].map(({ retired }) => retired).filter((retired) => !shown.has(retired))).toEqual([]);
	});

	it.each(languages.flatMap((language) => fine[language].map((sentence) => [language, sentence] as const)))(
		'lets through, in %s, "%s"',
		(language, sentence) => {
			expect(retiredIn(sentence, language)).toEqual([]);
		},
	);

	it('reports each retired wording with its page, line and replacement', () => {
		const fixture = ['첫 줄입니다.', '멈춘 컨테이너가 이름을 차지합니다. 그래서 이름이 부딪힙니다.'].join('\n');
		expect(retiredWordings('fixture.mdx', fixture, 'ko')).toEqual([
			'fixture.mdx:2: "멈추다" (use 중지(stop), 일시 정지(pause), 빌드는 중단)',
			'fixture.mdx:2: "부딪히다" (use 충돌합니다)',
		]);
	});

	it('checks a line against the list of its own language only', () => {
		expect(retiredIn('## Common traps', 'ko')).toEqual([]);
		expect(retiredIn('멈춘 컨테이너', 'en')).toEqual([]);
		expect(retiredIn('멈춘 컨테이너').map(({ retired }) => retired)).toEqual(['멈추다']);
	});
});

describe('the glossary', () => {
	const slugs = new Set(chapters.map(({ slug }) => slug));
	const chapterTexts = chapters.filter(({ kind }) => kind !== 'reference').map(({ slug }) => ({ slug, text: readFileSync(join(docs, `${slug}.mdx`), 'utf8') }));

	it.each(glossary.map((term) => [term.ko, term] as const))('%s links to a chapter of the guide', (_ko, term) => {
		expect(slugs.has(term.chapter), `${term.ko}: no chapter "${term.chapter}" in src/contract/chapters.ts`).toBe(true);
		expect(chapters.find(({ slug }) => slug === term.chapter)?.kind).not.toBe('reference');
	});

	it.each(glossary.map((term) => [term.ko, term] as const))('%s is a term a chapter uses', (_ko, term) => {
		const users = chapterTexts.filter(({ text }) => text.includes(term.ko)).map(({ slug }) => slug);
		expect(users, `no chapter uses the glossary term "${term.ko}"`).not.toEqual([]);
	});

	it('uses no retired wording in its Korean terms and definitions', () => {
		const found = glossary.flatMap((term) => retiredWordings(`glossary ${term.ko}`, `${term.ko} ${term.koAlso ?? ''} ${term.definition.ko}`, 'ko'));
		expect(found).toEqual([]);
	});

	it('uses no retired wording in its English terms and definitions', () => {
		const found = glossary.flatMap((term) => retiredWordings(`glossary ${term.en}`, `${term.en} ${term.definition.en}`, 'en'));
		expect(found).toEqual([]);
	});

	it('holds each term once', () => {
		const names = glossary.map(({ ko }) => ko);
		expect(names.filter((name, index) => names.indexOf(name) !== index)).toEqual([]);
	});
});
