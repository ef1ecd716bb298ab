/** scripts/engine/paths.ts and the daemon's configuration: image stores and instances never share what they keep. */
import { describe, expect, it } from 'vitest';
import { engineConfig } from '../../../scripts/engine/config.ts';
import { daemonConfig } from '../../../scripts/engine/daemon.ts';
import { namespaceName, namespacePath } from '../../../scripts/engine/network.ts';
import { enginePaths, mirrorPort, runtimeRoot } from '../../../scripts/engine/paths.ts';

describe('enginePaths', () => {
	it('gives each image store a data root of its own, so switching never mixes images', () => {
		const containerd = enginePaths(engineConfig({ XDG_CACHE_HOME: '/c' }));
		const classic = enginePaths(engineConfig({ XDG_CACHE_HOME: '/c', LAYERBOOK_IMAGE_STORE: 'classic' }));
		expect(containerd.dataRoot).toBe('/c/layerbook/stores/containerd');
		expect(classic.dataRoot).toBe('/c/layerbook/stores/classic');
		expect(classic.mirrorStorage).toBe(containerd.mirrorStorage);
	});

	it('keeps a named instance apart: its own cache, runtime dir and network namespace', () => {
		const own = engineConfig({ XDG_CACHE_HOME: '/c' });
		const test = engineConfig({ XDG_CACHE_HOME: '/c', LAYERBOOK_INSTANCE: 'test' });
		expect(enginePaths(test).cache).toBe('/c/layerbook/instances/test');
		expect(enginePaths(test).downloads).toBe(enginePaths(own).downloads);
		expect(runtimeRoot(own, 0)).toBe('/run/layerbook');
		expect(runtimeRoot(test, 0)).toBe('/run/layerbook-test');
		expect(runtimeRoot(test, 1000)).toBe('/tmp/layerbook-test-1000');
		expect(namespacePath(own)).toBe('/run/netns/layerbook');
		expect(namespacePath(test)).toBe('/run/netns/layerbook-test');
		// Names that once hashed into the same one of 40 slots (and so the same subnet) are two namespaces.
		expect(namespaceName(engineConfig({ LAYERBOOK_INSTANCE: 'a' }))).not.toBe(namespaceName(engineConfig({ LAYERBOOK_INSTANCE: 'demo' })));
		// Each namespace has its own loopback: the port is the same and cannot collide.
		expect(mirrorPort(own)).toBe(47001);
		expect(mirrorPort(test)).toBe(47001);
		expect(mirrorPort(engineConfig({ LAYERBOOK_MIRROR_PORT: '48000' }))).toBe(48000);
	});
});

describe('the daemon configuration', () => {
	it('turns the containerd image store on or off as the config asks, and publishes on loopback', () => {
		const parse = (store: string): { features: Record<string, boolean>; ip: string; 'data-root': string; iptables?: boolean } => {
			const config = engineConfig({ XDG_CACHE_HOME: '/c', LAYERBOOK_IMAGE_STORE: store });
			return JSON.parse(daemonConfig(config, enginePaths(config)));
		};
		// In its own namespace dockerd keeps its rules as usual (iptables left at its default, on).
		expect(parse('containerd').iptables).toBeUndefined();
		expect(parse('containerd').features['containerd-snapshotter']).toBe(true);
		expect(parse('classic').features['containerd-snapshotter']).toBe(false);
		expect(parse('classic')['data-root']).toBe('/c/layerbook/stores/classic');
		expect(parse('containerd').ip).toBe('127.0.0.1');
	});
});
