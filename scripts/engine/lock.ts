/**
 * One `up`/`down`/`reset` at a time per engine: a CLI call and a test setup may race. A flock(2)
 * held by a child process (scripts/host/lock.ts), so a holder that dies frees it at once.
 */
import { withHostLock } from '../host/lock.ts';

export async function withLock<T>(path: string, what: string, run: () => Promise<T>, timeoutMs = 30 * 60_000): Promise<T> {
	return withHostLock(path, { what: `${what}: the engine`, timeoutMs }, run);
}
