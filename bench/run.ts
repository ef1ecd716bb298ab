/**
 * `npm run bench`: measures the guide as readers and contributors meet it and writes the numbers to
 * bench/RESULTS.md. Nothing here is asserted: the numbers are for the next contributor to compare against.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, release, totalmem } from 'node:os';
import { join } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { computeMedianRun } from 'lighthouse/core/lib/median-run.js';
import { resultsDirectory } from '../scripts/examples/cache.ts';
import { seconds } from '../scripts/host/format.ts';
import { chromiumArgs, ensureChromium, launchChromium } from '../scripts/quality/chromium.ts';
import { watchWeight } from '../scripts/quality/page-weight.ts';
import { serveStatic } from '../scripts/quality/serve.ts';
import { buildSite, builtPages, distDir, root } from '../scripts/quality/site-build.ts';
import { type Alone, idleShare, runAlone } from './alone.ts';
import { composeResults } from './results-file.ts';
import { removeFloorSite, writeFloorSite } from './floor.ts';
import { examplesTestFiles, formatPlan, planTestFiles } from '../scripts/examples/shards.ts';

/** One run's report, as lighthouse() returns it. */
type LighthouseResult = ReturnType<typeof computeMedianRun>;

// With no option it measures everything: the engine's cold provisioning and a full cold
// verification take many minutes.
/** `--engine-warm`: the engine's bench without cold provisioning. */
const engineWarmOnly = process.argv.includes('--engine-warm');
/** `--skip-verify`: leave out the two full verifications. */
const skipVerify = process.argv.includes('--skip-verify');
/**
 * `--only=site,engine,verify,shards`: measure only those sections, keeping the others' last results
 * from bench/results.json; `--only=` measures nothing and writes RESULTS.md again from them.
 */
const only = process.argv
	.find((arg) => arg.startsWith('--only='))
	?.split('=')[1]
	?.split(',');
const wanted = (section: Section): boolean => only === undefined || only.includes(section);
/** `--verify-timeout=MIN`: give up on a verification run after that many minutes (default: none). */
const verifyTimeoutMs = Number(process.argv.find((arg) => arg.startsWith('--verify-timeout='))?.split('=')[1] ?? 0) * 60_000;
/** `--lighthouse-runs=N`: Lighthouse runs per page, whose median counts (default 3). */
const lighthouseRuns = Math.max(1, Number(process.argv.find((arg) => arg.startsWith('--lighthouse-runs='))?.split('=')[1] ?? 3));

type Section = 'site' | 'engine' | 'verify' | 'shards';
type Row = [string, string, string];
interface SectionResult {
	/** When the section was measured, and at which commit. */
	measured: string;
	commit: string;
	machine: string[];
	rows: Row[];
	notes: string[];
}
const sections: Section[] = ['site', 'engine', 'verify', 'shards'];
const resultsJson = join(root, 'bench', 'results.json');
/** Every section's last measurement: a run updates only the sections it measures. */
const results: Partial<Record<Section, SectionResult>> = existsSync(resultsJson)
	? (JSON.parse(readFileSync(resultsJson, 'utf8')) as Partial<Record<Section, SectionResult>>)
	: {};
let current: Section = 'site';
let rows: Row[] = [];
let notes: string[] = [];
function begin(section: Section): void {
	current = section;
	rows = [];
	notes = [];
}
function finish(): void {
	const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).stdout.trim();
	results[current] = { measured: new Date().toISOString().slice(0, 16).replace('T', ' '), commit, machine: description, rows, notes };
	writeResults();
}
const log = (line: string): void => {
	process.stderr.write(`bench: ${line}\n`);
};
const kilobytes = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;

function machine(): string[] {
	const os = readFileSync('/etc/os-release', 'utf8').match(/^PRETTY_NAME="?([^"\n]*)"?/m)?.[1] ?? 'unknown';
	const cpu = cpus();
	let chromium = '';
	try {
		chromium = execFileSync(ensureChromium(), ['--version'], { encoding: 'utf8' }).trim();
	} catch {
		chromium = 'unknown';
	}
	let load = '';
	try {
		load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
	} catch {
		load = 'unknown';
	}
	return [
		`- CPU: ${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown'})`,
		`- Memory: ${(totalmem() / 1024 ** 3).toFixed(1)} GiB`,
		`- OS: ${os}, Linux ${release()}`,
		`- Node.js ${process.version}; ${chromium}`,
		`- Load average when the bench started (1, 5, 15 min): ${load}: other work on the machine slows every number below`,
	];
}

