/**
 * The reset between chapters: every container, volume, network, build cache and image a chapter
 * left is removed. Through the API rather than the CLI: a dozen CLI starts cost more than the work
 * itself on a busy machine.
 */
import { z } from 'zod';
import { apiDo, apiJson } from './api.ts';
import { docker, inspectImages } from './docker.ts';
import { dockerHost as ownDockerHost, daemonRunning } from './daemon.ts';
import { assertNothingForeign, isVetted } from './foreign.ts';
import { enginePaths } from './paths.ts';
import type { Engine } from './types.ts';

const containersSchema = z.array(z.object({ Id: z.string() }));
const volumesSchema = z.object({ Volumes: z.array(z.object({ Name: z.string() })).nullable() });
const imagesSchema = z.array(z.object({ Id: z.string(), RepoTags: z.array(z.string()).nullable().optional() }));

async function isOwnDaemon(engine: Engine): Promise<boolean> {
	const paths = enginePaths(engine.config);
	return engine.dockerHost === ownDockerHost(paths) && (await daemonRunning(paths)) !== null;
}

function splitName(name: string): { repo: string; tag: string } {
	const at = name.lastIndexOf(':');
	return at > name.lastIndexOf('/') ? { repo: name.slice(0, at), tag: name.slice(at + 1) } : { repo: name, tag: 'latest' };
}

/**
 * Leaves the daemon as a reader's fresh Docker is: no container, volume, non-default network,
 * build cache or image. The engine's own daemon drops the base images too (the mirror keeps them,
 * so a chapter's first `docker run` or `FROM` pulls them visibly); a vetted external daemon keeps
 * them, each under its name again even if a chapter untagged it, since it may have no mirror.
 * `chapterSince`, the daemon's time when the chapter started: what was made since is the chapter's.
 */
export async function resetEngine(engine: Engine, chapterSince?: number): Promise<void> {
	if (!(await isOwnDaemon(engine))) {
		if (!(await isVetted(enginePaths(engine.config), engine.dockerHost))) {
			throw new Error(`refusing to reset ${engine.dockerHost}: it is not the engine's own daemon, and it has not passed assertNothingForeign`);
		}
		// Checked again before every reset, not only at up: whatever its owner made since must survive.
		await assertNothingForeign(engine, chapterSince);
	}
	const host = engine.dockerHost;
	const q = encodeURIComponent;
	try {
		const containers = containersSchema.parse(await apiJson(host, '/containers/json?all=1'));
		await Promise.all(containers.map((c) => apiDo(host, 'DELETE', `/containers/${c.Id}?force=1&v=1`)));
		const volumes = volumesSchema.parse(await apiJson(host, '/volumes')).Volumes ?? [];
		await Promise.all(volumes.map((v) => apiDo(host, 'DELETE', `/volumes/${q(v.Name)}?force=1`)));
		await apiDo(host, 'POST', '/networks/prune');
		await apiDo(host, 'POST', '/build/prune?all=1', 300_000);

		const kept = (await isOwnDaemon(engine)) ? [] : engine.baseImages;
		// The true base images are the ones behind the recorded digests, whatever names now point where.
		const baseIds = new Set(
			(
				await inspectImages(
					engine.env,
					kept.map((b) => `${splitName(b.name).repo}@${b.digest}`),
				)
			).map((i) => i.Id),
		);
		const baseNames = new Set(kept.map((b) => b.name));
		// Several passes: an image with children (from the legacy builder) goes only after them.
		for (let pass = 0; pass < 5; pass++) {
			const images = imagesSchema.parse(await apiJson(host, '/images/json?all=1'));
			const foreign = images.filter((i) => !baseIds.has(i.Id));
			const extraTags = images.filter((i) => baseIds.has(i.Id)).flatMap((i) => (i.RepoTags ?? []).filter((t) => t !== '<none>:<none>' && !baseNames.has(t)));
			if (foreign.length === 0 && extraTags.length === 0) break;
			// Untagging a name never removes the image while a base name still points at it.
			for (const tag of extraTags) await apiDo(host, 'DELETE', `/images/${q(tag)}`).catch(() => undefined);
			for (const image of foreign) await apiDo(host, 'DELETE', `/images/${image.Id}?force=1`).catch(() => undefined);
		}

		for (const base of kept) {
			const [current] = await inspectImages(engine.env, [base.name]);
			if (current !== undefined && baseIds.has(current.Id)) continue;
			const { repo, tag } = splitName(base.name);
			const [byDigest] = await inspectImages(engine.env, [`${repo}@${base.digest}`]);
			if (byDigest !== undefined) await apiDo(host, 'POST', `/images/${byDigest.Id}/tag?repo=${q(repo)}&tag=${q(tag)}`);
			else await docker(engine.env, ['pull', '--quiet', base.name]);
		}
	} catch (error) {
		throw new Error(`could not reset the daemon at ${engine.dockerHost}`, { cause: error });
	}
}
