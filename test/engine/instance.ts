/**
 * The engine's tests reset, stop and restart their engine, so they use an instance of their own
 * (own data root, runtime dir and network namespace): the examples suite and a contributor's
 * `npm run engine -- up` keep theirs. They are about the engine's own daemon, so a contributor's
 * LAYERBOOK_DOCKER_HOST is not theirs (the decoy test names an external daemon itself).
 *
 * Declared, never set here: vitest.config.ts gives it to the suite's test workers as the project's
 * `env`, and the suite's setup to the engine CLI it runs. vitest runs every suite's setup in one
 * process, whose environment the examples suite's setup reads.
 */
const instance = 'test';

export const engineSuiteEnv: Readonly<Record<string, string>> = {
	LAYERBOOK_INSTANCE: instance,
	// Empty is "not set" to the engine.
	LAYERBOOK_DOCKER_HOST: '',
};
