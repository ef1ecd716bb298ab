/** The docker client as the engine runs it, and what the engine reads of the daemon (its info, its images). */
import { execa } from 'execa';
import { z } from 'zod';
import { apiJson } from './api.ts';

/**
 * Runs the engine's own client against the daemon named in `env.DOCKER_HOST`: `docker` as found
 * on `env.PATH`, whose first folder holds the engine's client (daemon.ts, engineEnv).
 */
export async function docker(
	env: Record<string, string>,
	args: readonly string[],
	options: { input?: string; signal?: AbortSignal; timeoutMs?: number } = {},
): Promise<string> {
	try {
		const result = await execa('docker', [...args], {
			env,
			...(options.input !== undefined ? { input: options.input } : {}),
			...(options.signal !== undefined ? { cancelSignal: options.signal } : {}),
			...(options.timeoutMs !== undefined ? { timeout: options.timeoutMs } : {}),
		});
		return result.stdout;
	} catch (error) {
		throw new Error(`docker ${args.join(' ')} failed`, { cause: error });
	}
}

/** Same, streaming each output line (stdout and stderr) to `onLine`: long builds and pushes show progress. */
export async function dockerStreaming(
	env: Record<string, string>,
	args: readonly string[],
	onLine: (line: string) => void,
	options: { signal?: AbortSignal; cwd?: string } = {},
): Promise<void> {
	const child = execa('docker', [...args], {
		env,
		all: true,
		reject: false,
		...(options.cwd !== undefined ? { cwd: options.cwd } : {}),
		...(options.signal !== undefined ? { cancelSignal: options.signal } : {}),
	});
	const recent: string[] = [];
	for await (const line of child.iterable({ from: 'all' })) {
		recent.push(line);
		if (recent.length > 40) recent.shift();
		onLine(line);
	}
	const result = await child;
	if (result.failed) {
		throw new Error(`docker ${args.join(' ')} failed (exit ${result.exitCode ?? '?'}):\n${recent.join('\n')}`, {
			cause: result,
		});
	}
}

export const infoSchema = z.object({
	ServerVersion: z.string(),
	OSType: z.string(),
	OperatingSystem: z.string(),
	Architecture: z.string(),
	Driver: z.string().optional(),
	DriverStatus: z.array(z.array(z.string())).nullable().optional(),
	RegistryConfig: z
		.object({ Mirrors: z.array(z.string()).nullable().optional() })
		.passthrough()
		.nullable()
		.optional(),
});
export type DockerInfo = z.infer<typeof infoSchema>;

function hostOf(env: Record<string, string>): string {
	return env['DOCKER_HOST'] ?? 'unix:///var/run/docker.sock';
}

/** Which image store `docker info` reports: containerd's when the driver is a containerd snapshotter. */
export function imageStore(info: DockerInfo): 'containerd' | 'classic' {
	const type = (info.DriverStatus ?? []).find(([key]) => key === 'driver-type')?.[1] ?? '';
	return type.startsWith('io.containerd.snapshotter') ? 'containerd' : 'classic';
}

export async function dockerInfo(env: Record<string, string>): Promise<DockerInfo> {
	return infoSchema.parse(await apiJson(hostOf(env), '/info'));
}

const imageSchema = z.object({
	Id: z.string(),
	RepoTags: z.array(z.string()).nullable(),
	RepoDigests: z.array(z.string()).nullable(),
	Size: z.number(),
	Config: z
		.object({ Labels: z.record(z.string()).nullable().optional() })
		.passthrough()
		.nullable()
		.optional(),
});
export const imageInspectSchema = z.array(imageSchema);
export type ImageInspect = z.infer<typeof imageSchema>;

/** Inspects images through the API; names that do not exist are left out rather than failing the call. */
export async function inspectImages(env: Record<string, string>, refs: readonly string[]): Promise<ImageInspect[]> {
	const found = await Promise.all(
		refs.map(async (ref) => {
			const raw = await apiJson(hostOf(env), `/images/${encodeURIComponent(ref)}/json`);
			return raw === null ? null : imageSchema.parse(raw);
		}),
	);
	return found.filter((image): image is ImageInspect => image !== null);
}

export function lines(text: string): string[] {
	return text
		.split('\n')
		.map((l) => l.trim())
		.filter((l) => l !== '');
}
