import { writeFile } from 'node:fs/promises';
import { execa } from 'execa';
import { network } from './paths.js';

/*
 * The engine's dockerd runs with --iptables=false: a dockerd with iptables on flushes and rebuilds
 * the shared DOCKER* chains when it starts, so two such daemons on one host break each other's
 * port mappings. Instead the engine keeps chains of its own (named LAYERBOOK-*), which no dockerd
 * touches: forwarding and NAT for its subnet, and MSS clamping because the host's uplink may have
 * a smaller MTU than the bridge. Published ports go through docker-proxy, which needs no rules.
 */

const chains = [
  { table: 'filter', parent: 'FORWARD', chain: `${network.chain}-FORWARD` },
  { table: 'nat', parent: 'POSTROUTING', chain: `${network.chain}-POSTROUTING` },
  { table: 'mangle', parent: 'FORWARD', chain: `${network.chain}-MSS` },
] as const;

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

export async function bridgeExists(): Promise<boolean> {
  return ip(['link', 'show', network.bridge], false);
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

export async function setupNetwork(mtu: number): Promise<void> {
  if (!(await bridgeExists())) await ip(['link', 'add', network.bridge, 'type', 'bridge']);
  await ip(['link', 'set', network.bridge, 'mtu', String(mtu)]);
  await ip(['addr', 'replace', network.bridgeAddress, 'dev', network.bridge]);
  await ip(['link', 'set', network.bridge, 'up']);
  await writeFile('/proc/sys/net/ipv4/ip_forward', '1\n');

  for (const { table, chain } of chains) {
    await iptables(['-t', table, '-N', chain], false);
    await iptables(['-t', table, '-F', chain]);
  }
  const net = network.supernet;
  await iptables(['-t', 'filter', '-A', `${network.chain}-FORWARD`, '-s', net, '-j', 'ACCEPT']);
  await iptables(['-t', 'filter', '-A', `${network.chain}-FORWARD`, '-d', net, '-m', 'conntrack', '--ctstate', 'RELATED,ESTABLISHED', '-j', 'ACCEPT']);
  await iptables(['-t', 'nat', '-A', `${network.chain}-POSTROUTING`, '-s', net, '!', '-d', net, '-j', 'MASQUERADE']);
  // Best effort: some kernels lack the TCPMSS target; the daemon's --mtu still covers the default bridge.
  await iptables(['-t', 'mangle', '-A', `${network.chain}-MSS`, '-s', net, '-p', 'tcp', '--tcp-flags', 'SYN,RST', 'SYN', '-j', 'TCPMSS', '--clamp-mss-to-pmtu'], false);
  await iptables(['-t', 'mangle', '-A', `${network.chain}-MSS`, '-d', net, '-p', 'tcp', '--tcp-flags', 'SYN,RST', 'SYN', '-j', 'TCPMSS', '--clamp-mss-to-pmtu'], false);
  for (const { table, parent, chain } of chains) {
    if (!(await iptables(['-t', table, '-C', parent, '-j', chain], false))) {
      await iptables(['-t', table, '-I', parent, '1', '-j', chain]);
    }
  }
}

export async function teardownNetwork(): Promise<void> {
  for (const { table, parent, chain } of chains) {
    while (await iptables(['-t', table, '-D', parent, '-j', chain], false)) {
      // repeat: remove every jump, in case one was added twice
    }
    await iptables(['-t', table, '-F', chain], false);
    await iptables(['-t', table, '-X', chain], false);
  }
  if (await bridgeExists()) await ip(['link', 'del', network.bridge]);
}
