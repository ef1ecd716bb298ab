/**
 * CI runs every suite exactly once: the examples (the slow part, a real engine per chapter) only
 * in the sharded `examples` job, every other suite in the `test` job.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repositoryRoot } from '../../scripts/host/repository.ts';
import config from '../../vitest.config.ts';

const projects = (config.test?.projects ?? []).flatMap((project) =>
	typeof project === 'object' && 'test' in project && project.test?.name !== undefined ? [String(project.test.name)] : [],
);
const scripts = (JSON.parse(readFileSync(join(repositoryRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

/** Each job's shell commands, from the workflow's `run:` lines and `run: |` blocks. */
function jobCommands(workflow: string): Map<string, string> {
	const jobs = new Map<string, string>();
	let job: string | undefined;
	let inJobs = false;
	let block: number | undefined;
	for (const line of workflow.split('\n')) {
		const indent = line.length - line.trimStart().length;
		if (block !== undefined && (line.trim() === '' || indent > block)) {
			if (job !== undefined) jobs.set(job, `${jobs.get(job) ?? ''}${line.trim()}\n`);
			continue;
		}
		block = undefined;
		if (/^jobs:\s*$/.test(line)) inJobs = true;
		else if (/^\S/.test(line)) inJobs = false;
		const name = inJobs ? /^ {2}([\w-]+):\s*$/.exec(line)?.[1] : undefined;
		if (name !== undefined) job = name;
		const run = /^(\s*)(?:- )?run:\s*(.*)$/.exec(line);
		if (run === null || job === undefined) continue;
		if (run[2] === '|' || run[2] === '>') block = (run[1] ?? '').length;
		else jobs.set(job, `${jobs.get(job) ?? ''}${run[2] ?? ''}\n`);
	}
	return jobs;
}

/** The vitest projects a command runs, following `npm test` and `npm run <script>` into package.json. */
function projectsRun(command: string, depth = 0): string[] {
	if (depth > 5) throw new Error(`scripts call each other too deeply: ${command}`);
	const found: string[] = [];
	for (const match of command.matchAll(/\bnpm (?:run(?:-script)? )?(?:-s |--silent )?([\w:-]+)/g)) {
		const name = match[1] === 'test' ? 'test' : match[0].includes(' run') ? match[1] : undefined;
		const script = name === undefined ? undefined : scripts[name];
		if (script !== undefined) found.push(...projectsRun(script, depth + 1));
	}
	for (const match of command.matchAll(/\bvitest run\b([^&|;'"\n]*)/g)) {
		const chosen = [...(match[1] ?? '').matchAll(/--project[= ]([\w*!-]+)/g)].map((flag) => flag[1] ?? '');
		found.push(...(chosen.length === 0 ? projects : chosen));
	}
	return found;
}

describe('the CI workflow', () => {
	const jobs = jobCommands(readFileSync(join(repositoryRoot, '.github', 'workflows', 'ci.yml'), 'utf8'));

	it('runs every vitest project in exactly one job', () => {
		expect(projects).toEqual(expect.arrayContaining(['unit', 'site', 'engine', 'examples', 'browser']));
		const runs = new Map<string, string[]>();
		for (const [job, commands] of jobs) {
			for (const project of new Set(projectsRun(commands))) runs.set(project, [...(runs.get(project) ?? []), job]);
		}
		expect(Object.fromEntries(projects.map((project) => [project, runs.get(project) ?? []]))).toEqual({
			unit: ['test'],
			site: ['test'],
			engine: ['test'],
			examples: ['examples'],
			browser: ['test'],
		});
	});

	it('shards the examples and prepares the host with npm run setup wherever a suite runs', () => {
		expect(jobs.get('examples')).toMatch(/vitest run --project examples --shard=/);
		for (const job of ['test', 'examples']) expect(jobs.get(job)).toContain('npm run setup');
	});

	it('runs the reading order on both image stores in a job of its own', () => {
		expect(jobs.get('reading-order')).toMatch(/npm run verify -- --reading-order --store \$\{\{ matrix\.store \}\}/);
		expect(jobs.get('reading-order')).toContain('npm run setup');
	});

	it('.ci/run runs the reading order after npm test and takes the engine down whatever the exit', () => {
		const script = readFileSync(join(repositoryRoot, '.ci', 'run'), 'utf8');
		expect(script).toMatch(/^trap '.*npm run -s engine -- down.*' EXIT$/m);
		expect(script.indexOf('npm test')).toBeLessThan(script.indexOf('npm run verify -- --reading-order --stores all'));
	});

	it("leaves the runner's own Docker installed and running: setup conflicts with none of its packages", () => {
		for (const [job, commands] of jobs) {
			expect(commands, job).not.toMatch(/apt-get (remove|purge)|systemctl stop docker/);
		}
	});

	it('lets no job pass a vitest run that ran no test file (an empty examples shard is a failure)', () => {
		for (const [job, commands] of jobs) expect(commands, job).not.toMatch(/passWithNoTests/);
	});
});