// --- The site: build time -------------------------------------------------------------------
/** The 1-minute load average, for the pages measured after the builds. */
function loadAverage(): number {
	try {
		return Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
	} catch {
		return Number.NaN;
	}
}

/** How other work on the machine during a build reads in the table. */
function aloneNote(build: Alone<number>): string {
	const other = `${Math.round(build.otherShare * 100)}% of a core`;
	return build.otherShare <= idleShare ? `an idle machine (other work: ${other})` : `NOT an idle machine: other work took ${other} meanwhile`;
}

function measureBuild(): boolean {
	// Two builds in a row: the first may spend seconds re-optimising Vite's dependencies after a
	// lockfile change; the second is what a contributor's next build costs.
	log('building the site twice (npx astro build)...');
	try {
		const first = runAlone(() => buildSite());
		const second = runAlone(() => buildSite());
		rows.push([
			'site build (`astro build`, incl. Pagefind)',
			seconds(second.wallMs),
			`the second of two builds in a row (the first: ${seconds(first.wallMs)}); ${aloneNote(second)}`,
		]);
	} catch (error) {
		rows.push(['site build (`astro build`, incl. Pagefind)', 'failed', 'see the note below']);
		const previous = existsSync(join(distDir, 'pagefind', 'pagefind-entry.json'));
		notes.push(
			`The site build failed${previous ? ', so the page and Lighthouse rows measure the previous build left in dist/' : ', so the page and Lighthouse rows are missing'}:\n\n\`\`\`\n${(error as Error).message.split('\n').slice(0, 12).join('\n')}\n\`\`\``,
		);
		return previous;
	}
	measureFloor();
	return true;
}

/** The same Astro and Starlight with one page (bench/floor.ts): what any build here costs. */
function measureFloor(): void {
	log('building a one-page Starlight site twice, for the floor under the build time...');
	try {
		const folder = writeFloorSite();
		runAlone(() => buildSite(folder));
		const second = runAlone(() => buildSite(folder));
		rows.push([
			'one-page Starlight site, same versions (bench/floor.ts)',
			seconds(second.wallMs),
			`the floor under the row above: Astro and Starlight alone, built the same way; ${aloneNote(second)}`,
		]);
	} catch (error) {
		rows.push(['one-page Starlight site, same versions (bench/floor.ts)', 'failed', (error as Error).message.split('\n')[0] ?? '']);
	} finally {
		removeFloorSite();
	}
}

// --- Every page: its weight as Chromium loads it, and Lighthouse --------------------------------
interface PageNumbers {
	address: string;
	/** Elements in the DOM once the page has loaded and settled. */
	elements: number;
	html: number;
	/** External scripts and inline ones, before search is opened. */
	scripts: number;
	/** The median run's scores. */
	scores: Record<'performance' | 'accessibility' | 'best-practices' | 'seo', number | undefined>;
	/** Every run's performance score, in order. */
	performances: number[];
}

async function weighPage(origin: string, address: string): Promise<Omit<PageNumbers, 'scores' | 'performances'>> {
	const browser = await launchChromium();
	try {
		const page = await browser.newPage();
		const { weigh } = watchWeight(page);
		await page.goto(`${origin}${address}`, { waitUntil: 'networkidle' });
		await page.waitForTimeout(500);
		const { elements, html, scripts } = await weigh();
		return { address, elements, html, scripts };
	} finally {
		await browser.close();
	}
}

/** One Lighthouse run's report of the page, or undefined when the run failed. */
async function lighthouseRun(origin: string, address: string): Promise<LighthouseResult | undefined> {
	const chrome = await chromeLauncher.launch({ chromePath: ensureChromium(), chromeFlags: ['--headless=new', ...chromiumArgs] });
	try {
		const result = await lighthouse(`${origin}${address}`, {
			port: chrome.port,
			output: 'json',
			logLevel: 'error',
			onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
		});
		return result?.lhr;
	} catch (error) {
		log(`Lighthouse failed on ${address}: ${(error as Error).message.split('\n')[0] ?? ''}`);
		return undefined;
	} finally {
		chrome.kill();
	}
}

/**
 * Lighthouse `lighthouseRuns` times, and the scores of the median run as Lighthouse itself picks
 * it (computeMedianRun: the run nearest the median first paint and time to interactive). One run
 * is not a measurement on this machine: the same page scored from 93 to 100 in five runs in a row.
 */
