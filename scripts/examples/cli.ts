/** The harness for people: the `npm run verify`, `record`, `record:check`, `export` and `shard` commands. */
import { parseArgs } from 'node:util';
import { imageStores } from '../../src/contract/store.ts';
import { type EngineConfig, engineConfig } from '../engine/config.ts';
import { failureText } from '../host/format.ts';
import { check } from './commands/check.ts';
import { exportChapter } from './commands/export.ts';
import { record } from './commands/record.ts';
import { shard } from './commands/shard.ts';
import { verifyReadingOrder } from './commands/reading-order.ts';
import { verify } from './commands/verify.ts';
import { recordedStores } from './record.ts';

/**
 * Every form it takes (CONTRIBUTING.md explains each):
 *   npm run verify -- [chapter… | file.mdx…] [--force] [--keep] [--update] [--store containerd|classic]
 *   npm run verify -- <chapter>:<line> [--update]      one block, after the blocks before it
 *   npm run verify -- --watch <chapter>               again on every save, ko or en
 *   npm run verify -- --reading-order [--store classic | --stores all]   every chapter in order, no reset between
 *   npm run record -- [chapter…] [--force] [--store classic | --stores all]   containerd always; classic too with either
 *   npm run record -- --reading-order [--stores all]  the reading order's row of the record
 *   npm run record:check
 *   npm run export -- <chapter> [--out file.sh]      the chapter as one bash script
 *   npm run shard -- <index>/<count> | <count>       CI's examples shards, by recorded time
 */
async function main(): Promise<number> {
	const { values, positionals } = parseArgs({
		allowPositionals: true,
		options: {
			force: { type: 'boolean', default: false },
			keep: { type: 'boolean', default: false },
			update: { type: 'boolean', default: false },
			watch: { type: 'boolean', default: false },
			'reading-order': { type: 'boolean', default: false },
			out: { type: 'string' },
			store: { type: 'string' },
			stores: { type: 'string' },
		},
	});
	if (values.stores !== undefined && values.stores !== 'all') throw new Error(`--stores ${values.stores}: the only value is all (--store names one store)`);
	if (values.stores !== undefined && values.store !== undefined) throw new Error('give --store or --stores all, not both');
	if (values.store !== undefined && !(imageStores as readonly string[]).includes(values.store)) {
		throw new Error(`--store ${values.store}: the image store is one of ${imageStores.join(', ')}`);
	}
	// The engine's settings, with the image store to run on when --store names one; read only by the
	// commands that use the engine.
	const config = (): EngineConfig => engineConfig(values.store === undefined ? process.env : { ...process.env, LAYERBOOK_IMAGE_STORE: values.store });
	const [command, ...chapters] = positionals;
	const options = { force: values.force, keep: values.keep, update: values.update };
	const readingOrder = values['reading-order'];
	if (readingOrder && (chapters.length > 0 || values.update || values.keep || values.watch)) {
		throw new Error('--reading-order runs every chapter, as they are: it takes no chapter, --update, --keep or --watch');
	}
	switch (command) {
		case 'verify': {
			const engine = config();
			if (readingOrder) return verifyReadingOrder(values.stores === 'all' ? [...imageStores] : [engine.imageStore], engine, false);
			return verify(chapters, { ...options, watch: values.watch }, engine);
		}
		case 'export':
			return exportChapter(chapters, values.out);
		case 'shard':
			return shard(chapters, config());
		case 'record': {
			const engine = config();
			const stores = recordedStores(values.stores === 'all', engine.imageStore);
			if (readingOrder) return verifyReadingOrder(stores, engine, true);
			return record(chapters, options, stores, engine);
		}
		case 'check':
			return check();
		default:
			process.stderr.write(
				'usage: cli.ts verify|record|check|export|shard [chapter… | chapter:line] [--force] [--keep] [--update] [--watch] [--reading-order] [--store containerd|classic] [--stores all]\n',
			);
			return 2;
	}
}

main().then(
	(code) => {
		process.exitCode = code;
	},
	(error: unknown) => {
		process.stderr.write(`${failureText(error)}\n`);
		process.exitCode = 1;
	},
);
