import type { EngineConfig } from '../config.ts';
import { debianArchive } from './assets.ts';
import { packageVersionTags, type StandInRecipe } from './recipe.ts';

/**
 * The official image's main configuration: the `nginx` user, its log format, temp paths under
 * /var/cache/nginx (Debian's package keeps them in /var/lib/nginx), and conf.d for servers.
 */
const nginxConf = `user  nginx;
worker_processes  auto;

error_log  /var/log/nginx/error.log notice;
pid        /run/nginx.pid;


events {
    worker_connections  1024;
}


http {
    include       /etc/nginx/mime.types;
    default_type  application/octet-stream;

    log_format  main  '$remote_addr - $remote_user [$time_local] "$request" '
                      '$status $body_bytes_sent "$http_referer" '
                      '"$http_user_agent" "$http_x_forwarded_for"';

    access_log  /var/log/nginx/access.log  main;

    client_body_temp_path /var/cache/nginx/client_temp;
    proxy_temp_path       /var/cache/nginx/proxy_temp;
    fastcgi_temp_path     /var/cache/nginx/fastcgi_temp;
    uwsgi_temp_path       /var/cache/nginx/uwsgi_temp;
    scgi_temp_path        /var/cache/nginx/scgi_temp;

    sendfile        on;

    keepalive_timeout  65;

    include /etc/nginx/conf.d/*.conf;
}
`;

/**
 * The official image's entrypoint in behaviour: when the command is nginx, it runs the scripts of
 * /docker-entrypoint.d/ and logs each step on stdout (quiet with NGINX_ENTRYPOINT_QUIET_LOGS).
 */
const entrypoint = `#!/bin/sh
# vim:sw=4:ts=4:et

set -e

entrypoint_log() {
    if [ -z "\${NGINX_ENTRYPOINT_QUIET_LOGS:-}" ]; then
        echo "$@"
    fi
}

if [ "$1" = "nginx" ] || [ "$1" = "nginx-debug" ]; then
    if /usr/bin/find "/docker-entrypoint.d/" -mindepth 1 -maxdepth 1 -type f -print -quit 2>/dev/null | read v; then
        entrypoint_log "$0: /docker-entrypoint.d/ is not empty, will attempt to perform configuration"

        entrypoint_log "$0: Looking for shell scripts in /docker-entrypoint.d/"
        find "/docker-entrypoint.d/" -follow -type f -print | sort -V | while read -r f; do
            case "$f" in
                *.envsh)
                    if [ -x "$f" ]; then
                        entrypoint_log "$0: Sourcing $f";
                        . "$f"
                    else
                        entrypoint_log "$0: Ignoring $f, not executable";
                    fi
                    ;;
                *.sh)
                    if [ -x "$f" ]; then
                        entrypoint_log "$0: Launching $f";
                        "$f"
                    else
                        entrypoint_log "$0: Ignoring $f, not executable";
                    fi
                    ;;
                *) entrypoint_log "$0: Ignoring $f";;
            esac
        done

        entrypoint_log "$0: Configuration complete; ready for start up"
    else
        entrypoint_log "$0: No files found in /docker-entrypoint.d/, skipping configuration"
    fi
fi

exec "$@"
`;

/** Turns on IPv6 in the default server, as the official image's first script does. */
const listenOnIpv6 = `#!/bin/sh
# vim:sw=4:ts=4:et

set -e

entrypoint_log() {
    if [ -z "\${NGINX_ENTRYPOINT_QUIET_LOGS:-}" ]; then
        echo "$@"
    fi
}

ME=$(basename "$0")
DEFAULT_CONF_FILE="etc/nginx/conf.d/default.conf"

if [ ! -f "/$DEFAULT_CONF_FILE" ]; then
    exit 0
fi

if [ ! -f "/proc/net/if_inet6" ]; then
    entrypoint_log "$ME: info: ipv6 not available"
    exit 0
fi

touch /$DEFAULT_CONF_FILE 2>/dev/null || { entrypoint_log "$ME: info: can not modify /$DEFAULT_CONF_FILE (read-only file system?)"; exit 0; }

if grep -qF "listen  [::]:80;" /$DEFAULT_CONF_FILE; then
    exit 0
fi

entrypoint_log "$ME: info: Getting the checksum of /$DEFAULT_CONF_FILE"
sed -i -E 's,listen       80;,listen       80;\\n    listen  [::]:80;,' /$DEFAULT_CONF_FILE
entrypoint_log "$ME: info: Enabled listen on IPv6 in /$DEFAULT_CONF_FILE"

exit 0
`;

/** The official image's other scripts do nothing unless their variables or templates are set. */
const templates = `#!/bin/sh

set -e

[ -d "\${NGINX_ENVSUBST_TEMPLATE_DIR:-/etc/nginx/templates}" ] || exit 0
echo "$(basename "$0"): templates are not part of this stand-in" >&2
exit 0
`;
const resolvers = `#!/bin/sh
# vim:sw=2:ts=2:sts=2:et

set -eu

[ "\${NGINX_ENTRYPOINT_LOCAL_RESOLVERS:-}" ] || return 0

NGINX_LOCAL_RESOLVERS=$(awk 'BEGIN{ORS=" "} $1=="nameserver" {print $2}' /etc/resolv.conf)
export NGINX_LOCAL_RESOLVERS
`;
const tuneWorkers = `#!/bin/sh

set -eu

[ "\${NGINX_ENTRYPOINT_WORKER_PROCESSES_AUTOTUNE:-}" ] || exit 0
exit 0
`;

