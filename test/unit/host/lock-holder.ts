/**
 * A process that takes a lock the way the engine or a chapter run does, says `locked`, keeps it
 * for a while and logs when it had it: `tsx lock-holder.ts engine|chapter <lock or runtime dir> <ms> <log>`.
 */
import { appendFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { withLock } from '../../../scripts/engine/lock.ts';
import { engineConfig } from '../../../scripts/engine/config.ts';
import { lockEngineForChapter } from '../../../scripts/examples/engine-lock.ts';

const [kind, where = '', ms = '0', log] = process.argv.slice(2);

async function held(): Promise<void> {
	if (log !== undefined) appendFileSync(log, `start ${process.pid}\n`);
	process.stdout.write('locked\n');
	await sleep(Number(ms));
	if (log !== undefined) appendFileSync(log, `end ${process.pid}\n`);
}

if (kind === 'engine') {
	await withLock(where, 'holder', held, 60_000);
} else {
	process.env['LAYERBOOK_RUNTIME_DIR'] = where;
	const lock = await lockEngineForChapter(engineConfig(), undefined, 60_000);
	await held();
	await lock.release();
}
