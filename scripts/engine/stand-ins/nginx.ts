import { docker } from '../docker.js';
import type { StandInRecipe } from './recipe.js';

/** The official image's default server: the welcome page from /usr/share/nginx/html. */
const defaultConf = `server {
    listen       80;
    listen  [::]:80;
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

export function nginxRecipe(): StandInRecipe {
  return {
    key: 'nginx',
    repository: 'nginx',
    tags: ['latest'],
    parents: ['debian-slim'],
    builtFrom: "the debian:bookworm-slim stand-in plus Debian bookworm's nginx package, laid out as the official image",
    dockerfile: [
      'FROM debian:bookworm-slim',
      'RUN set -eux; apt-get update; apt-get install -y --no-install-recommends nginx; rm -rf /var/lib/apt/lists/*; ' +
        'rm -f /etc/nginx/sites-enabled/default; mkdir -p /usr/share/nginx/html; ' +
        // Logs to the container's output, as the official image does.
        'ln -sf /dev/stdout /var/log/nginx/access.log; ln -sf /dev/stderr /var/log/nginx/error.log',
      'COPY default.conf /etc/nginx/conf.d/default.conf',
      'COPY index.html 50x.html /usr/share/nginx/html/',
      'EXPOSE 80',
      'STOPSIGNAL SIGQUIT',
      'CMD ["nginx", "-g", "daemon off;"]',
      '',
    ].join('\n'),
    files: { 'default.conf': defaultConf, 'index.html': welcome, '50x.html': errorPage },
    assets: [],
    describe: async (ctx, ref) => {
      const version = (
        await docker(ctx.env, ['run', '--rm', '--network', 'none', '--entrypoint', 'dpkg-query', ref, '-W', '-f', '${Version}', 'nginx'])
      ).trim();
      // 1.22.1-9+deb12u11 -> tags 1.22.1 and 1.22, as Docker Hub names nginx versions.
      const upstream = /^(?:\d+:)?(\d+)\.(\d+)\.(\d+)/.exec(version);
      const tags = upstream ? [`${upstream[1]}.${upstream[2]}.${upstream[3]}`, `${upstream[1]}.${upstream[2]}`] : [];
      return {
        tags,
        builtFrom: `nginx stand-in: the debian:bookworm-slim stand-in plus Debian's nginx ${version}, laid out as the official image (/usr/share/nginx/html, logs to stdout/stderr)`,
      };
    },
  };
}
