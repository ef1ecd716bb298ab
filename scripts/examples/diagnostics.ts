/**
 * What a failure report adds beside the diff: the state of the chapter's containers. Every
 * container on the engine is the chapter's own, since the engine is reset between chapters.
 */
import { execa } from 'execa';

const logLines = 20;
const maxContainers = 10;

async function docker(env: Record<string, string>, args: string[]): Promise<string> {
	const result = await execa('docker', args, { env, all: true, reject: false, timeout: 20_000 });
	return (result.all ?? '').trimEnd();
}

export async function containerReport(env: Record<string, string>): Promise<string> {
	const sections = [`$ docker ps -a\n${await docker(env, ['ps', '-a'])}`];
	const ids = (await docker(env, ['ps', '-aq'])).split('\n').filter((id) => /^[0-9a-f]+$/.test(id));
	for (const id of ids.slice(0, maxContainers)) {
		sections.push(`$ docker logs --tail ${logLines} ${id}\n${await docker(env, ['logs', '--tail', String(logLines), id])}`);
	}
	return sections.join('\n\n');
}
