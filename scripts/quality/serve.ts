/**
 * Serves the built site (`dist/`) on a loopback port, as a static host would, for the browser suite
 * and the bench. Only 127.0.0.1, on a port the system picks, so it runs beside `astro dev` or anything else.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { createGzip } from 'node:zlib';

const types: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.mjs': 'text/javascript; charset=utf-8',
	'.json': 'application/json',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.jpg': 'image/jpeg',
	'.webp': 'image/webp',
	'.ico': 'image/x-icon',
	'.woff2': 'font/woff2',
	'.txt': 'text/plain; charset=utf-8',
	'.xml': 'application/xml',
	'.wasm': 'application/wasm',
};

/** Text and the formats a host compresses; images and fonts are compressed already. */
export function compressible(type: string): boolean {
	return /^text\/|^application\/(json|xml|wasm)|^image\/svg\+xml/.test(type);
}

export interface StaticSite {
	/** `http://127.0.0.1:PORT` (no trailing slash). */
	origin: string;
	close(): Promise<void>;
}

/** The file a request path names inside `root`, or undefined (outside root, or not there). */
function fileFor(root: string, pathname: string): string | undefined {
	let path: string;
	try {
		path = decodeURIComponent(pathname);
	} catch {
		return undefined;
	}
	const file = normalize(join(root, path));
	if (file !== normalize(root) && !file.startsWith(normalize(root).replace(/\/?$/, sep))) return undefined;
	if (!existsSync(file)) return existsSync(`${file}.html`) ? `${file}.html` : undefined;
	if (statSync(file).isDirectory()) {
		const index = join(file, 'index.html');
		return existsSync(index) ? index : undefined;
	}
	return file;
}

/**
 * `/slug/` is `slug/index.html`, a missing file is the site's own 404 page with status 404, and text
 * is sent gzip-compressed to a client that accepts it, as GitHub Pages and every common host send it
 * (a page's Lighthouse score on a slow network depends on it).
 * `extra` maps addresses outside the site to files the checks need in the page (axe-core), served
 * cacheable so each page does not compile them anew.
 */
export async function serveStatic(root: string, extra: Record<string, string> = {}): Promise<StaticSite> {
	const server: Server = createServer((request, response) => {
		const url = new URL(request.url ?? '/', 'http://127.0.0.1');
		const added = extra[url.pathname];
		if (added !== undefined) {
			response.writeHead(200, { 'content-type': types[extname(added)] ?? 'application/octet-stream', 'cache-control': 'max-age=3600' });
			createReadStream(added).pipe(response);
			return;
		}
		// A directory without its slash is redirected, so relative links resolve as they will online.
		const direct = fileFor(root, url.pathname);
		if (direct?.endsWith(`${sep}index.html`) && !url.pathname.endsWith('/') && !url.pathname.endsWith('.html')) {
			response.writeHead(301, { location: `${url.pathname}/${url.search}` });
			response.end();
			return;
		}
		const file = direct ?? fileFor(root, '/404.html');
		const status = direct === undefined ? 404 : 200;
		if (file === undefined) {
			response.writeHead(404, { 'content-type': 'text/plain' });
			response.end('not found');
			return;
		}
		const type = types[extname(file)] ?? 'application/octet-stream';
		const gzip = compressible(type) && /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
		response.writeHead(status, {
			'content-type': type,
			'cache-control': 'no-cache',
			vary: 'accept-encoding',
			...(gzip ? { 'content-encoding': 'gzip' } : { 'content-length': statSync(file).size }),
		});
		if (request.method === 'HEAD') {
			response.end();
			return;
		}
		const body = createReadStream(file);
		if (gzip) body.pipe(createGzip()).pipe(response);
		else body.pipe(response);
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', resolve);
	});
	const { port } = server.address() as AddressInfo;
	return {
		origin: `http://127.0.0.1:${port}`,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