async function lighthouseScores(origin: string, address: string): Promise<{ scores: PageNumbers['scores']; performances: number[] }> {
	const runs: LighthouseResult[] = [];
	for (let run = 0; run < lighthouseRuns; run += 1) {
		const result = await lighthouseRun(origin, address);
		if (result !== undefined) runs.push(result);
	}
	const score = (result: LighthouseResult | undefined, id: string): number | undefined => {
		const value = result?.categories[id]?.score;
		return value === null || value === undefined ? undefined : Math.round(value * 100);
	};
	const median = runs.length === 0 ? undefined : computeMedianRun(runs);
	return {
		scores: {
			performance: score(median, 'performance'),
			accessibility: score(median, 'accessibility'),
			'best-practices': score(median, 'best-practices'),
			seo: score(median, 'seo'),
		},
		performances: runs.flatMap((result) => score(result, 'performance') ?? []),
	};
}

async function measurePages(origin: string): Promise<void> {
	const numbers: PageNumbers[] = [];
	const load = loadAverage();
	for (const address of builtPages()) {
		log(`page ${address}: weight and Lighthouse...`);
		const { scores, performances } = await lighthouseScores(origin, address);
		numbers.push({ ...(await weighPage(origin, address)), scores, performances });
	}
	const shown = (value: number | undefined): string => (value === undefined ? 'n/a' : String(value));
	for (const page of numbers) {
		const { performance, accessibility, seo } = page.scores;
		rows.push([
			`\`${page.address}\``,
			`${shown(performance)} / ${shown(accessibility)} / ${shown(page.scores['best-practices'])} / ${shown(seo)}`,
			`${page.elements} elements, HTML ${kilobytes(page.html)}, JS ${kilobytes(page.scripts)}; performance in its ${page.performances.length} runs: ${page.performances.join(', ')}`,
		]);
	}
	// The worst page of each measure, named.
	const worst = <T>(pick: (page: PageNumbers) => T, worse: (a: T, b: T) => boolean): PageNumbers | undefined =>
		numbers.reduce<PageNumbers | undefined>((found, page) => (found === undefined || worse(pick(page), pick(found)) ? page : found), undefined);
	const lowest = (key: keyof PageNumbers['scores']): PageNumbers | undefined =>
		worst(
			(page) => page.scores[key] ?? -1,
			(a, b) => a < b,
		);
	for (const key of ['performance', 'accessibility', 'best-practices', 'seo'] as const) {
		const page = lowest(key);
		if (page !== undefined) rows.push([`worst Lighthouse ${key}`, shown(page.scores[key]), `\`${page.address}\``]);
	}
	const heaviest = (key: 'elements' | 'html' | 'scripts'): PageNumbers | undefined =>
		worst(
			(page) => page[key],
			(a, b) => a > b,
		);
	const elements = heaviest('elements');
	const html = heaviest('html');
	const scripts = heaviest('scripts');
	if (elements !== undefined) rows.push(['most DOM elements at load (budget 1,400)', String(elements.elements), `\`${elements.address}\``]);
	if (html !== undefined) rows.push(['largest HTML (budget 100 KB)', kilobytes(html.html), `\`${html.address}\``]);
	if (scripts !== undefined)
		rows.push(['most JavaScript before search opens (budget 50 KB)', kilobytes(scripts.scripts), `\`${scripts.address}\`, external and inline`]);
	notes.push(
		`Each page row: Lighthouse performance / accessibility / best practices / SEO with its defaults (mobile emulation, simulated slow 4G and CPU throttling), then the page's DOM elements after load, its HTML and the JavaScript it loads before search is opened (uncompressed, as served by a static host without gzip). Load average when the pages were measured: ${load.toFixed(2)}${load < 1 ? '' : ' (not idle: performance scores are lower on a busy machine)'}.`,
	);
}

