/**
 * The guide's words, in one place: the glossary that the glossary pages show and the terminology
 * test checks, and the wordings the guide has retired, in each language, in favour of the terms
 * Docker users write and search for (STYLE.md gives the reasons). The terminology test fails when
 * a page uses a retired wording of its language again, or when a glossary term is used by no
 * chapter.
 */

import type { GuideLanguage } from './contract/locales.ts';

export interface RetiredTerm {
	/** The retired wording, as a reader would spot it. */
	retired: string;
	/** What to write instead. */
	use: string;
	/**
	 * When the wording is also part of words that are fine (판 in 판단, 곧 as "soon", 저장소 for a
	 * repository), the pattern that matches only the retired use. Without it, any line containing
	 * `retired` fails.
	 */
	pattern?: RegExp;
}

const retiredInKorean: readonly RetiredTerm[] = [
	{ retired: '쓰기 층', use: '쓰기 가능한 레이어' },
	{ retired: '쓰기 가능 레이어', use: '쓰기 가능한 레이어' },
	// 얼리다 / 녹이다 (freeze, thaw) for pause / unpause, in every ending: 얼리, 얼립니다, 얼려, 얼렸…
	{ retired: '얼리다', use: '일시 정지', pattern: /얼[리립려렸린릴]/ },
	{ retired: '녹이다', use: '재개', pattern: /녹[이입여였인일]/ },
	// 멈추다 said both stop and pause. Every ending: 멈추기, 멈춘, 멈춥니다, 멈춰, 멈췄던, 멈출…
	{ retired: '멈추다', use: '중지(stop), 일시 정지(pause), 빌드는 중단', pattern: /멈[추춘춥춰췄출춤]/ },
	{ retired: '듣지 않', use: '요청을 기다리지 않' },
	{ retired: '듣습니다', use: '요청을 기다립니다' },
	{ retired: '듣고 있', use: '요청을 기다리고 있' },
	{ retired: '듣는 포트', use: '요청을 기다리는 포트' },
	{ retired: '포트에서 대기', use: '포트에서 요청을 기다립니다', pattern: /포트에서\s*대기/ },
	// 게시 (publish) for a port; 게시판 and 게시물 are other words.
	{ retired: '포트 게시', use: '포트 매핑(publish), 포트를 매핑합니다', pattern: /게시(?![판물글])/ },
	{ retired: '처리기', use: '핸들러' },
	{ retired: '나눠 주', use: '공유', pattern: /나눠\s*[주줍줘줬준줄]/ },
	{ retired: '나눠 씁', use: '공유', pattern: /나눠\s*[쓰씁써썼쓴쓸]/ },
	{ retired: '이름 없는 볼륨', use: '익명 볼륨' },
	{ retired: '이름 없는 이미지', use: '댕글링 이미지', pattern: /이름\s*없[는던]\s*이미지/ },
	{ retired: '신호', use: '시그널' },
	{ retired: '돕니다', use: '실행 중입니다' },
	// 판 for "version" (새 판, 이 판은), never inside a word such as 판단, 출판 or 게시판.
	{ retired: '판 (버전)', use: '버전', pattern: /(?<![가-힣])판(?=$|[\s.,)]|입니다|[을이의은에도과으](?![가-힣]))/ },
	{ retired: '낱말', use: '단어, 용어' },
	{ retired: '꾸러미', use: '패키지' },
	{ retired: '까닭', use: '이유' },
	// 곧 for "i.e." follows a comma ("A, 곧 B"); 곧 for "soon" (곧 나옵니다) is fine.
	{ retired: ', 곧 (즉)', use: '즉, 다시 말해', pattern: /,\s*곧\s/ },
	// 저장소 is the repository (저장소(리포지토리), Git 저장소); the image store is 이미지 스토어. The
	// pattern also catches a link to the old heading's anchor (#이미지-저장소-확인하기).
	{ retired: '이미지 저장소', use: '이미지 스토어', pattern: /이미지[ -]저장소/ },
	{
		retired: '기존 저장소, containerd 저장소, 저장소(overlay2)',
		use: 'containerd 이미지 스토어, 클래식 이미지 스토어(overlay2)',
		pattern: /(?:기존|클래식|containerd|overlay2|classic)[ -]저장소|저장소\s*\((?:overlay2|classic|containerd)/,
	},
	// 가지다 for "have", a calque: 가집니다, 가진, 가졌, 가질, 가지며, 가지고 있, 갖습니다, 갖는, 갖고 있.
	// 가지 (kind: 두 가지) and 가져오다 (bring) are fine.
	{ retired: '가지다 (have)', use: '있습니다', pattern: /(?<![가-힣])(?:가[집진졌질]|가지며|가지고\s*있|갖[습는]|갖고\s*있)/ },
	{ retired: '부딪히다', use: '충돌합니다', pattern: /부딪/ },
	// 굳히다 for commit; 굳이 (needlessly) is another word.
	{ retired: '굳히다', use: '저장합니다', pattern: /굳[히힙혀혔힌힐]/ },
	{ retired: '풀어 주다', use: '해석합니다, 변환합니다', pattern: /풀어\s*[주줍줘줬준줄]/ },
	{ retired: '여러분의 도커', use: '여러분 컴퓨터의 도커 엔진' },
	{ retired: '캐시에서 나옵니다', use: '캐시를 그대로 씁니다(CACHED)', pattern: /캐시에서\s+(?:바로\s+)?나[옵왔오온올와]/ },
	{ retired: '캐시를 놓치다', use: '캐시가 무효화되면', pattern: /캐시를\s+놓[치쳐쳤친칠]/ },
	{ retired: '레이어가 닫히다', use: '레이어로 저장되기 전에', pattern: /레이어가\s+닫[히혀혔힌힐]/ },
	{ retired: '백그라운드로 물러나다', use: '데몬으로 전환하지 않고 포그라운드에서', pattern: /백그라운드로\s*물러[나납났난날]/ },
	{ retired: '떠 두다', use: '남겨 둡니다 (디버깅용으로 남겨 둘 때)', pattern: /(?<![가-힣])떠\s+[두둘둡뒀둔]/ },
];

