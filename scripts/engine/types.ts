/** What the engine hands its callers: the running engine, its status and its base images. */
import type { ImageStore } from '../../src/contract/store.ts';
import type { EngineConfig } from './config.ts';

export interface BaseImage {
	/** e.g. 'node:24-bookworm-slim' */
	name: string;
	/** sha256:… repo digest in the mirror (or the external daemon's registry) */
	digest: string;
	standIn: { builtFrom: string } | null;
}

export interface Engine {
	/** The settings it was started with. */
	config: EngineConfig;
	/** unix:///… socket of the daemon in use */
	dockerHost: string;
	/** The network namespace (a /run/netns file) chapters' shells run in, where published ports answer; null for an external daemon. */
	namespace: string | null;
	/** DOCKER_HOST, DOCKER_CONFIG (naming the buildx and compose plugins), PATH with the engine's own docker client first */
	env: Record<string, string>;
	/** daemon version, e.g. '28.5.2+dfsg4' */
	version: string;
	/** The image store: containerd's snapshotters, or the classic graph drivers (overlay2). */
	store: ImageStore;
	/** The Debian packages the engine runs, with their versions; empty for an external daemon. */
	packages: { name: string; version: string }[];
	/** Where the packages came from, e.g. "Debian sid (http://deb.debian.org/debian)"; null for an external daemon. */
	source: string | null;
	/** from docker info: OperatingSystem (the host the daemon runs on) and Architecture */
	os: string;
	arch: string;
	baseImages: BaseImage[];
}

export interface EngineStatus {
	running: boolean;
	dockerHost: string;
	daemonPid: number | null;
	mirror: { running: boolean; pid: number | null; url: string };
	/** Whether the engine's network namespace exists. */
	namespace: boolean;
	dataRoot: string;
	runtimeDir: string;
	baseImages: BaseImage[];
	external: string | null;
}

export interface UpOptions {
	/** The engine's settings; read from the environment when not given. */
	config?: EngineConfig;
	onProgress?: (line: string) => void;
	signal?: AbortSignal;
}
