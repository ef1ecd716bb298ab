/** `npm run shard`: CI's shards of the examples suite, by recorded time. */
import type { EngineConfig } from '../../engine/config.ts';
import { examplesTestFiles, formatPlan, parseShard, planTestFiles } from '../shards.ts';
import { write } from './shared.ts';

/** `shard <i>/<n>`: the examples suite's test files for that shard; `shard <n>`: the plan, for people. */
export async function shard(positionals: string[], config: EngineConfig): Promise<number> {
	const [spec] = positionals;
	if (spec === undefined || positionals.length !== 1) throw new Error('usage: npm run shard -- <index>/<count> (the files of one shard) or <count> (the plan)');
	const files = await examplesTestFiles();
	if (/^\d+$/.test(spec)) {
		for (const line of formatPlan(await planTestFiles(files, Number(spec), config.imageStore))) write(line);
		return 0;
	}
	const { index, count } = parseShard(spec);
	const plan = await planTestFiles(files, count, config.imageStore);
	for (const job of plan[index - 1]?.jobs ?? []) write(job.file ?? job.name);
	return 0;
}
