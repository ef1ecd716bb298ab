/**
 * Runs a chapter as one scenario against the sandbox engine: one shell, blocks top to bottom, the
 * first failure stops it (later blocks are "not run": their state is gone), and afterwards, pass or
 * fail, the engine is reset (unless the reading order carries it over) and the workspace removed.
 */
import { join } from 'node:path';
import { type Engine, daemonTime, enginePaths, reset } from '../engine/index.ts';
import { type Block, blockLabel } from '../../src/contract/block.ts';
import { type Chapter, storeBlocks } from './chapter.ts';
import { containerReport } from './diagnostics.ts';
import { type EngineLock, lockEngineForChapter } from './engine-lock.ts';
import { executeBlock } from './execute.ts';
import { reapLeftovers } from './leftovers.ts';
import { type BlockResult, type ChapterResult, at } from './result.ts';
import { Session } from './session.ts';

export interface RunnerOptions {
	/** Keep the workspace for a look afterwards (the engine is reset all the same). */
	keep?: boolean | undefined;
	/** Accept differing console output, to be written back into the chapter. */
	update?: boolean | undefined;
	/** Called as each block starts. */
	onBlockStart?: ((block: Block) => void) | undefined;
	/** Called as each block finishes. */
	onBlock?: ((result: BlockResult) => void) | undefined;
	/**
	 * In the reading order (reading-order.ts): start from what the chapter before left instead of a
	 * reset engine, and leave what this chapter left for the next. A signal resets all the same.
	 */
	carryOver?: { fromPrevious: boolean; toNext: boolean } | undefined;
}

/** Where each chapter run records its shell and temp dir, for the next run to reap if it is killed. */
function runRecords(engine: Engine): string {
	return join(enginePaths(engine.config).runtime, 'chapter-runs');
}

/** Runs in progress, so a signal (Ctrl-C) cleans them all up as a finished run does. */
const active = new Set<ChapterRun>();

