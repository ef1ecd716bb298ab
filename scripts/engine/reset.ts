import { docker, inspectImages, lines } from './docker.js';
import { dockerHost as ownDockerHost, daemonRunning } from './daemon.js';
import { isVetted } from './foreign.js';
import type { Engine } from './types.js';

export async function isOwnDaemon(engine: Engine): Promise<boolean> {
  return engine.dockerHost === ownDockerHost() && (await daemonRunning()) !== null;
}

/**
 * Leaves the daemon as `up` left it: no container, volume, non-default network or build cache,
 * and no image but the base images, each under its name again even if a chapter untagged it.
 */
export async function resetEngine(engine: Engine): Promise<void> {
  if (!(await isOwnDaemon(engine)) && !(await isVetted(engine.dockerHost))) {
    throw new Error(
      `refusing to reset ${engine.dockerHost}: it is not the engine's own daemon, and it has not passed assertNothingForeign`,
    );
  }
  const env = engine.env;
  try {
    const containers = lines(await docker(env, ['ps', '-aq']));
    if (containers.length > 0) await docker(env, ['rm', '-f', '-v', ...containers]);
    const volumes = lines(await docker(env, ['volume', 'ls', '-q']));
    if (volumes.length > 0) await docker(env, ['volume', 'rm', '-f', ...volumes]);
    await docker(env, ['network', 'prune', '-f']);
    await docker(env, ['builder', 'prune', '-af']);

    // The true base images are the ones behind the recorded digests, whatever names now point where.
    const baseIds = new Set(
      (await inspectImages(env, engine.baseImages.map((b) => `${b.name.split(':')[0] ?? b.name}@${b.digest}`))).map((i) => i.Id),
    );
    const baseNames = new Set(engine.baseImages.map((b) => b.name));
    // Several passes: an image with children (from the legacy builder) goes only after them.
    for (let pass = 0; pass < 5; pass++) {
      const rows = lines(await docker(env, ['image', 'ls', '-a', '--no-trunc', '--format', '{{.ID}}\t{{.Repository}}:{{.Tag}}'])).map((row) => {
        const [id = '', name = ''] = row.split('\t');
        return { id, name };
      });
      const foreignIds = [...new Set(rows.filter((r) => !baseIds.has(r.id)).map((r) => r.id))];
      const extraTags = rows.filter((r) => baseIds.has(r.id) && r.name !== '<none>:<none>' && !baseNames.has(r.name)).map((r) => r.name);
      if (foreignIds.length === 0 && extraTags.length === 0) break;
      if (extraTags.length > 0) await docker(env, ['rmi', ...extraTags]).catch(() => undefined);
      if (foreignIds.length > 0) await docker(env, ['rmi', '-f', ...foreignIds]).catch(() => undefined);
    }

    for (const base of engine.baseImages) {
      const [current] = await inspectImages(env, [base.name]);
      if (current !== undefined && baseIds.has(current.Id)) continue;
      const repo = base.name.split(':')[0] ?? base.name;
      const [byDigest] = await inspectImages(env, [`${repo}@${base.digest}`]);
      if (byDigest !== undefined) await docker(env, ['tag', byDigest.Id, base.name]);
      else await docker(env, ['pull', '--quiet', base.name]);
    }
  } catch (error) {
    throw new Error(`could not reset the daemon at ${engine.dockerHost}`, { cause: error });
  }
}
