/** `npm run verify -- --reading-order` and `npm run record -- --reading-order`: every chapter in order on one engine per store, no reset between. */
import type { ImageStore } from '../../../src/contract/store.ts';
import type { EngineConfig } from '../../engine/config.ts';
import { seconds } from '../../host/format.ts';
import { runInReadingOrder } from '../reading-order.ts';
import { readRecord, recordPath, writeRecord } from '../record.ts';
import { formatSummary } from '../report.ts';
import { backToConfiguredStore, readChapters, startEngine, write } from './shared.ts';

/** Runs the reading order on each store; with `record`, writes each store's run that passed into the record. */
export async function verifyReadingOrder(stores: readonly ImageStore[], config: EngineConfig, record: boolean): Promise<number> {
	const chapters = await readChapters([]);
	let failed = false;
	for (const store of stores) {
		const engine = await startEngine({ ...config, imageStore: store });
		const { results, run } = await runInReadingOrder(chapters, engine, write);
		write(`reading order on the ${store} image store: ${formatSummary(results)}`);
		if (run === undefined) {
			failed = true;
			continue;
		}
		write(`reading order on the ${store} image store passed: ${run.passed} blocks in ${seconds(run.durationMs)}`);
		if (record) {
			const current = await readRecord();
			if (current === undefined) throw new Error(`${recordPath}: no record to add the reading order to: run npm run record first`);
			await writeRecord({ ...current, readingOrder: { ...current.readingOrder, [store]: run } });
			write(`reading order written to ${recordPath}`);
		}
	}
	await backToConfiguredStore(stores, config);
	return failed ? 1 : 0;
}
