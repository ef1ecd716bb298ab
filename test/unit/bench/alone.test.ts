/** bench/alone.ts: how much other work ran beside a measured command, counted from the CPU time. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runAlone } from '../../../bench/alone.ts';

// A child that keeps one core busy for a while and then says how much CPU time it used.
const spin = 'let x = 0; for (let i = 0; i < 3e8; i++) x += i % 7; const u = process.cpuUsage(); console.log((u.user + u.system) / 1000);';

describe('runAlone', () => {
	it("counts the command's CPU time as its own, not as other work beside it", () => {
		const measured = runAlone(() => spawnSync(process.execPath, ['-e', spin], { encoding: 'utf8' }));
		const reported = Number(measured.result.stdout.trim());
		expect(measured.result.status).toBe(0);
		expect(reported).toBeGreaterThan(100);
		// /proc counts in ticks of 10 ms; Node's own start-up adds a little before the loop.
		expect(measured.ownCpuMs).toBeGreaterThanOrEqual(reported - 20);
		expect(measured.ownCpuMs).toBeLessThan(reported * 1.5 + 200);
	});

	it('passes the command result through', () => {
		expect(runAlone(() => 42).result).toBe(42);
	});
});
