/** scripts/quality/serve.ts: the built site served as a static host would serve it. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compressible, type StaticSite, serveStatic } from '../../../scripts/quality/serve.ts';

let root: string;
let site: StaticSite;
const page = `<!doctype html><title>x</title>${'<p>layer</p>'.repeat(200)}`;

beforeAll(async () => {
	root = await mkdtemp(join(tmpdir(), 'layerbook-serve-'));
	await writeFile(join(root, 'index.html'), page);
	await writeFile(join(root, '404.html'), 'gone');
	await writeFile(join(root, 'a.png'), Buffer.from([1, 2, 3]));
	site = await serveStatic(root);
});
afterAll(async () => {
	await site.close();
	await rm(root, { recursive: true, force: true });
});

function get(path: string, encoding?: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
	return new Promise((resolve, reject) => {
		const call = request(`${site.origin}${path}`, { headers: encoding === undefined ? {} : { 'accept-encoding': encoding } }, (response) => {
			const chunks: Buffer[] = [];
			response.on('data', (chunk: Buffer) => chunks.push(chunk));
			response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
		});
		call.on('error', reject);
		call.end();
	});
}

describe('serveStatic', () => {
	it('sends text gzip-compressed to a client that accepts it, as a static host does', async () => {
		const response = await get('/', 'gzip, deflate, br');
		expect(response.status).toBe(200);
		expect(response.headers['content-encoding']).toBe('gzip');
		expect(response.body.length).toBeLessThan(page.length / 5);
		expect(gunzipSync(response.body).toString()).toBe(page);
	});

	it('sends it as it is to a client that does not, with its length', async () => {
		const response = await get('/');
		expect(response.headers['content-encoding']).toBeUndefined();
		expect(response.headers['content-length']).toBe(String(page.length));
		expect(response.body.toString()).toBe(page);
	});

	it('does not compress images, and still answers a missing page with the 404 page', async () => {
		expect((await get('/a.png', 'gzip')).headers['content-encoding']).toBeUndefined();
		const missing = await get('/nope/', 'gzip');
		expect(missing.status).toBe(404);
		expect(gunzipSync(missing.body).toString()).toBe('gone');
		expect(compressible('text/css; charset=utf-8')).toBe(true);
		expect(compressible('font/woff2')).toBe(false);
	});
});
