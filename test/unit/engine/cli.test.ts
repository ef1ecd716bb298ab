/**
 * `eval "$(npm run -s engine -- env)"` when the engine cannot come up: the shell must not go on
 * with an unset DOCKER_HOST, where `docker` would quietly use the machine's default daemon.
 */
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../../../scripts/engine/cli.ts', import.meta.url));
const command = `${JSON.stringify(process.execPath)} --import tsx ${JSON.stringify(cli)} env`;

/** Evals the env command's output in bash as a person would, then reports what the shell has. */
async function evalEnv(env: Record<string, string>): Promise<{ evalStatus: string; dockerHost: string; stderr: string; cliStatus: number | undefined }> {
	const script = `unset DOCKER_HOST; eval "$(${command})"; status=$?; echo "$status"; echo "\${DOCKER_HOST-unset}"`;
	const shell = await execa('bash', ['-c', script], { env: { ...env, LAYERBOOK_DOCKER_HOST: env['LAYERBOOK_DOCKER_HOST'] ?? '' }, reject: false });
	const [evalStatus = '', dockerHost = ''] = shell.stdout.split('\n');
	const direct = await execa(process.execPath, ['--import', 'tsx', cli, 'env'], {
		env: { ...env, LAYERBOOK_DOCKER_HOST: env['LAYERBOOK_DOCKER_HOST'] ?? '' },
		reject: false,
	});
	return { evalStatus, dockerHost, stderr: shell.stderr, cliStatus: direct.exitCode };
}

describe('engine env, when it fails', () => {
	it('leaves the shell with a DOCKER_HOST that fails loudly, a non-zero status and the reason (a bad instance name)', async () => {
		const result = await evalEnv({ LAYERBOOK_INSTANCE: 'Not A Name' });
		expect(result.dockerHost).toMatch(/^unix:\/\/\/nonexistent\//);
		expect(result.evalStatus).not.toBe('0');
		expect(result.stderr).toContain('LAYERBOOK_INSTANCE="Not A Name": must be');
		expect(result.cliStatus).not.toBe(0);
	}, 30_000);

	it('does the same when the daemon named by LAYERBOOK_DOCKER_HOST does not answer', async () => {
		const result = await evalEnv({ LAYERBOOK_DOCKER_HOST: 'unix:///nonexistent/layerbook-test.sock' });
		expect(result.dockerHost).toMatch(/^unix:\/\/\/nonexistent\/layerbook-engine-not-running$/);
		expect(result.evalStatus).not.toBe('0');
		expect(result.stderr).toContain('no Docker daemon answers there');
		expect(result.cliStatus).not.toBe(0);
	}, 30_000);
});
