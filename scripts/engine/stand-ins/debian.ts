import { docker } from '../docker.ts';
import type { EngineConfig } from '../config.ts';
import { type DebianArchive, debianArchive, hostCaBundle, rootfsAsset } from './assets.ts';
import type { StandInRecipe } from './recipe.ts';

const caPath = '/usr/local/share/ca-certificates/layerbook-host-ca.crt';

/*
 * Both tags start from one minbase debootstrap, as the official images do. The rootfs is added in
 * a first stage and copied into a fresh one, so each image has a single layer like the official.
 * The host's CA bundle goes where update-ca-certificates picks it up, so `apt-get install
 * ca-certificates` inside a build trusts a TLS-inspecting proxy.
 */

async function describeDebian(env: Record<string, string>, ref: string, what: string, debian: DebianArchive): Promise<string> {
	const version = (await docker(env, ['run', '--rm', '--network', 'none', ref, 'cat', '/etc/debian_version'])).trim();
	return `${what}: debootstrap --variant=minbase of Debian ${version} (${debian.suite}) from ${debian.mirror}`;
}

export function debianRecipe(config: EngineConfig): StandInRecipe {
	const debian = debianArchive(config);
	return {
		key: 'debian',
		repository: 'debian',
		tags: [debian.suite],
		parents: [],
		builtFrom: `debootstrap --variant=minbase of Debian ${debian.suite} from the Debian archive`,
		dockerfile: ['FROM scratch AS rootfs', 'ADD rootfs.tar /', `COPY host-ca.crt ${caPath}`, 'FROM scratch', 'COPY --from=rootfs / /', 'CMD ["bash"]', ''].join(
			'\n',
		),
		files: { 'host-ca.crt': hostCaBundle(config.hostCa) },
		assets: [rootfsAsset(debian)],
		describe: async (ctx, ref) => ({ builtFrom: await describeDebian(ctx.env, ref, 'debian:bookworm stand-in', debian) }),
	};
}

/** What the official slim variant excludes (debuerreotype --slimify). */
const slimExcludes = [
	'path-exclude /usr/share/doc/*',
	'path-include /usr/share/doc/*/copyright',
	'path-exclude /usr/share/groff/*',
	'path-exclude /usr/share/info/*',
	'path-exclude /usr/share/linda/*',
	'path-exclude /usr/share/lintian/overrides/*',
	'path-exclude /usr/share/locale/*',
	'path-include /usr/share/locale/locale.alias',
	'path-exclude /usr/share/man/*',
	'',
].join('\n');

const slimTrim = [
	'find /usr/share/doc -mindepth 1 -not -type d -not -name copyright -delete',
	'find /usr/share/doc -mindepth 1 -type d -empty -delete',
	'rm -rf /usr/share/groff/* /usr/share/info/* /usr/share/linda/* /usr/share/lintian/overrides/* /usr/share/man/*',
	'find /usr/share/locale -mindepth 1 -maxdepth 1 -not -name locale.alias -exec rm -rf {} +',
].join(' && ');

export function debianSlimRecipe(config: EngineConfig): StandInRecipe {
	const debian = debianArchive(config);
	return {
		key: 'debian-slim',
		repository: 'debian',
		tags: [`${debian.suite}-slim`],
		parents: [],
		builtFrom: `debootstrap --variant=minbase of Debian ${debian.suite}, with docs, man pages and locales excluded as the official slim variant does`,
		dockerfile: [
			'FROM scratch AS rootfs',
			'ADD rootfs.tar /',
			'COPY dpkg-slim /etc/dpkg/dpkg.cfg.d/docker',
			`RUN ${slimTrim}`,
			`COPY host-ca.crt ${caPath}`,
			'FROM scratch',
			'COPY --from=rootfs / /',
			'CMD ["bash"]',
			'',
		].join('\n'),
		files: { 'host-ca.crt': hostCaBundle(config.hostCa), 'dpkg-slim': slimExcludes },
		assets: [rootfsAsset(debian)],
		describe: async (ctx, ref) => ({
			builtFrom: `${await describeDebian(ctx.env, ref, 'debian:bookworm-slim stand-in', debian)}, with docs, man pages and locales trimmed as the official slim variant does`,
		}),
	};
}

export { caPath as hostCaInImage };
