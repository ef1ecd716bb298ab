import { docker } from '../docker.ts';
import type { StandInRecipe } from './recipe.ts';

const passwd =
	'root:x:0:0:root:/root:/bin/sh\ndaemon:x:1:1:daemon:/usr/sbin:/bin/false\nbin:x:2:2:bin:/bin:/bin/false\nsys:x:3:3:sys:/dev:/bin/false\nnobody:x:65534:65534:nobody:/home:/bin/false\n';
const group = 'root:x:0:\ndaemon:x:1:\nbin:x:2:\nsys:x:3:\nadm:x:4:\ntty:x:5:\nnogroup:x:65534:\n';

export function busyboxRecipe(): StandInRecipe {
	return {
		key: 'busybox',
		repository: 'busybox',
		tags: ['latest'],
		parents: ['debian-slim'],
		builtFrom: "Debian bookworm's static busybox (busybox-static) alone on scratch, with a link for each applet",
		dockerfile: [
			'FROM debian:bookworm-slim AS get',
			'RUN set -eux; apt-get update; apt-get install -y --no-install-recommends busybox-static; rm -rf /var/lib/apt/lists/*; ' +
				'mkdir -p /out/bin /out/etc /out/root /out/home /out/var/www /out/tmp; chmod 1777 /out/tmp; ' +
				'cp /bin/busybox /out/bin/busybox; ' +
				'for applet in $(/bin/busybox --list); do [ "$applet" = busybox ] || ln -s busybox "/out/bin/$applet"; done',
			'COPY passwd group /out/etc/',
			'FROM scratch',
			'COPY --from=get /out/ /',
			'CMD ["sh"]',
			'',
		].join('\n'),
		files: { passwd, group },
		assets: [],
		describe: async (ctx, ref) => {
			const banner = await docker(ctx.env, ['run', '--rm', '--network', 'none', ref, 'sh', '-c', 'busybox 2>&1 | head -n 1']);
			return { builtFrom: `busybox stand-in: Debian bookworm's busybox-static (${banner.trim()}) on scratch, with a link for each applet` };
		},
	};
}
