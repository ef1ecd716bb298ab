/**
 * The site's Expressive Code plugins, rendering blocks as the build does: what varies in a
 * recorded transcript, folds, and blocks kept as plain text until a reader nears them.
 */
import { ExpressiveCode } from '@astrojs/starlight/expressive-code';
import { toHtml } from '@astrojs/starlight/expressive-code/hast';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeMarks } from '../../../src/verification/console-output.ts';
import { pluginConsoleCopy } from '../../../src/verification/ec-console-copy.ts';
import { lazyBlocks, pluginLazyBlocks } from '../../../src/verification/ec-lazy.ts';
import { pluginVaryingOutput } from '../../../src/verification/ec-varying.ts';

/** What the integration would give the plugins; each test sets what it needs. */
const state = lazyBlocks({ enabled: false, docs: '' });
const engine = new ExpressiveCode({ plugins: [pluginConsoleCopy(), pluginVaryingOutput(), pluginLazyBlocks(state)] });
/** The same without the varying-output plugin: what Expressive Code renders when it has nothing to do. */
const withoutVarying = new ExpressiveCode({ plugins: [pluginConsoleCopy(), pluginLazyBlocks(state)] });

async function render(code: string, language: string, meta = '', groupIndex = 0, by = engine): Promise<string> {
	const { renderedGroupAst } = await by.render({
		code,
		language,
		meta,
		parentDocument: { sourceFilePath: '/site/src/content/docs/en/page.mdx', positionInDocument: { groupIndex } },
	});
	return toHtml(renderedGroupAst);
}

afterEach(() => {
	state.enabled = false;
	state.docs = '';
	state.pages.clear();
	state.eager.clear();
});

describe('varying parts and folds', () => {
	const transcript = '$ docker image ls\nv1 77.1MB\n… 5 more lines\ndone';
	const marks = encodeMarks({ varying: [[1, 3, 9]], folds: [[2, 'a\nb\nc\nd\ne']] });

	it('underlines what varies, with a tooltip and a sentence for screen readers', async () => {
		const html = await render(transcript, 'console', `lb-marks=${marks} lb-vary="differs on every run"`);
		expect(html).toMatch(/<span class="lb-vary" title="differs on every run">.*77\.1MB.*<span class="sr-only"> \(differs on every run\)<\/span><\/span>/);
	});

	it('turns a fold line into a details element holding the lines as one text', async () => {
		const html = await render(transcript, 'console', `lb-marks=${marks} lb-vary="x"`);
		expect(html).toContain('<details class="lb-fold"><summary>… 5 more lines</summary><span>a\nb\nc\nd\ne</span></details>');
	});

	it('leaves a block without marks as Expressive Code renders it, and marks the same block given marks', async () => {
		const plain = await render(transcript, 'console', '', 0, withoutVarying);
		expect(await render(transcript, 'console')).toBe(plain);
		const marked = await render(transcript, 'console', `lb-marks=${marks} lb-vary="x"`);
		expect(marked).not.toBe(plain);
		expect(marked.match(/class="lb-vary"/g)).toHaveLength(1);
		expect(marked.match(/class="lb-fold"/g)).toHaveLength(1);
	});
});

describe('lazy blocks', () => {
	it('keeps what it sets aside in the state it was given, and nowhere else', async () => {
		const other = lazyBlocks({ enabled: true, docs: '/site/src/content/docs' });
		const byOther = new ExpressiveCode({ plugins: [pluginLazyBlocks(other)] });
		for (const index of [0, 1, 2]) await render(`echo ${index}`, 'sh', '', index, byOther);
		expect(other.pages.get('en/page')?.[2]).toContain('echo 2');
		expect(state.pages.size).toBe(0);
	});

	it('keeps the first blocks of a page, and later ones as plain text with their markup set aside', async () => {
		state.enabled = true;
		state.docs = '/site/src/content/docs';
		const first = await render('echo one', 'sh', '', 0);
		await render('echo two', 'sh', '', 1);
		const third = await render('FROM busybox\nCMD ["true"]', 'dockerfile', 'title="Dockerfile"', 2);
		expect(first).toContain('class="frame');
		expect(third).not.toContain('class="frame');
		expect(third).toContain(
			'<pre class="lb-plain" data-index="2" data-language="dockerfile" tabindex="0" data-title="Dockerfile">FROM busybox\nCMD ["true"]</pre>',
		);
		const blocks = state.pages.get('en/page');
		expect(blocks?.[0]).toBeNull();
		expect(blocks?.[2]).toContain('class="frame');
		expect(blocks?.[2]).toContain('Dockerfile');
	});

	it('keeps folded setup as plain text even at the top of a page', async () => {
		state.enabled = true;
		state.docs = '/site/src/content/docs';
		expect(await render('echo setup', 'sh', 'lb-setup', 0)).toContain('class="lb-plain"');
		expect(await render('echo one', 'sh', '', 1)).toContain('class="frame');
		expect(await render('echo two', 'sh', '', 2)).toContain('class="frame');
		expect(await render('echo three', 'sh', '', 3)).toContain('class="lb-plain"');
	});

	it('does nothing outside a build, where a build would keep the same block as plain text', async () => {
		const outside = await render('echo one', 'sh', '', 5);
		expect(outside).toContain('class="frame');
		expect(outside).not.toContain('lb-plain');
		expect(state.pages.size).toBe(0);
		state.enabled = true;
		state.docs = '/site/src/content/docs';
		for (const index of [0, 1]) await render(`echo ${index}`, 'sh', '', index);
		const inBuild = await render('echo one', 'sh', '', 5);
		expect(inBuild).toContain('<pre class="lb-plain" data-index="5" data-language="sh" tabindex="0">echo one</pre>');
		expect(inBuild).not.toContain('class="frame');
		expect(state.pages.get('en/page')?.[5]).toContain('class="frame');
	});
});

describe('the copy button of a transcript', () => {
	it('copies the commands only', async () => {
		const html = await render('$ echo a \\\n  b\na b\n$ true', 'console');
		expect(html).toContain('data-code="echo a \\\u007f  b\u007ftrue"');
	});

	it('reads the transcript as the harness does: a bare `$` is a command, an empty one, and what follows it is output', async () => {
		const html = await render('$ ls\n$\nnot a command\n$ true', 'console');
		expect(html).toContain('data-code="ls\u007f\u007ftrue"');
	});
});