// --- The sandbox engine ------------------------------------------------------------------------
function measureEngine(): void {
	const script = join(root, 'bench', 'engine.ts');
	log(`the engine's own bench (bench/engine.ts${engineWarmOnly ? ' --warm' : ''}), minutes when cold...`);
	const result = spawnSync('npx', ['tsx', script, ...(engineWarmOnly ? ['--warm'] : [])], {
		cwd: root,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit'],
		maxBuffer: 16 * 1024 * 1024,
	});
	// bench/engine.ts prints markdown tables: take their rows, leaving out each header (the line
	// before a `| --- |` line) and naming the stand-in sizes as such.
	const lines = result.stdout.split('\n');
	const separator = (line: string | undefined): boolean => /^\|\s*-/.test(line ?? '');
	let sizes = false;
	const table: string[][] = [];
	lines.forEach((line, index) => {
		if (!line.startsWith('|') || separator(line)) return;
		const cells = line
			.split('|')
			.slice(1, -1)
			.map((cell) => cell.trim());
		if (separator(lines[index + 1])) {
			sizes = /size/i.test(cells.join(' '));
			return;
		}
		table.push(sizes ? [`stand-in ${cells[0] ?? ''}`, cells[1] ?? ''] : cells);
	});
	if (result.status !== 0 || table.length === 0) {
		rows.push(['sandbox engine (bench/engine.ts)', 'failed', `exit ${String(result.status)}`]);
		return;
	}
	for (const [what = '', value = ''] of table) rows.push([`engine: ${what}`, value, 'bench/engine.ts, its own instance `bench`']);
	if (engineWarmOnly) rows.push(['engine: cold provisioning', 'not measured', 'run `npm run bench` without `--engine-warm`']);
}

// --- Verification, cold and warm result cache ----------------------------------------------------
interface ChapterResult {
	slug: string;
	status: string;
	durationMs: number;
	blocks: { durationMs: number; status: string }[];
}

/**
 * One `npm run verify`. The harness serialises chapter runs on one engine itself (its engine lock,
 * scripts/examples/engine-lock.ts), so the bench takes no lock of its own; run it on a quiet
 * machine, as every measure here.
 */
function verify(args: string[]): { ms: number; status: number | null; tail: string } {
	const limit = verifyTimeoutMs > 0 ? `timeout --signal=INT --kill-after=60 ${Math.round(verifyTimeoutMs / 1000)}` : '';
	const script = `start=$(date +%s%N); ${limit} npm run verify -- "$@"; code=$?; echo "__BENCH_MS $(( ($(date +%s%N) - start) / 1000000 ))"; exit $code`;
	const result = spawnSync('bash', ['-c', script, 'verify', ...args], {
		cwd: root,
		encoding: 'utf8',
		maxBuffer: 64 * 1024 * 1024,
	});
	const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
	const ms = Number(/__BENCH_MS (\d+)/.exec(output)?.[1] ?? Number.NaN);
	const timedOut = result.status === 124;
	const tail = output
		.split('\n')
		.filter((line) => !line.startsWith('__BENCH_') && !line.startsWith('npm warn'))
		.join('\n')
		.trimEnd()
		.split('\n')
		.slice(-8)
		.join('\n');
	return {
		ms,
		status: timedOut ? null : result.status,
		tail: `${timedOut ? `(stopped after ${verifyTimeoutMs / 60_000} min)\n` : ''}${tail}`,
	};
}

function measureVerification(): void {
	if (skipVerify) {
		rows.push(['full verification, cold result cache (`verify --force`)', 'not measured', '`--skip-verify`']);
		rows.push(['full verification, warm result cache (`verify`)', 'not measured', '`--skip-verify`']);
		rows.push(['harness overhead', 'not measured', '`--skip-verify`']);
		return;
	}
	log('full verification with a cold result cache (npm run verify -- --force): many minutes...');
	const since = Date.now();
	const cold = verify(['--force']);
	rows.push([
		'full verification, cold result cache (`verify --force`)',
		cold.status === null ? `> ${seconds(cold.ms)}` : seconds(cold.ms),
		cold.status === 0
			? 'every chapter passed'
			: cold.status === null
				? 'stopped at the time limit (see notes)'
				: `exit ${String(cold.status)}: not every chapter passed (see notes)`,
	]);
	if (cold.status !== 0) notes.push(`The cold verification ended with:\n\n\`\`\`\n${cold.tail}\n\`\`\``);
	log('full verification with a warm result cache (npm run verify)...');
	const warm = verify([]);
	rows.push([
		'full verification, warm result cache (`verify`)',
		seconds(warm.ms),
		warm.status === 0 ? 'unchanged chapters are not run again' : `exit ${String(warm.status)}: chapters that did not pass are run again`,
	]);
	if (warm.status !== 0) notes.push(`The warm verification ended with:\n\n\`\`\`\n${warm.tail}\n\`\`\``);

	// The harness reports time per block, not per docker command: its overhead is measured as the
	// chapter's wall time outside its blocks (engine reset, workspace, extraction) against the time
	// inside them, which is almost all docker commands (plus the harness's per-block matching).
	const directory = resultsDirectory();
	const results: ChapterResult[] = existsSync(directory)
		? readdirSync(directory)
				.filter((name) => name.endsWith('.json') && statSync(join(directory, name)).mtimeMs >= since)
				.map((name) => JSON.parse(readFileSync(join(directory, name), 'utf8')) as ChapterResult)
		: [];
	const chapterMs = results.reduce((sum, result) => sum + result.durationMs, 0);
	const blockMs = results.reduce((sum, result) => sum + result.blocks.reduce((inner, block) => inner + block.durationMs, 0), 0);
	if (results.length === 0 || blockMs === 0) {
		rows.push(['harness overhead vs time inside docker commands', 'unmeasured', 'no chapter results were written by the cold run']);
	} else {
		rows.push([
			'harness overhead vs time inside blocks',
			`${(((chapterMs - blockMs) / blockMs) * 100).toFixed(1)} %`,
			`${results.length} chapter runs written to the result cache while it ran (on a shared machine, others' runs too): ${seconds(chapterMs - blockMs)} outside blocks, ${seconds(blockMs)} inside; per-command timings are not reported, so the share of the harness inside a block (matching, markers) is not separated from docker's`,
		]);
	}
}

