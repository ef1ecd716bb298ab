/**
 * A few calls straight to the daemon's API: starting the docker CLI costs half a second on a busy
 * machine, and a warm `up` and every reset make a dozen such calls.
 */
import { request } from 'node:http';

interface ApiResponse {
	status: number;
	body: string;
}

function apiGet(dockerHost: string, path: string, timeoutMs = 5_000): Promise<ApiResponse> {
	return apiRequest(dockerHost, 'GET', path, timeoutMs);
}

function apiRequest(dockerHost: string, method: 'GET' | 'POST' | 'DELETE', path: string, timeoutMs = 5_000): Promise<ApiResponse> {
	const target = dockerHost.startsWith('unix://')
		? { socketPath: dockerHost.slice('unix://'.length) }
		: (() => {
				const url = new URL(dockerHost.replace(/^tcp:\/\//, 'http://'));
				return { host: url.hostname, port: Number(url.port || '2375') };
			})();
	return new Promise((resolve, reject) => {
		const req = request({ ...target, path, method, timeout: timeoutMs }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (chunk: Buffer) => chunks.push(chunk));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
			res.on('error', reject);
		});
		req.on('timeout', () => req.destroy(new Error(`${dockerHost}${path}: no answer in ${timeoutMs}ms`)));
		req.on('error', reject);
		req.end();
	});
}

export async function ping(dockerHost: string): Promise<boolean> {
	try {
		const response = await apiGet(dockerHost, '/_ping', 3_000);
		return response.status === 200;
	} catch {
		return false;
	}
}

/** GET that must answer 200; `null` on 404. */
export async function apiJson(dockerHost: string, path: string): Promise<unknown> {
	const response = await apiGet(dockerHost, path);
	if (response.status === 404) return null;
	if (response.status !== 200) throw new Error(`${dockerHost} GET ${path}: HTTP ${response.status}: ${response.body.slice(0, 200)}`);
	return JSON.parse(response.body) as unknown;
}

/** A call that must succeed (2xx); 404 counts as done for removals, which another step may have done already. */
export async function apiDo(dockerHost: string, method: 'POST' | 'DELETE', path: string, timeoutMs = 120_000): Promise<unknown> {
	const response = await apiRequest(dockerHost, method, path, timeoutMs);
	if (response.status === 404 && method === 'DELETE') return null;
	if (response.status < 200 || response.status > 299) {
		throw new Error(`${dockerHost} ${method} ${path}: HTTP ${response.status}: ${response.body.slice(0, 300)}`);
	}
	return response.body === '' ? null : (JSON.parse(response.body) as unknown);
}
