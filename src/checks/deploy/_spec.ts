import type { FixPlan } from '../../core/finding.js';
import type { MountParse } from './_mounts.js';
import type { PortParse } from './_ports.js';

/** Where a setting is written; empty for a running container, which has no file. */
export interface Site {
  file?: string;
  line?: number;
  column?: number;
}

export interface Item<T> {
  value: T;
  /** The setting as written (for evidence). */
  text: string;
  site: Site;
  fixPlans?: FixPlan[];
}

export interface EnvEntry {
  key: string;
  /** Undefined when the entry only names a variable passed through from the environment. */
  value?: string;
  /** True when the written value holds no variable reference: it is literally in the file. */
  literal: boolean;
}

/**
 * One container as configured: a compose service (its files merged), a `docker run` line, or a running
 * container read from `docker inspect`. Every deploy check reads this one shape.
 */
export interface ContainerSpec {
  origin: 'compose' | 'docker run' | 'running container';
  /** For messages: `service "agent" (compose.yaml)`, `docker run in scripts/start.sh`, … */
  label: string;
  site: Site;
  /** The container runs an agent or its control plane (by name, image, command or an agent port). */
  agentLike: boolean;
  ports: Item<PortParse>[];
  mounts: Item<MountParse>[];
  environment: Item<EnvEntry>[];
  privileged?: Site;
  capAdd: Item<string>[];
  networkMode?: Item<string>;
  pid?: Item<string>;
  securityOpt: Item<string>[];
  limits: { cpus: boolean; memory: boolean };
  /** A compose job that runs once and exits (`restart: "no"` with a command of its own: migrations, cert setup). */
  oneShot?: boolean;
  limitsFix?: FixPlan[];
  noNewPrivileges: boolean;
}

export function siteOf(file: string | undefined, pos?: { line: number; column: number }): Site {
  return { ...(file && { file }), ...(pos && { line: pos.line, column: pos.column }) };
}

/** Agent products and the words their images and services use. */
const AGENT_WORDS = /openclaw|clawdbot|moltbot|claude|codex|\bagent|n8n|ollama|\bmcp\b|gateway/i;

/** Images that are infrastructure around an agent (proxy, database, cache, storage, updater), never the agent. */
const INFRA_IMAGE =
  /^(?:traefik|caddy|nginx|httpd|haproxy|envoy|postgres|postgis|timescaledb|mysql|mariadb|mongo|redis|valkey|memcached|rabbitmq|minio|seaweedfs|portainer(?:-ce|-ee)?|watchtower|certbot|alpine|busybox|grafana|prometheus|loki|nominatim)(?:[:@]|$)/i;

/**
 * The container runs an agent or its control plane, judged by its name, image and command, unless the image
 * is well-known infrastructure (an `openclaw-traefik` service is still Traefik).
 */
export function looksLikeAgent(described: string, image: string | undefined): boolean {
  const base = (image ?? '').split('/').pop() ?? '';
  return !INFRA_IMAGE.test(base) && AGENT_WORDS.test(described);
}
