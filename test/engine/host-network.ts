/**
 * The host's own network settings, as text to compare before, during and after: its iptables and
 * nftables rules, `ip_forward`, its routes and links. The engine changes none of them.
 */
import { readFile } from 'node:fs/promises';
import { execa } from 'execa';

async function output(file: string, args: string[]): Promise<string> {
	const result = await execa(file, args, { reject: false });
	return result.exitCode === 0 ? result.stdout : `(${file} not available)`;
}

export async function hostNetwork(): Promise<string> {
	// iptables-save's comments carry the time, and its counters move with any traffic.
	const iptables = (await output('iptables-save', []))
		.split('\n')
		.filter((line) => !line.startsWith('#'))
		.map((line) => line.replace(/ \[\d+:\d+\]$/, ''))
		.join('\n');
	const nft = await output('nft', ['list', 'ruleset']);
	const forward = (await readFile('/proc/sys/net/ipv4/ip_forward', 'utf8')).trim();
	const routes = await output('ip', ['route', 'show', 'table', 'all']);
	const links = (await output('ip', ['-o', 'link', 'show']))
		.split('\n')
		// Only names and kinds: a link's counters and state flags move on their own.
		.map((line) => /^\d+: ([^:]+):/.exec(line)?.[1] ?? '')
		.join(' ');
	return [`ip_forward=${forward}`, `iptables:\n${iptables}`, `nft:\n${nft}`, `routes:\n${routes}`, `links: ${links}`].join('\n');
}
