/**
 * The guide's reading order: one list that the sidebar and the examples harness both follow,
 * so a chapter added here is both shown and verified in the same place.
 */
export interface ChapterEntry {
	/** The page's slug, also its file name under src/content/docs/ (Korean) and en/ (English). */
	slug: string;
	/** The sidebar label in each language. */
	label: { ko: string; en: string };
	/** The introduction, a numbered chapter (its label starts with its number), or one of the guide's reference pages. */
	kind: 'introduction' | 'chapter' | 'reference';
}

export const chapters: readonly ChapterEntry[] = [
	{ slug: 'introduction', label: { ko: '들어가며', en: 'Introduction' }, kind: 'introduction' },
	{ slug: 'images-and-containers', label: { ko: '1. 이미지와 컨테이너', en: '1. Images and containers' }, kind: 'chapter' },
	{ slug: 'building-images', label: { ko: '2. 첫 이미지 만들기', en: '2. Your first image' }, kind: 'chapter' },
	{ slug: 'dockerfile-instructions', label: { ko: '3. Dockerfile 명령어 더 보기', en: '3. More Dockerfile instructions' }, kind: 'chapter' },
	{ slug: 'layers-and-cache', label: { ko: '4. 레이어와 빌드 캐시', en: '4. Layers and the build cache' }, kind: 'chapter' },
	{ slug: 'tags-and-digests', label: { ko: '5. 태그와 다이제스트', en: '5. Tags and digests' }, kind: 'chapter' },
	{ slug: 'container-lifecycle', label: { ko: '6. 컨테이너 생명주기', en: '6. The container lifecycle' }, kind: 'chapter' },
	{ slug: 'working-with-containers', label: { ko: '7. 실행 중인 컨테이너 다루기와 정리', en: '7. Working with containers and cleaning up' }, kind: 'chapter' },
	{ slug: 'sharing-images', label: { ko: '8. 이미지 공유하기', en: '8. Sharing images' }, kind: 'chapter' },
	{ slug: 'volumes-and-mounts', label: { ko: '9. 데이터: 볼륨과 바인드 마운트', en: '9. Data: volumes and bind mounts' }, kind: 'chapter' },
	{ slug: 'networks', label: { ko: '10. 네트워크', en: '10. Networks' }, kind: 'chapter' },
	{ slug: 'compose', label: { ko: '11. Compose로 여러 컨테이너 실행하기', en: '11. Running several containers with Compose' }, kind: 'chapter' },
	{ slug: 'buildkit', label: { ko: '12. BuildKit 더 잘 쓰기', en: '12. Getting more out of BuildKit' }, kind: 'chapter' },
	{ slug: 'running-safely', label: { ko: '13. 안전하게 실행하기', en: '13. Running containers safely' }, kind: 'chapter' },
	{ slug: 'next-steps', label: { ko: '14. 다음 단계', en: '14. Next steps' }, kind: 'chapter' },
	{ slug: 'glossary', label: { ko: '용어집', en: 'Glossary' }, kind: 'reference' },
	{ slug: 'cheat-sheet', label: { ko: '명령어 요약', en: 'Command cheat sheet' }, kind: 'reference' },
	{ slug: 'verification', label: { ko: '검증 현황', en: 'Verification status' }, kind: 'reference' },
];