/** The official image's default server: the welcome page from /usr/share/nginx/html. */
const defaultConf = `server {
    listen       80;
    server_name  localhost;

    location / {
        root   /usr/share/nginx/html;
        index  index.html index.htm;
    }

    error_page   500 502 503 504  /50x.html;
    location = /50x.html {
        root   /usr/share/nginx/html;
    }
}
`;

const welcome = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

const errorPage = `<!DOCTYPE html>
<html>
<head>
<title>Error</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>An error occurred.</h1>
<p>Sorry, the page you are looking for is currently unavailable.<br/>
Please try again later.</p>
</body>
</html>
`;

/**
 * The nginx branch the chapters name (`nginx:1.30`): pinned, so the stand-in is that branch or
 * nothing. It is in the Dockerfile, so a change of branch is a change of the recipe's hash.
 */
export const nginxBranch = '1.30';

export function nginxRecipe(config: EngineConfig): StandInRecipe {
	const debian = debianArchive(config);
	return {
		key: 'nginx',
		repository: 'nginx',
		tags: ['latest'],
		parents: ['debian-slim'],
		builtFrom: "the debian:bookworm-slim stand-in plus Debian sid's nginx package (the maintained stable branch), laid out as the official image",
		dockerfile: [
			'FROM debian:bookworm-slim',
			'RUN set -eux; groupadd --system --gid 101 nginx; ' +
				'useradd --system --gid nginx --no-create-home --home /nonexistent --comment "nginx user" --shell /bin/false --uid 101 nginx; ' +
				// bookworm's nginx is 1.22, a branch that ended in 2023; sid carries the maintained
				// stable branch. Only nginx and the libraries it needs newer come from sid. A mirror that
				// serves a snapshot of sid may serve it past its Release file's Valid-Until date.
				`printf 'Types: deb\\nURIs: ${debian.mirror}\\nSuites: sid\\nComponents: main\\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\\nCheck-Valid-Until: no\\n' > /etc/apt/sources.list.d/sid.sources; ` +
				"printf 'Package: *\\nPin: release n=sid\\nPin-Priority: 100\\n' > /etc/apt/preferences.d/sid; " +
				'apt-get update; ' +
				`apt-get install -y --no-install-recommends -t sid 'nginx=${nginxBranch}.*' || ` +
				`{ echo "Debian sid no longer offers nginx ${nginxBranch}, the branch the chapters name: it offers $(apt-cache policy nginx | sed -n 's/ *Candidate: //p'). Change nginxBranch in scripts/engine/stand-ins/nginx.ts, the chapters' nginx:${nginxBranch}, and record again." >&2; exit 1; }; ` +
				'rm -f /etc/apt/sources.list.d/sid.sources /etc/apt/preferences.d/sid; rm -rf /var/lib/apt/lists/*; ' +
				'rm -f /etc/nginx/sites-enabled/default; mkdir -p /usr/share/nginx/html /var/cache/nginx /docker-entrypoint.d; ' +
				// Logs to the container's output, as the official image does.
				'ln -sf /dev/stdout /var/log/nginx/access.log; ln -sf /dev/stderr /var/log/nginx/error.log',
			'COPY nginx.conf /etc/nginx/nginx.conf',
			'COPY default.conf /etc/nginx/conf.d/default.conf',
			'COPY index.html 50x.html /usr/share/nginx/html/',
			'COPY docker-entrypoint.sh /',
			'COPY 10-listen-on-ipv6-by-default.sh 15-local-resolvers.envsh 20-envsubst-on-templates.sh 30-tune-worker-processes.sh /docker-entrypoint.d/',
			'ENTRYPOINT ["/docker-entrypoint.sh"]',
			'EXPOSE 80',
			'STOPSIGNAL SIGQUIT',
			'CMD ["nginx", "-g", "daemon off;"]',
			'',
		].join('\n'),
		files: {
			'nginx.conf': nginxConf,
			'default.conf': defaultConf,
			'index.html': welcome,
			'50x.html': errorPage,
			'docker-entrypoint.sh': entrypoint,
			'10-listen-on-ipv6-by-default.sh': listenOnIpv6,
			'15-local-resolvers.envsh': resolvers,
			'20-envsubst-on-templates.sh': templates,
			'30-tune-worker-processes.sh': tuneWorkers,
		},
		assets: [],
		describe: async (ctx, ref) => {
			const { version, tags } = await packageVersionTags(ctx, ref, 'nginx');
			return {
				tags,
				builtFrom: `nginx stand-in: the debian:bookworm-slim stand-in plus Debian sid's nginx ${version} (and the newer libraries it needs), laid out as the official image (/docker-entrypoint.sh and /docker-entrypoint.d, conf.d/default.conf, /usr/share/nginx/html, /var/cache/nginx, logs to stdout/stderr)`,
			};
		},
	};
}
