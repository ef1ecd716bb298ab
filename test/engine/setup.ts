/**
 * vitest globalSetup for the `engine` project: brings the tests' engine up (building or reusing
 * the stand-ins) and provides it to the test files as `inject('engine')`; stops it afterwards.
 */
import './instance.js';
import type { TestProject } from 'vitest/node';
import { down, up, type Engine } from '../../scripts/engine/index.js';

declare module 'vitest' {
  export interface ProvidedContext {
    engine: Engine;
  }
}

export async function setup(project: TestProject): Promise<void> {
  const started = Date.now();
  const engine = await up({ onProgress: (line) => process.stderr.write(`[engine] ${line}\n`) });
  process.stderr.write(`[engine] up in ${((Date.now() - started) / 1000).toFixed(1)}s at ${engine.dockerHost}\n`);
  project.provide('engine', engine);
}

export async function teardown(): Promise<void> {
  await down();
}
