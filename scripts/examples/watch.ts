/**
 * `verify --watch`: runs a chapter again whenever one of its files (the Korean original or a
 * translation) is saved.
 */
import { type FSWatcher, watch } from 'node:fs';
import { basename, dirname } from 'node:path';

// Saves come in bursts (an editor writes, renames, touches): changes are gathered until the files
// have been quiet this long.
const debounceMs = 300;

export interface Watcher {
	close(): void;
}

/**
 * Calls `onChange` with the files that changed, once they have been quiet for `quietMs`. Watches
 * each file's directory, not the file: editors that save by renaming a new file over the old one
 * would leave a watcher on the file itself watching nothing.
 */
export function watchFiles(files: readonly string[], onChange: (changed: string[]) => void, quietMs = debounceMs): Watcher {
	const byDirectory = new Map<string, Map<string, string>>();
	for (const file of files) {
		const names = byDirectory.get(dirname(file)) ?? new Map<string, string>();
		names.set(basename(file), file);
		byDirectory.set(dirname(file), names);
	}
	const changed = new Set<string>();
	let timer: NodeJS.Timeout | undefined;
	const watchers: FSWatcher[] = [];
	for (const [directory, names] of byDirectory) {
		const watcher = watch(directory, (_event, name) => {
			const file = name === null ? undefined : names.get(name.toString());
			if (file === undefined) return;
			changed.add(file);
			clearTimeout(timer);
			timer = setTimeout(() => {
				const files = [...changed];
				changed.clear();
				onChange(files);
			}, quietMs);
		});
		watchers.push(watcher);
	}
	return {
		close() {
			clearTimeout(timer);
			for (const watcher of watchers) watcher.close();
		},
	};
}

export interface WatchLoop {
	/** Stops watching and waits for the run in progress to stop. */
	close(): Promise<void>;
}

/**
 * Runs `run` now and after every change; a change during a run aborts its signal (verify's run stops
 * after its current block), and the chapter runs again once that run has returned. Runs never overlap.
 */
export function watchLoop(files: readonly string[], run: (signal: AbortSignal, changed: string[]) => Promise<void>, quietMs = debounceMs): WatchLoop {
	let running: Promise<void> | undefined;
	let controller: AbortController | undefined;
	let pending: string[] | undefined;
	let closed = false;
	const start = (changed: string[]): void => {
		if (closed) return;
		if (running !== undefined) {
			pending = [...(pending ?? []), ...changed];
			controller?.abort();
			return;
		}
		running = (async () => {
			let next: string[] | undefined = changed;
			while (next !== undefined && !closed) {
				controller = new AbortController();
				pending = undefined;
				try {
					await run(controller.signal, next);
				} catch (error) {
					process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
				}
				next = pending;
			}
			running = undefined;
		})();
	};
	const watcher = watchFiles(files, start, quietMs);
	start([]);
	return {
		async close() {
			closed = true;
			watcher.close();
			controller?.abort();
			await running;
		},
	};
}
