/**
 * vitest runs every project's globalSetup in its one main process: the engine suite's setup must
 * not change that process's environment, or the examples suite would run on the engine tests'
 * instance and ignore a contributor's LAYERBOOK_DOCKER_HOST.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestProject } from 'vitest/node';
import config from '../../../vitest.config.ts';

const saved = { instance: process.env['LAYERBOOK_INSTANCE'], host: process.env['LAYERBOOK_DOCKER_HOST'] };
beforeEach(() => {
	delete process.env['LAYERBOOK_INSTANCE'];
	process.env['LAYERBOOK_DOCKER_HOST'] = 'unix:///run/a-contributors-own.sock';
});
afterEach(() => {
	for (const [key, value] of [
		['LAYERBOOK_INSTANCE', saved.instance],
		['LAYERBOOK_DOCKER_HOST', saved.host],
	] as const) {
		if (value === undefined) delete process.env[key];
		else process.env[key] = value;
	}
});

function chainOf(error: unknown): string {
	const messages: string[] = [];
	for (let current = error; current instanceof Error; current = current.cause) {
		messages.push(current.message);
		if ('stderr' in current && typeof current.stderr === 'string') messages.push(current.stderr);
	}
	return messages.join('\n');
}

describe("the engine suite's setup", () => {
	it('leaves the main process environment as it found it', async () => {
		const before = { ...process.env };
		await import('../../engine/setup.ts');
		expect({ ...process.env }).toEqual(before);
	});

	it("runs the engine with the project's environment, not the main process's", async () => {
		const { default: setup } = await import('../../engine/setup.ts');
		const before = { ...process.env };
		// An instance name the engine refuses before it installs or starts anything: the error shows which env it had.
		const project = { config: { env: { LAYERBOOK_INSTANCE: 'Not A Name', LAYERBOOK_DOCKER_HOST: '' } }, provide: () => undefined } as unknown as TestProject;
		const error = await setup(project).then(
			() => undefined,
			(failure: unknown) => failure,
		);
		expect(chainOf(error)).toContain('LAYERBOOK_INSTANCE="Not A Name": must be 1-6 lowercase letters or digits');
		expect({ ...process.env }).toEqual(before);
	}, 30_000);
});

describe('vitest.config.ts', () => {
	const projects = (config.test?.projects ?? []).flatMap((project) => (typeof project === 'object' && 'test' in project ? [project.test] : []));
	const byName = (name: string): { env?: Partial<NodeJS.ProcessEnv> } | undefined => projects.find((test) => test?.name === name);

	it('gives the engine suite its own instance and no external daemon', () => {
		expect(byName('engine')?.env).toMatchObject({ LAYERBOOK_INSTANCE: 'test', LAYERBOOK_DOCKER_HOST: '' });
	});

	it("leaves the examples suite the contributor's own engine settings", () => {
		expect(byName('examples')).toBeDefined();
		expect(byName('examples')?.env?.['LAYERBOOK_INSTANCE']).toBeUndefined();
		expect(byName('examples')?.env?.['LAYERBOOK_DOCKER_HOST']).toBeUndefined();
		expect(config.test?.env?.['LAYERBOOK_INSTANCE']).toBeUndefined();
	});
});
