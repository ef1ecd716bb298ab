/** An engine as the harness sees it, for tests that need one and no daemon. */
import { type Engine, engineConfig } from '../../../scripts/engine/index.ts';

export function testEngine(overrides: Partial<Engine> = {}): Engine {
	return {
		config: engineConfig({}),
		dockerHost: 'unix:///x.sock',
		namespace: null,
		env: {},
		version: '28.5.2',
		store: 'containerd',
		packages: [],
		source: null,
		os: 'linux',
		arch: 'x86_64',
		baseImages: [],
		...overrides,
	};
}
