export interface BaseImage {
  /** e.g. 'node:24-bookworm-slim' */
  name: string;
  /** sha256:… repo digest in the mirror (or the external daemon's registry) */
  digest: string;
  standIn: { builtFrom: string } | null;
}

export interface Engine {
  /** unix:///… socket of the daemon in use */
  dockerHost: string;
  /** DOCKER_HOST, DOCKER_BUILDKIT=1, PATH with the engine's own docker client first */
  env: Record<string, string>;
  /** daemon version, e.g. '20.10.24+dfsg1' */
  version: string;
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
  bridge: boolean;
  dataRoot: string;
  runtimeDir: string;
  baseImages: BaseImage[];
  external: string | null;
}

export interface UpOptions {
  onProgress?: (line: string) => void;
  signal?: AbortSignal;
}
