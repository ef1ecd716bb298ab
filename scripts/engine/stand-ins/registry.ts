import { docker } from '../docker.ts';
import type { StandInRecipe } from './recipe.ts';

/** The official image's config (config-example.yml). */
const config = `version: 0.1
log:
  fields:
    service: registry
storage:
  cache:
    blobdescriptor: inmemory
  filesystem:
    rootdirectory: /var/lib/registry
http:
  addr: :5000
  headers:
    X-Content-Type-Options: [nosniff]
health:
  storagedriver:
    enabled: true
    interval: 10s
    threshold: 3
`;

/** The official image's entrypoint. */
const entrypoint = `#!/bin/sh

set -e

case "$1" in
    *.yaml|*.yml) set -- registry serve "$@" ;;
    serve|garbage-collect|help|-*) set -- registry "$@" ;;
esac

exec "$@"
`;

export function registryRecipe(): StandInRecipe {
	return {
		key: 'registry',
		repository: 'registry',
		tags: ['2'],
		parents: ['debian-slim'],
		builtFrom: "the debian:bookworm-slim stand-in plus Debian bookworm's docker-registry (the CNCF distribution server), laid out as the official registry:2",
		dockerfile: [
			'FROM debian:bookworm-slim',
			'RUN set -eux; apt-get update; apt-get install -y --no-install-recommends docker-registry; rm -rf /var/lib/apt/lists/*; ' +
				'ln -s /usr/bin/docker-registry /bin/registry; mkdir -p /var/lib/registry',
			'COPY config.yml /etc/docker/registry/config.yml',
			'COPY entrypoint.sh /entrypoint.sh',
			'VOLUME ["/var/lib/registry"]',
			'EXPOSE 5000',
			'ENTRYPOINT ["/entrypoint.sh"]',
			'CMD ["/etc/docker/registry/config.yml"]',
			'',
		].join('\n'),
		files: { 'config.yml': config, 'entrypoint.sh': entrypoint },
		assets: [],
		describe: async (ctx, ref) => {
			const version = (
				await docker(ctx.env, ['run', '--rm', '--network', 'none', '--entrypoint', 'dpkg-query', ref, '-W', '-f', '${Version}', 'docker-registry'])
			).trim();
			return {
				builtFrom: `registry:2 stand-in: the debian:bookworm-slim stand-in plus Debian's docker-registry ${version}, with the official config path, port 5000 and /var/lib/registry`,
			};
		},
	};
}
