/** The redis stand-in: Debian bookworm's redis-server, laid out and started as the official `redis:7` image. */
import { packageVersionTags, type StandInRecipe } from './recipe.ts';

/**
 * The official image's entrypoint in behaviour: options or a .conf file run under redis-server; as
 * root it gives /data to the redis user and drops to it (setpriv, from util-linux, where the
 * official image has gosu); and without a config file it turns protected mode off, which the
 * official image compiles in, so other containers may connect without a password.
 */
const entrypoint = `#!/bin/sh
set -e

# first arg is \`-f\` or \`--some-option\`, or first arg is \`something.conf\`
if [ "\${1#-}" != "$1" ] || [ "\${1%.conf}" != "$1" ]; then
	set -- redis-server "$@"
fi

# allow the container to be started with \`--user\`
if [ "$1" = 'redis-server' ] && [ "$(id -u)" = '0' ]; then
	find . \\! -user redis -exec chown redis '{}' +
	exec setpriv --reuid=redis --regid=redis --init-groups "$0" "$@"
fi

if [ "$1" = 'redis-server' ] && ! [ -f "\${2:-}" ]; then
	set -- "$@" --protected-mode no
fi

# an appropriate umask, as the official image sets one
um="$(umask)"
if [ "$um" = '0022' ]; then
	umask 0077
fi

exec "$@"
`;

/** The major version the chapters name (`redis:7`): bookworm carries 7.0. */
const redisMajor = '7';

export function redisRecipe(): StandInRecipe {
	return {
		key: 'redis',
		repository: 'redis',
		tags: [redisMajor],
		parents: ['debian-slim'],
		builtFrom: "the debian:bookworm-slim stand-in plus Debian bookworm's redis-server, laid out as the official image",
		dockerfile: [
			'FROM debian:bookworm-slim',
			// The official image's user and group (999), made before the package so its postinst keeps them.
			'RUN set -eux; groupadd --system --gid 999 redis; useradd --system --gid redis --uid 999 --home-dir /var/lib/redis --shell /usr/sbin/nologin redis; ' +
				'apt-get update; apt-get install -y --no-install-recommends redis-server; rm -rf /var/lib/apt/lists/*; ' +
				`redis-server --version | grep -q 'v=${redisMajor}\\.' || { echo "Debian bookworm's redis-server is not ${redisMajor}.x: change redisMajor in scripts/engine/stand-ins/redis.ts and the chapters' redis:${redisMajor}" >&2; exit 1; }; ` +
				'mkdir /data; chown redis:redis /data',
			'VOLUME /data',
			'WORKDIR /data',
			'COPY docker-entrypoint.sh /usr/local/bin/',
			'ENTRYPOINT ["docker-entrypoint.sh"]',
			'EXPOSE 6379',
			'CMD ["redis-server"]',
			'',
		].join('\n'),
		files: { 'docker-entrypoint.sh': entrypoint },
		assets: [],
		describe: async (ctx, ref) => {
			const { version, tags } = await packageVersionTags(ctx, ref, 'redis-server');
			return {
				tags,
				builtFrom: `redis stand-in: the debian:bookworm-slim stand-in plus Debian bookworm's redis-server ${version}, laid out as the official image (user redis 999, /data as volume and working directory, an entrypoint that drops to redis and turns protected mode off without a config file)`,
			};
		},
	};
}
