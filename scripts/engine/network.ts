import { readFile, readlink, rm, writeFile } from 'node:fs/promises';
import { execa } from 'execa';
import type { NetworkSettings } from './paths.ts';

/*
 * The engine's dockerd runs with --iptables=false: a dockerd with iptables on flushes and rebuilds
 * the shared DOCKER* chains when it starts, so two such daemons on one host break each other's
 * port mappings. Instead the engine keeps chains of its own (LAYERBOOK-*), which no dockerd
 * touches: forwarding and NAT for its subnet, and MSS clamping because the host's uplink may have
 * a smaller MTU than a bridge. Published ports go through docker-proxy, which needs no rules.
 */

interface Rule {
	table: 'filter' | 'nat' | 'mangle';
	chain: string;
	spec: string[];
	optional?: boolean;
}

function chains(net: NetworkSettings): { table: Rule['table']; parent: string; chain: string }[] {
	return [
		{ table: 'filter', parent: 'FORWARD', chain: `${net.chain}-FORWARD` },
		{ table: 'nat', parent: 'POSTROUTING', chain: `${net.chain}-POSTROUTING` },
		{ table: 'mangle', parent: 'FORWARD', chain: `${net.chain}-MSS` },
	];
}

function rules(net: NetworkSettings): Rule[] {
	const s = net.supernet;
	const clamp = ['-p', 'tcp', '-m', 'tcp', '--tcp-flags', 'SYN,RST', 'SYN', '-j', 'TCPMSS', '--clamp-mss-to-pmtu'];
	return [
		{ table: 'filter', chain: `${net.chain}-FORWARD`, spec: ['-s', s, '-j', 'ACCEPT'] },
		{ table: 'filter', chain: `${net.chain}-FORWARD`, spec: ['-d', s, '-m', 'conntrack', '--ctstate', 'RELATED,ESTABLISHED', '-j', 'ACCEPT'] },
		{ table: 'nat', chain: `${net.chain}-POSTROUTING`, spec: ['-s', s, '!', '-d', s, '-j', 'MASQUERADE'] },
		// Best effort: some kernels lack TCPMSS; the daemon's --mtu still covers the default bridge.
		{ table: 'mangle', chain: `${net.chain}-MSS`, spec: ['-s', s, ...clamp], optional: true },
		{ table: 'mangle', chain: `${net.chain}-MSS`, spec: ['-d', s, ...clamp], optional: true },
	];
}

async function iptables(args: string[], reject = true): Promise<boolean> {
	const result = await execa('iptables', ['-w', ...args], { reject: false });
	if (result.exitCode !== 0 && reject) {
		throw new Error(`iptables ${args.join(' ')} failed: ${result.stderr}`, { cause: result });
	}
	return result.exitCode === 0;
}

async function ip(args: string[], reject = true): Promise<boolean> {
	const result = await execa('ip', args, { reject: false });
	if (result.exitCode !== 0 && reject) throw new Error(`ip ${args.join(' ')} failed: ${result.stderr}`, { cause: result });
	return result.exitCode === 0;
}

const forwarding = '/proc/sys/net/ipv4/ip_forward';
/**
 * The forwarding setting before the first engine turned it on, kept for the last engine's down to
 * put back. One per network namespace (the setting's scope), not per instance: engines share it.
 */
async function savedForwarding(): Promise<string> {
	const namespace = /\[(\d+)\]/.exec(await readlink('/proc/self/ns/net').catch(() => ''))?.[1] ?? 'host';
	return `/run/layerbook-ip_forward-${namespace}.saved`;
}

/** The bridges of every engine instance on this host: ours are `layerbook0` and `lb-<name>`. */
async function engineBridges(): Promise<string[]> {
	const result = await execa('ip', ['-o', 'link', 'show', 'type', 'bridge'], { reject: false });
	return result.stdout
		.split('\n')
		.map((line) => /^\d+: ([^:@]+)/.exec(line)?.[1] ?? '')
		.filter((name) => name === 'layerbook0' || name.startsWith('lb-'));
}

/** Turns forwarding on, first noting what it was unless an earlier engine already did. */
async function enableForwarding(): Promise<void> {
	const current = (await readFile(forwarding, 'utf8')).trim();
	if (current === '1') return;
	await writeFile(await savedForwarding(), `${current}\n`, { flag: 'wx' }).catch(() => undefined);
	await writeFile(forwarding, '1\n');
}

/** Once no engine's bridge is left, puts back the forwarding setting the first engine found. */
async function restoreForwarding(): Promise<void> {
	if ((await engineBridges()).length > 0) return;
	const file = await savedForwarding();
	const saved = await readFile(file, 'utf8').catch(() => null);
	if (saved === null) return;
	await writeFile(forwarding, `${saved.trim()}\n`);
	await rm(file, { force: true });
}

export async function bridgeExists(net: NetworkSettings): Promise<boolean> {
	return ip(['link', 'show', net.bridge], false);
}

/** MTU of the interface holding the default route, so containers never send packets the uplink drops. */
export async function uplinkMtu(): Promise<number> {
	const route = await execa('ip', ['-o', 'route', 'show', 'default'], { reject: false });
	const dev = /\bdev (\S+)/.exec(route.stdout)?.[1];
	if (dev === undefined) return 1500;
	const link = await execa('ip', ['-o', 'link', 'show', dev], { reject: false });
	const mtu = Number(/\bmtu (\d+)/.exec(link.stdout)?.[1] ?? '1500');
	return Math.min(mtu, 1500);
}

/** One iptables-save instead of a dozen checks: a warm `up` should take seconds. */
async function networkInPlace(net: NetworkSettings): Promise<boolean> {
	if (!(await bridgeExists(net))) return false;
	const saved = await execa('iptables-save', [], { reject: false });
	if (saved.exitCode !== 0) return false;
	const text = saved.stdout;
	const jumps = chains(net).every(({ parent, chain }) => text.includes(`-A ${parent} -j ${chain}`));
	const required = rules(net)
		.filter((r) => r.optional !== true)
		.every((r) => text.includes(`-A ${r.chain} ${r.spec.join(' ')}`));
	return jumps && required;
}

export async function setupNetwork(mtu: number, net: NetworkSettings): Promise<void> {
	if (await networkInPlace(net)) return;
	if (!(await bridgeExists(net))) await ip(['link', 'add', net.bridge, 'type', 'bridge']);
	await ip(['link', 'set', net.bridge, 'mtu', String(mtu)]);
	await ip(['addr', 'replace', net.bridgeAddress, 'dev', net.bridge]);
	await ip(['link', 'set', net.bridge, 'up']);
	await enableForwarding();
	for (const { table, chain } of chains(net)) {
		await iptables(['-t', table, '-N', chain], false);
		await iptables(['-t', table, '-F', chain]);
	}
	for (const rule of rules(net)) await iptables(['-t', rule.table, '-A', rule.chain, ...rule.spec], rule.optional !== true);
	for (const { table, parent, chain } of chains(net)) {
		if (!(await iptables(['-t', table, '-C', parent, '-j', chain], false))) {
			await iptables(['-t', table, '-I', parent, '1', '-j', chain]);
		}
	}
}

export async function teardownNetwork(net: NetworkSettings): Promise<void> {
	for (const { table, parent, chain } of chains(net)) {
		while (await iptables(['-t', table, '-D', parent, '-j', chain], false)) {
			// repeat: remove every jump, in case one was added twice
		}
		await iptables(['-t', table, '-F', chain], false);
		await iptables(['-t', table, '-X', chain], false);
	}
	if (await bridgeExists(net)) await ip(['link', 'del', net.bridge]);
	await restoreForwarding();
}