const retiredInEnglish: readonly RetiredTerm[] = [
	// The anchor too: a link to #common-traps.
	{ retired: 'Common traps', use: 'Common pitfalls', pattern: /\b[Cc]ommon[ -]traps\b/ },
	// "your Docker" alone reads as a calque; your Docker engine, Docker Desktop, Docker Hub, Dockerfile are fine.
	{
		retired: 'on your Docker',
		use: 'on your Docker engine',
		pattern: /\b(?:[Oo]n|[Ii]n|[Ff]rom|[Aa]cross|[Tt]o) your (?:own )?Docker\b(?! [Ee]ngine| Desktop| Hub)/,
	},
	// pause is pause, unpause resumes. The kernel's freezer cgroup and --frozen-lockfile are fine.
	{ retired: 'Freezing (pause)', use: 'Pausing; pause and resume', pattern: /\b[Ff]reez(?:e|es|ing)\b|(?<![-\w])[Ff]rozen(?![-\w])|\b[Tt]haw(?:s|ed|ing)?\b/ },
	{ retired: 'a layer misses the cache', use: 'a step misses the cache', pattern: /\blayers? miss(?:es|ed)? the cache\b/ },
	{ retired: 'the layer is closed', use: 'the layer is committed', pattern: /\blayers? (?:is|are|was|were|gets?) closed\b/ },
	{ retired: 'made and is still there', use: 'created that is still around', pattern: /\bmade and (?:is|are) still there\b/ },
];

/** The retired wordings of each language of the guide. */
export const retiredTerms: Readonly<Record<GuideLanguage, readonly RetiredTerm[]>> = { ko: retiredInKorean, en: retiredInEnglish };

/**
 * Where a line of a page in `language` (Korean unless given) uses a retired wording: the retired
 * entries it matches. An `id="…"` attribute is not read: a renamed heading's old anchor, kept so
 * that old links still land, is not prose.
 */
export function retiredIn(line: string, language: GuideLanguage = 'ko'): RetiredTerm[] {
	const prose = line.replace(/\bid="[^"]*"/g, 'id=""');
	return retiredTerms[language].filter(({ retired, pattern }) => (pattern === undefined ? prose.includes(retired) : pattern.test(prose)));
}