// --- CI's examples shards, planned from the record (scripts/examples/shards.ts) ---------------------
async function planShardTimes(): Promise<void> {
	const files = await examplesTestFiles();
	for (const count of [2, 3, 4]) {
		const plan = await planTestFiles(files, count);
		const times = plan.map((shard) => shard.ms);
		rows.push([
			`${count} shards: planned time per shard`,
			times.map((ms) => seconds(ms)).join(' / '),
			`longest ${(Math.max(...times) / Math.min(...times)).toFixed(2)} × the shortest; greedy longest-first on the recorded durations`,
		]);
		if (count === 3) {
			for (const line of formatPlan(plan)) process.stdout.write(`${line}\n`);
			notes.push(`The 3 shards (\`npm run shard -- 3\`):\n\n\`\`\`\n${formatPlan(plan).join('\n')}\n\`\`\``);
		}
	}
}

// --- Run and write ---------------------------------------------------------------------------------
function writeResults(): void {
	writeFileSync(resultsJson, `${JSON.stringify(results, null, '\t')}\n`);
	const title = [
		'# Benchmarks',
		'',
		'Each section at the time and commit it names, with the working tree as it was then. Numbers are measured, not asserted; compare them only with runs on a similar machine. The by-hand part holds what no script here measures (the fresh-machine check, experiments); the measured part is written by `npm run bench`.',
	];
	const measured: string[] = [];
	const machines = new Set<string>();
	for (const section of sections) {
		const result = results[section];
		if (result === undefined) continue;
		machines.add(result.machine.join('\n'));
		measured.push(
			`## ${{ site: 'The site', engine: 'The sandbox engine', verify: 'Verification', shards: "CI's examples shards (planned)" }[section]} (${result.measured} UTC, commit ${result.commit})`,
			'',
		);
		measured.push('| what | measured | how |', '| --- | --- | --- |');
		measured.push(...result.rows.map((row) => `| ${row.map((cell) => cell.replace(/\|/g, '\\|')).join(' | ')} |`), '');
		for (const note of result.notes) measured.push(note, '');
	}
	measured.push('## Machine', '');
	for (const machine of machines) measured.push(machine, '');
	const file = join(root, 'bench', 'RESULTS.md');
	writeFileSync(file, composeResults(existsSync(file) ? readFileSync(file, 'utf8') : null, title, measured));
}

const description = machine();
if (wanted('site')) {
	begin('site');
	if (measureBuild()) {
		const site = await serveStatic(distDir);
		try {
			await measurePages(site.origin);
		} finally {
			await site.close();
		}
	}
	finish();
}
if (wanted('engine')) {
	begin('engine');
	measureEngine();
	finish();
}
if (wanted('verify')) {
	begin('verify');
	measureVerification();
	finish();
}
if (wanted('shards')) {
	begin('shards');
	await planShardTimes();
	finish();
}
// Written again at the end: every run leaves the file as its last section wrote it, its by-hand
// part untouched.
writeResults();
log('wrote bench/RESULTS.md and bench/results.json');
