/** scripts/engine/config.ts: every documented setting is read, and a bad value stops everything before it starts. */
import { describe, expect, it } from 'vitest';
import { EngineConfigError, engineConfig } from '../../../scripts/engine/config.ts';

describe('engineConfig', () => {
	it('has defaults for every setting, and reads an empty variable as unset', () => {
		const config = engineConfig({ XDG_CACHE_HOME: '/c', LAYERBOOK_INSTANCE: '', LAYERBOOK_IMAGE_STORE: '' });
		expect(config).toMatchObject({
			instance: null,
			imageStore: 'containerd',
			cacheRoot: '/c/layerbook',
			runtimeDir: null,
			mirrorPort: null,
			externalHost: null,
			debianMirror: 'http://deb.debian.org/debian',
			hostCa: '/etc/ssl/certs/ca-certificates.crt',
		});
	});

	it('takes each variable it documents', () => {
		const config = engineConfig({
			LAYERBOOK_INSTANCE: 'ci2',
			LAYERBOOK_IMAGE_STORE: 'classic',
			LAYERBOOK_RUNTIME_DIR: '/r',
			LAYERBOOK_MIRROR_PORT: '47100',
			LAYERBOOK_DOCKER_HOST: 'unix:///run/own.sock',
			LAYERBOOK_DEBIAN_MIRROR: 'http://mirror.example/debian',
			LAYERBOOK_DEBIAN_SECURITY_MIRROR: 'http://mirror.example/debian-security',
			LAYERBOOK_HOST_CA: '/ca.pem',
		});
		expect(config).toMatchObject({
			instance: 'ci2',
			imageStore: 'classic',
			runtimeDir: '/r',
			mirrorPort: 47100,
			externalHost: 'unix:///run/own.sock',
			debianMirror: 'http://mirror.example/debian',
			debianSecurityMirror: 'http://mirror.example/debian-security',
			hostCa: '/ca.pem',
		});
	});

	it('refuses a bad value, naming the variable, before anything starts', () => {
		expect(() => engineConfig({ LAYERBOOK_INSTANCE: 'Not A Name' })).toThrow(EngineConfigError);
		expect(() => engineConfig({ LAYERBOOK_INSTANCE: 'Not A Name' })).toThrow(/LAYERBOOK_INSTANCE="Not A Name": must be 1-6 lowercase letters or digits/);
		expect(() => engineConfig({ LAYERBOOK_IMAGE_STORE: 'overlay2' })).toThrow(/LAYERBOOK_IMAGE_STORE="overlay2"/);
		expect(() => engineConfig({ LAYERBOOK_MIRROR_PORT: 'eighty' })).toThrow(/LAYERBOOK_MIRROR_PORT/);
	});
});
