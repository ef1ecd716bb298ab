import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { isAlive } from './proc.js';

/** One `up`/`down`/`reset` at a time per engine: a CLI call and a test setup may race. */
export async function withLock<T>(path: string, what: string, run: () => Promise<T>, timeoutMs = 30 * 60_000): Promise<T> {
  await mkdir(dirname(path), { recursive: true });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw new Error(`could not take the engine lock ${path}`, { cause: error });
      const holder = Number((await readFile(path, 'utf8').catch(() => '')).trim());
      if (!Number.isInteger(holder) || holder <= 0 || !isAlive(holder) || holder === process.pid) {
        await rm(path, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`${what}: the engine is busy (process ${holder} holds ${path})`);
      await sleep(250);
    }
  }
  try {
    return await run();
  } finally {
    await rm(path, { force: true });
  }
}