function onSignal(signal: NodeJS.Signals): void {
	const runs = [...active];
	process.stderr.write(`\n${signal}: stopping ${runs.length} chapter run(s) and resetting the engine\n`);
	void Promise.allSettled(runs.map((run) => run.interrupt())).finally(() => process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGHUP' ? 1 : 15)));
}

function watchSignals(): void {
	if (active.size !== 1) return;
	process.once('SIGINT', onSignal);
	process.once('SIGTERM', onSignal);
	process.once('SIGHUP', onSignal);
}

function unwatchSignals(): void {
	if (active.size !== 0) return;
	process.removeListener('SIGINT', onSignal);
	process.removeListener('SIGTERM', onSignal);
	process.removeListener('SIGHUP', onSignal);
}

/** A chapter run that goes block by block, so a test runner can report each block on its own. */
export class ChapterRun {
	readonly chapter: Chapter;
	readonly blocks: Block[];
	readonly results: BlockResult[] = [];
	readonly #engine: Engine;
	readonly #session: Session;
	readonly #options: RunnerOptions;
	readonly #started: number;
	readonly #lock: EngineLock;
	/** On an external daemon, its clock when the chapter started: what was made since is the chapter's. */
	readonly #since: number | undefined;
	#failed: BlockResult | undefined;
	#finished: Promise<ChapterResult> | undefined;
	#interrupted = false;

	private constructor(
		chapter: Chapter,
		engine: Engine,
		session: Session,
		options: RunnerOptions,
		started: number,
		lock: EngineLock,
		since: number | undefined,
	) {
		this.#since = since;
		this.chapter = chapter;
		// A store pair's other half is for the other store: this run never sees it.
		this.blocks = storeBlocks(chapter, engine.store);
		this.#engine = engine;
		this.#session = session;
		this.#options = options;
		this.#started = started;
		this.#lock = lock;
	}

	static async start(chapter: Chapter, engine: Engine, options: RunnerOptions = {}): Promise<ChapterRun> {
		const lock = await lockEngineForChapter(engine.config, (holder) =>
			process.stderr.write(`waiting for process ${holder}, which is running a chapter on the engine\n`),
		);
		let session: Session;
		let since: number | undefined;
		const started = Date.now();
		try {
			// A run that was killed outright may have left its shell running, still talking to the
			// engine, and its temp dir: reap them first.
			await reapLeftovers(runRecords(engine));
			// A run that was killed outright may have left objects behind: start from the base
			// images. An external daemon is checked for foreign objects first, by reset itself.
			if (options.carryOver?.fromPrevious !== true) await reset(engine);
			// On an external daemon, what is made from now on is the chapter's, for the reset after it.
			since = engine.config.externalHost === null ? undefined : await daemonTime(engine.dockerHost);
			session = await Session.start({ env: engine.env, records: runRecords(engine), namespace: engine.namespace });
		} catch (error) {
			await lock.release();
			throw new Error(`cannot start ${chapter.file}`, { cause: error });
		}
		const run = new ChapterRun(chapter, engine, session, options, started, lock, since);
		active.add(run);
		watchSignals();
		return run;
	}

	get workspace(): string {
		return this.#session.workspace;
	}

	/** Runs every block up to and including `index` that has not run yet; returns that block's result. */
	async runThrough(index: number): Promise<BlockResult> {
		while (this.results.length <= index) {
			const block = this.blocks[this.results.length];
			if (block === undefined) throw new RangeError(`${this.chapter.file} has no executable block ${index}`);
			this.#options.onBlockStart?.(block);
			const result = await this.#runBlock(block);
			this.results.push(result);
			this.#options.onBlock?.(result);
		}
		const result = this.results[index];
		if (result === undefined) throw new RangeError(`no result for block ${index}`);
		return result;
	}

	async #runBlock(block: Block): Promise<BlockResult> {
		const identity = { file: block.file, line: block.line, kind: block.kind, hash: block.hash, label: blockLabel(block) };
		if (this.#failed !== undefined) {
			return { ...identity, status: 'not run', reason: `not run: ${at(this.#failed.failure ?? this.#failed)} failed before it`, durationMs: 0 };
		}
		let result: BlockResult;
		try {
			result = await executeBlock(block, this.#session, { update: this.#options.update });
		} catch (error) {
			const message = error instanceof Error ? error.message : String(error);
			result = {
				...identity,
				status: 'failed',
				durationMs: 0,
				failure: { file: block.file, line: block.line, message: `the harness could not run it: ${message}` },
			};
		}
		if (result.status === 'failed' && result.failure !== undefined) {
			this.#failed = result;
			const background = (await this.#session.backgroundOutputs())
				.map((job) => `${job.label} printed:\n${job.output.trimEnd().split('\n').slice(-20).join('\n') || '(nothing)'}`)
				.join('\n\n');
			result.failure.containers = await containerReport(this.#engine.env).catch((error: unknown) => `(docker ps failed: ${String(error)})`);
			if (background !== '') result.failure.background = background;
		}
		return result;
	}

	/** Runs whatever is left. */
	async runAll(): Promise<BlockResult[]> {
		if (this.blocks.length > 0) await this.runThrough(this.blocks.length - 1);
		return this.results;
	}

	/** Finishes after a signal: the engine is reset even in the middle of the reading order. */
	interrupt(): Promise<ChapterResult> {
		this.#interrupted = true;
		return this.finish();
	}

	/** Stops the shell and background blocks, resets the engine, removes the workspace. Idempotent. */
	finish(): Promise<ChapterResult> {
		this.#finished ??= this.#cleanUp();
		return this.#finished;
	}

	async #cleanUp(): Promise<ChapterResult> {
		try {
			await this.#session.close();
		} finally {
			try {
				if (this.#options.carryOver?.toNext !== true || this.#interrupted) await reset(this.#engine, this.#since);
			} finally {
				try {
					if (this.#options.keep !== true) await this.#session.remove();
					else await this.#session.forget();
				} finally {
					// Whatever failed before: a lock left held keeps the next chapter waiting up to an hour.
					try {
						await this.#lock.release();
					} finally {
						active.delete(this);
						unwatchSignals();
					}
				}
			}
		}
		const failed = this.results.some((result) => result.status === 'failed');
		const complete = this.results.length === this.blocks.length;
		return {
			slug: this.chapter.slug,
			file: this.chapter.file,
			status: failed || !complete ? 'failed' : 'passed',
			date: new Date(this.#started).toISOString(),
			durationMs: Date.now() - this.#started,
			blocks: this.results,
			workspace: this.#options.keep === true ? this.#session.workspace : undefined,
		};
	}
}

/** Runs a whole chapter and cleans up after it. */
export async function runChapter(chapter: Chapter, engine: Engine, options: RunnerOptions = {}): Promise<ChapterResult> {
	const run = await ChapterRun.start(chapter, engine, options);
	try {
		await run.runAll();
	} finally {
		await run.finish();
	}
	return run.finish();
}