export interface GlossaryTerm {
	/** The Korean term the chapters use. The terminology test checks that a chapter uses it. */
	ko: string;
	/** Other Korean forms readers search for, shown after the term. */
	koAlso?: string;
	/** The English original. */
	en: string;
	/** One line in each language. */
	definition: { ko: string; en: string };
	/** The slug (src/contract/chapters.ts) of the chapter that explains the term by running it. */
	chapter: string;
}

export const glossary: readonly GlossaryTerm[] = [
	{
		ko: '이미지',
		en: 'image',
		definition: {
			ko: '컨테이너를 만드는 읽기 전용 틀입니다. 파일 시스템을 이루는 레이어와 실행 설정(명령, 환경 변수 등)으로 이루어집니다.',
			en: 'The read-only template containers are made from: a stack of filesystem layers plus settings such as the command and environment variables.',
		},
		chapter: 'images-and-containers',
	},
	{
		ko: '컨테이너',
		en: 'container',
		definition: {
			ko: '이미지로 만든, 격리된 환경에서 실행되는 프로세스입니다. 이미지 위에 그 컨테이너만의 쓰기 가능한 레이어가 따로 있습니다.',
			en: 'A process running in isolation, made from an image, with a writable layer of its own on top of the image.',
		},
		chapter: 'images-and-containers',
	},
	{
		ko: '레이어',
		en: 'layer',
		definition: {
			ko: '이미지의 파일 시스템을 이루는 읽기 전용 변경분 하나입니다. Dockerfile에서 파일을 바꾸는 명령이 하나씩 만듭니다. `RUN`, `COPY`, `ADD`, 그리고 없는 디렉터리를 만드는 `WORKDIR`입니다.',
			en: 'One read-only set of filesystem changes in an image. Each Dockerfile instruction that changes files makes one: `RUN`, `COPY`, `ADD`, and `WORKDIR` when it creates its directory.',
		},
		chapter: 'layers-and-cache',
	},
	{
		ko: '쓰기 가능한 레이어',
		koAlso: '컨테이너 레이어',
		en: 'writable layer (container layer)',
		definition: {
			ko: '컨테이너마다 이미지 위에 얹는 얇은 레이어입니다. 컨테이너가 바꾼 파일이 여기에 쌓이고, 컨테이너를 삭제하면 함께 사라집니다.',
			en: "The thin layer each container gets on top of its image. The container's file changes go there, and it goes away when the container is removed.",
		},
		chapter: 'layers-and-cache',
	},
	{
		ko: '화이트아웃',
		en: 'whiteout',
		definition: {
			ko: '위 레이어에서 파일을 지웠다는 표시입니다. 아래 레이어의 파일은 가려질 뿐 이미지에 남습니다.',
			en: 'The mark an upper layer leaves for a deleted file. The file is hidden, but it stays in the lower layer and in the image.',
		},
		chapter: 'layers-and-cache',
	},
	{
		ko: '빌드 캐시',
		en: 'build cache',
		definition: {
			ko: '빌드 단계마다 만든 레이어를 보관해 두었다가, 캐시 키가 같은 단계에서 명령을 실행하지 않고 재사용하는 것입니다.',
			en: 'The layers earlier builds made, reused without running the instruction again when a step has the same cache key.',
		},
		chapter: 'layers-and-cache',
	},
	{
		ko: '캐시 키',
		en: 'cache key',
		definition: {
			ko: '빌드 단계가 캐시를 쓸 수 있는지 정하는 값입니다. 바로 아래 레이어와 명령, `COPY`는 복사할 파일의 내용으로 정해집니다.',
			en: "What decides whether a build step can use the cache: the layer below and the instruction, plus the copied files' contents for `COPY`.",
		},
		chapter: 'layers-and-cache',
	},
	{
		ko: '멀티 스테이지 빌드',
		en: 'multi-stage build',
		definition: {
			ko: '한 Dockerfile에 `FROM`을 여러 번 써서, 앞 스테이지(stage)에서 빌드하고 마지막 스테이지에는 실행에 필요한 결과물만 복사하는 방법입니다. `FROM`부터 다음 `FROM` 앞까지가 스테이지 하나이고, 스테이지 안의 명령 하나하나는 빌드 단계(step)입니다.',
			en: 'A Dockerfile with several `FROM` lines: earlier stages build, and the last stage copies in only what is needed to run. A stage runs from one `FROM` to the next; each instruction in it is a build step.',
		},
		chapter: 'layers-and-cache',
	},
	{
		ko: '비밀 마운트',
		en: 'secret mount',
		definition: {
			ko: '`RUN --mount=type=secret`: 토큰 같은 비밀 값을 그 `RUN`이 실행되는 동안에만 보여 주고, 레이어에도 이미지 기록에도 남기지 않습니다.',
			en: "`RUN --mount=type=secret`: a secret such as a token, visible only while that `RUN` runs, and kept out of the layers and the image's history.",
		},
		chapter: 'layers-and-cache',
	},
	{
		ko: '베이스 이미지',
		en: 'base image',
		definition: {
			ko: 'Dockerfile의 `FROM`이 가리키는 이미지입니다. 새 이미지는 그 레이어 위에 레이어를 더 쌓습니다.',
			en: 'The image a Dockerfile names in `FROM`. The new image adds its layers on top of it.',
		},
		chapter: 'building-images',
	},
	{
		ko: '빌드 컨텍스트',
		en: 'build context',
		definition: {
			ko: '`docker build`에 넘기는 디렉터리(보통 마지막 인자 `.`)입니다. `COPY`는 이 안의 파일만 가져오고, `.dockerignore`에 적은 것은 빠집니다.',
			en: 'The directory given to `docker build` (usually the final `.`). `COPY` can only take files from it, minus what `.dockerignore` lists.',
		},
		chapter: 'building-images',
	},
	{
		ko: '엔트리포인트',
		en: 'entrypoint (ENTRYPOINT)',
		definition: {
			ko: '컨테이너가 시작할 때 늘 실행하는 명령입니다. `CMD`나 `docker run`에 준 명령은 여기에 인자로 붙습니다.',
			en: 'The command a container always runs when it starts. `CMD`, or the command given to `docker run`, is passed to it as arguments.',
		},
		chapter: 'dockerfile-instructions',
	},
	{
		ko: '셸 형식',
		en: 'shell form',
		definition: {
			ko: '`RUN`, `CMD`, `ENTRYPOINT`를 `CMD node server.js`처럼 쓰는 형식입니다. `/bin/sh -c`가 실행하므로 셸이 PID 1로 남을 수 있습니다. Debian의 `dash`는 셸이 PID 1로 남고, `bash`와 BusyBox `ash`는 단순한 명령 하나를 `exec`로 실행해 앱이 PID 1이 됩니다.',
			en: "Writing `RUN`, `CMD` or `ENTRYPOINT` as plain text (`CMD node server.js`). `/bin/sh -c` runs it, so the shell may stay as PID 1: Debian's `dash` stays, while `bash` and BusyBox `ash` exec a single simple command, so the app becomes PID 1.",
		},
		chapter: 'dockerfile-instructions',
	},
	{
		ko: 'exec 형식',
		en: 'exec form',
		definition: {
			ko: '`CMD ["node", "server.js"]`처럼 JSON 배열로 쓰는 형식입니다. 셸 없이 그 프로그램을 바로 실행합니다.',
			en: 'Writing an instruction as a JSON array (`CMD ["node", "server.js"]`). The program runs directly, with no shell.',
		},
		chapter: 'dockerfile-instructions',
	},
	{
		ko: '포트 매핑',
		koAlso: '포트 포워딩',
		en: 'publishing a port (port mapping)',
		definition: {
			ko: '`docker run -p 호스트포트:컨테이너포트`로, 호스트의 포트로 들어온 요청을 컨테이너의 포트로 보내는 것입니다. 도커의 옵션 이름과 문서는 publish라고 부릅니다.',
			en: "`docker run -p hostport:containerport`: requests to the host's port are forwarded to the container's port.",
		},
		chapter: 'images-and-containers',
	},
	{
		ko: '이미지 참조',
		en: 'image reference',
		definition: {
			ko: '이미지를 가리키는 전체 이름입니다. `[레지스트리/][네임스페이스/]저장소[:태그][@다이제스트]` 모양입니다.',
			en: 'The full name of an image: `[registry/][namespace/]repository[:tag][@digest]`.',
		},
		chapter: 'tags-and-digests',
	},
	{
		ko: '저장소',
		koAlso: '리포지토리',
		en: 'repository',
		definition: {
			ko: '한 이미지 이름 아래 여러 태그를 모은 곳입니다. `nginx`, `myname/hello-layerbook`처럼 씁니다.',
			en: 'The tags kept under one image name, such as `nginx` or `myname/hello-layerbook`.',
		},
		chapter: 'tags-and-digests',
	},
	{
		ko: '태그',
		en: 'tag',
		definition: {
			ko: '저장소 안의 이미지 하나에 붙인 이름표입니다. 다른 이미지로 옮길 수 있고, `latest`는 태그를 생략했을 때의 기본 이름일 뿐입니다.',
			en: 'A label on one image in a repository. It can be moved to another image; `latest` is only the default when no tag is given.',
		},
		chapter: 'tags-and-digests',
	},
	{
		ko: '다이제스트',
		en: 'digest',
		definition: {
			ko: '이미지 매니페스트의 SHA-256 해시(`sha256:…`)입니다. 멀티 플랫폼 이미지와, containerd 이미지 스토어에서 증명(attestation)을 붙여 빌드한 이미지는 인덱스의 해시입니다. 도커가 내용으로 계산하고, 레지스트리는 맞는지 확인합니다. 내용이 같으면 같고, 다른 이미지로 옮길 수 없습니다.',
			en: "The SHA-256 hash (`sha256:…`) of an image's manifest or, for a multi-platform image or a containerd-store build with attestations, of its index. Docker computes it from the content and the registry checks it. Same content, same digest; it can never point at another image.",
		},
		chapter: 'tags-and-digests',
	},
	{
		ko: '매니페스트',
		en: 'manifest',
		definition: {
			ko: '이미지의 설정과 레이어를 다이제스트로 가리키는 JSON 문서입니다. 레지스트리와 도커는 이 문서로 이미지를 주고받습니다.',
			en: "The JSON document that points at an image's config and layers by digest; registries and Docker exchange images through it.",
		},
		chapter: 'tags-and-digests',
	},
	{
		ko: '댕글링 이미지',
		en: 'dangling image',
		definition: {
			ko: '이름도 태그도 없는 이미지(`<none>:<none>`)입니다. `docker image prune`이 지웁니다.',
			en: 'An image with neither name nor tag (`<none>:<none>`). `docker image prune` removes them.',
		},
		chapter: 'tags-and-digests',
	},
	{
		ko: '이미지 스토어',
		en: 'image store',
		definition: {
			ko: '엔진이 이미지를 보관하는 방식입니다. containerd 이미지 스토어와 클래식 이미지 스토어(overlay2)가 있고, 이미지 ID와 다이제스트, 크기가 다르게 보입니다. Docker Desktop은 4.34부터 새로 설치하면 containerd 이미지 스토어를 씁니다. 업그레이드한 설치는 클래식 이미지 스토어를 그대로 쓸 수 있습니다. Docker Engine도 29부터 새로 설치하면 containerd 이미지 스토어가 기본입니다.',
			en: 'How the engine keeps images: the containerd image store or the classic image store (overlay2). Image IDs, digests and sizes look different on each. Docker Desktop uses the containerd image store by default on fresh installs from 4.34, while upgraded installs may keep the classic image store; Docker Engine 29 makes it the default for fresh installs too.',
		},
		chapter: 'tags-and-digests',
	},
	{
		ko: '종료',
		en: 'exited',
		definition: {
			ko: '컨테이너의 주 프로세스가 끝난 상태(`Exited (코드)`)입니다. 컨테이너는 남아 있어 다시 시작할 수 있습니다.',
			en: 'The state of a container whose main process has ended (`Exited (code)`). The container is still there and can be started again.',
		},
		chapter: 'container-lifecycle',
	},
	{
		ko: '중지',
		en: 'stop',
		definition: {
			ko: '`docker stop`: 주 프로세스에 `SIGTERM`을 보내고, 유예 시간(기본 10초)이 지나도 끝나지 않으면 `SIGKILL`을 보내 컨테이너를 종료 상태로 만듭니다.',
			en: '`docker stop`: sends the main process `SIGTERM`, then `SIGKILL` if it has not ended after a grace period (10 seconds by default).',
		},
		chapter: 'container-lifecycle',
	},
	{
		ko: '삭제',
		en: 'remove',
		definition: {
			ko: '`docker rm`: 컨테이너를 그 쓰기 가능한 레이어와 함께 지웁니다. 실행 중인 컨테이너는 `-f`가 있어야 지웁니다.',
			en: '`docker rm`: deletes a container together with its writable layer. A running container needs `-f`.',
		},
		chapter: 'working-with-containers',
	},
	{
		ko: '일시 정지',
		en: 'pause',
		definition: {
			ko: '`docker pause`: 컨테이너의 프로세스를 모두 그 자리에서 일시 정지합니다. `docker unpause`로 재개하면 일시 정지한 곳에서 이어서 실행됩니다.',
			en: '`docker pause`: suspends every process of a container where it is; `docker unpause` resumes them from that point.',
		},
		chapter: 'container-lifecycle',
	},
	{
		ko: '시그널',
		en: 'signal',
		definition: {
			ko: '커널이 프로세스에 보내는 알림입니다(`SIGTERM`, `SIGKILL`, `SIGINT` 등). `docker stop`과 `docker kill`이 컨테이너의 주 프로세스에 보냅니다.',
			en: "A notice the kernel delivers to a process (`SIGTERM`, `SIGKILL`, `SIGINT`…). `docker stop` and `docker kill` send them to a container's main process.",
		},
		chapter: 'container-lifecycle',
	},
	{
		ko: '핸들러',
		en: 'signal handler',
		definition: {
			ko: '프로세스가 시그널을 받았을 때 실행하도록 등록한 함수입니다. 예제 앱은 `SIGTERM` 핸들러에서 서버를 닫고 끝납니다.',
			en: 'A function a process registers to run when a signal arrives. The example app closes its server in a `SIGTERM` handler.',
		},
		chapter: 'container-lifecycle',
	},
	{
		ko: 'PID 1',
		en: 'PID 1',
		definition: {
			ko: '컨테이너 안에서 처음 시작한 프로세스입니다. 커널은 PID 1에게 핸들러가 없는 `SIGTERM`을 기본 동작대로 처리하지 않으므로, 핸들러가 없으면 `docker stop`이 유예 시간을 다 기다립니다.',
			en: 'The first process in a container. The kernel does not apply the default action of `SIGTERM` to PID 1, so without a handler `docker stop` waits out its grace period.',
		},
		chapter: 'container-lifecycle',
	},
	{
		ko: '레지스트리',
		en: 'registry',
		definition: {
			ko: '이미지를 보관하고 내려 주는 서버입니다. 도커 허브(`docker.io`), `ghcr.io`, 직접 띄운 `registry:2` 등이 있습니다.',
			en: 'A server that stores images and serves them: Docker Hub (`docker.io`), `ghcr.io`, or a `registry:2` you run yourself.',
		},
		chapter: 'sharing-images',
	},
	{
		ko: '도커 허브',
		en: 'Docker Hub',
		definition: {
			ko: '이미지 이름에 레지스트리가 없을 때 도커가 쓰는 기본 레지스트리(`docker.io`)입니다. 공식 이미지는 `library` 네임스페이스에 있습니다.',
			en: 'The registry Docker uses when an image name has none (`docker.io`). Official images live in its `library` namespace.',
		},
		chapter: 'sharing-images',
	},
	{
		ko: '볼륨',
		en: 'volume',
		definition: {
			ko: '도커가 관리하는 저장 공간입니다. 컨테이너와 따로 만들고 지우므로, 컨테이너를 삭제해도 데이터가 남습니다.',
			en: 'Storage managed by Docker, created and removed apart from containers, so the data outlives them.',
		},
		chapter: 'volumes-and-mounts',
	},
	{
		ko: '이름 있는 볼륨',
		en: 'named volume',
		definition: {
			ko: '`docker volume create`나 `-v 이름:경로`로 이름을 붙여 만든 볼륨입니다. `docker volume rm`으로 지울 때까지 남습니다.',
			en: 'A volume created with a name (`docker volume create`, or `-v name:path`). It stays until `docker volume rm` removes it.',
		},
		chapter: 'volumes-and-mounts',
	},
	{
		ko: '익명 볼륨',
		en: 'anonymous volume',
		definition: {
			ko: '이름 없이 만들어진 볼륨입니다(Dockerfile의 `VOLUME`, `-v /경로`). `docker rm -v`나 `--rm`이 컨테이너와 함께 지웁니다.',
			en: 'A volume created without a name (a `VOLUME` instruction, or `-v /path`). `docker rm -v` and `--rm` remove it with its container.',
		},
		chapter: 'volumes-and-mounts',
	},
	{
		ko: '바인드 마운트',
		en: 'bind mount',
		definition: {
			ko: '호스트의 디렉터리나 파일을 컨테이너 안의 경로에 붙이는 것입니다. 호스트에서 고치면 컨테이너 안에서도 바로 바뀝니다.',
			en: 'A host directory or file mounted at a path in the container; changes on the host show up inside immediately.',
		},
		chapter: 'volumes-and-mounts',
	},
	{
		ko: '사용자 정의 네트워크',
		en: 'user-defined network',
		definition: {
			ko: '`docker network create`로 만든 네트워크입니다. 여기에 붙은 컨테이너끼리는 이름으로 서로를 찾습니다.',
			en: 'A network made with `docker network create`. Containers on it find each other by name.',
		},
		chapter: 'networks',
	},
	{
		ko: 'Compose',
		en: 'Docker Compose',
		definition: {
			ko: '여러 컨테이너(서비스)와 네트워크, 볼륨을 `compose.yaml`에 적어 두고 `docker compose up / down` 명령 하나로 띄우고 내리는 도구입니다.',
			en: 'A tool that keeps several containers (services), networks and volumes in `compose.yaml` and starts or removes them all with `docker compose up / down`.',
		},
		chapter: 'compose',
	},
	{
		ko: 'tmpfs 마운트',
		en: 'tmpfs mount',
		definition: {
			ko: '호스트의 메모리에만 있는 파일 시스템을 컨테이너에 붙이는 것입니다(`--tmpfs`, `--mount type=tmpfs`). 디스크에 쓰지 않고, 컨테이너가 중지되면 내용이 사라집니다.',
			en: "A file system that lives only in the host's memory, mounted into a container (`--tmpfs`, `--mount type=tmpfs`). Nothing is written to disk; the contents go when the container stops.",
		},
		chapter: 'volumes-and-mounts',
	},
	{
		ko: '기본 bridge 네트워크',
		en: 'default bridge network',
		definition: {
			ko: '`--network`를 주지 않은 컨테이너가 붙는 `bridge` 네트워크입니다. 여기서는 컨테이너 이름으로 서로를 찾을 수 없습니다.',
			en: 'The `bridge` network a container joins when no `--network` is given. Containers on it cannot find each other by name.',
		},
		chapter: 'networks',
	},
	{
		ko: '별칭',
		koAlso: '네트워크 별칭',
		en: 'network alias',
		definition: {
			ko: '`--network-alias`나 `docker network connect --alias`로 붙이는, 그 네트워크 안에서만 쓰는 컨테이너의 다른 이름입니다.',
			en: 'Another name for a container on one network, given with `--network-alias` or `docker network connect --alias`.',
		},
		chapter: 'networks',
	},
	{
		ko: '서비스',
		en: 'service',
		definition: {
			ko: '`compose.yaml`의 `services` 아래 항목 하나입니다. 이미지와 설정이 같은 컨테이너를 하나 이상 만들고, 같은 네트워크에서 서비스 이름으로 찾습니다.',
			en: "One entry under `services` in `compose.yaml`: one or more containers of the same image and settings, found by the service's name on the project's network.",
		},
		chapter: 'compose',
	},
	{
		ko: '프로필',
		en: 'profile',
		definition: {
			ko: 'Compose에서 `profiles`를 적은 서비스는 `--profile`로 그 프로필을 켤 때만 띄웁니다.',
			en: 'In Compose, a service with `profiles` starts only when one of its profiles is turned on with `--profile`.',
		},
		chapter: 'compose',
	},
	{
		ko: '오버라이드 파일',
		en: 'override file',
		definition: {
			ko: '`compose.yaml` 옆의 `compose.override.yaml`입니다. Compose가 자동으로 함께 읽고, 같은 항목은 이 파일의 값으로 바꿉니다.',
			en: '`compose.override.yaml` beside `compose.yaml`. Compose reads it too, and its values replace the same entries.',
		},
		chapter: 'compose',
	},
	{
		ko: '캐시 마운트',
		en: 'cache mount',
		definition: {
			ko: '`RUN --mount=type=cache`: 빌드 사이에 남는 디렉터리를 그 `RUN`에 붙입니다. 내려받은 패키지를 다시 쓰고, 이미지에는 들어가지 않습니다. `--no-cache`로 빌드하면 비워집니다.',
			en: '`RUN --mount=type=cache`: a directory that outlives builds, mounted for that `RUN`. Downloaded packages are reused; nothing of it goes into the image. A `--no-cache` build empties it.',
		},
		chapter: 'buildkit',
	},
	{
		ko: '멀티 플랫폼 이미지',
		en: 'multi-platform image',
		definition: {
			ko: '플랫폼(`linux/amd64`, `linux/arm64` 등)마다 이미지를 하나씩 두고, 그 목록(인덱스)에 이름 하나를 붙인 이미지입니다. 도커는 받을 때 자기 플랫폼의 이미지를 고릅니다.',
			en: "One image per platform (`linux/amd64`, `linux/arm64`, ...) under one name, through a list of them (an index). Docker picks its own platform's image when it pulls.",
		},
		chapter: 'buildkit',
	},
	{
		ko: '증명 매니페스트',
		en: 'attestation manifest',
		definition: {
			ko: '이미지가 어떻게 빌드되었는지(provenance) 같은 정보를 담아 인덱스에 함께 두는 매니페스트입니다. 플랫폼은 `unknown/unknown`이고, 설명하는 이미지를 다이제스트로 가리킵니다.',
			en: 'A manifest kept in an image index beside the images, holding information such as how an image was built (provenance). Its platform is `unknown/unknown`; it points to the image it describes by digest.',
		},
		chapter: 'buildkit',
	},
	{
		ko: '케이퍼빌리티',
		en: 'capability',
		definition: {
			ko: '리눅스가 root의 권한을 나눈 조각입니다(`CHOWN`, `NET_BIND_SERVICE` 등). 도커는 컨테이너에 일부만 주고, `--cap-drop`과 `--cap-add`로 빼고 더합니다.',
			en: "One of the pieces Linux splits root's powers into (`CHOWN`, `NET_BIND_SERVICE`, ...). Docker gives containers some of them; `--cap-drop` and `--cap-add` take them away and add them back.",
		},
		chapter: 'running-safely',
	},
	{
		ko: 'rootless 모드',
		en: 'rootless mode',
		definition: {
			ko: '도커 데몬과 컨테이너를 root가 아닌 일반 사용자로 실행하는 방식입니다. 컨테이너 안의 root는 호스트에서 그 사용자일 뿐입니다.',
			en: 'Running the Docker daemon and its containers as an ordinary user instead of root. Root inside a container is only that user on the host.',
		},
		chapter: 'running-safely',
	},
	{
		ko: '오케스트레이터',
		en: 'orchestrator',
		definition: {
			ko: '여러 서버에 컨테이너를 나눠 띄우고, 죽은 컨테이너를 다시 띄우고, 새 이미지로 조금씩 바꿔 주는 시스템입니다. Kubernetes, Docker Swarm이 있습니다.',
			en: 'A system that spreads containers over many servers, restarts failed ones and rolls out new images: Kubernetes, Docker Swarm.',
		},
		chapter: 'next-steps',
	},
];
