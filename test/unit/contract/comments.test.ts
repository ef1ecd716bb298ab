/** src/contract/comments.ts: which lines of a block a translation may reword. */
import { describe, expect, it } from 'vitest';
import { withoutCommentLines } from '../../../src/contract/comments.ts';

describe('withoutCommentLines', () => {
	it('drops # lines in shells and Dockerfiles, // lines in JavaScript, $ # lines in transcripts', () => {
		expect(withoutCommentLines('sh', '# 목록\ndocker ps # trailing stays')).toBe('docker ps # trailing stays');
		expect(withoutCommentLines('dockerfile', '# 기본 이미지\nFROM busybox')).toBe('FROM busybox');
		expect(withoutCommentLines('js', '// 서버\nconst a = 1;')).toBe('const a = 1;');
		expect(withoutCommentLines('console', '$ # 목록\n$ docker ps\n# not a comment: output')).toBe('$ docker ps\n# not a comment: output');
		expect(withoutCommentLines('sh', '#!/bin/sh\necho')).toBe('#!/bin/sh\necho');
		expect(withoutCommentLines('json', '// kept\n{}')).toBe('// kept\n{}');
	});
});
