import * as path from 'node:path';
import { isCredentialPath, isInside } from '../../scanners/shell/paths.js';

/** A bind mount or volume as compose (short or long syntax) and `docker run -v/--mount` write it. */
export interface Mount {
  /** Host path (absolute after resolution) or a named volume; undefined for an anonymous volume. */
  source?: string;
  target: string;
  readOnly: boolean;
  /** `bind` when the source is a host path. */
  type: 'bind' | 'volume' | 'other';
}

export type MountParse = { ok: true; mount: Mount } | { ok: false; error: string };

export interface HostPaths {
  home: string;
  /** Directory relative host paths are resolved against (the compose file's folder, a script's cwd). */
  base: string;
}

function hostPath(source: string, where: HostPaths): string {
  const home = source.replace(/^(?:~|\$HOME|\$\{HOME\})(?=\/|$)/, where.home);
  return path.posix.normalize(home.startsWith('/') ? home : path.posix.join(where.base, home));
}

const isHostPathText = (s: string) => /^(?:[/.~]|\$\{?HOME\b)/.test(s);

export function parseShortMount(spec: string, where: HostPaths): MountParse {
  // Windows drive letters (C:\x) would split on their colon; they do not occur on the hosts we audit.
  const parts = spec.split(':');
  if (parts.length === 1) return { ok: true, mount: { target: spec, readOnly: false, type: 'volume' } };
  const [source, target, options = ''] = parts as [string, string, string | undefined];
  if (!target) return { ok: false, error: `"${spec}" has no container path` };
  const readOnly = options.split(',').includes('ro');
  if (!isHostPathText(source)) return { ok: true, mount: { source, target, readOnly, type: 'volume' } };
  return { ok: true, mount: { source: hostPath(source, where), target, readOnly, type: 'bind' } };
}

export function parseMountEntry(entry: unknown, where: HostPaths): MountParse {
  if (typeof entry === 'string') return parseShortMount(entry, where);
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry))
    return { ok: false, error: 'a volumes entry that is neither a string nor a mapping' };
  const e = entry as Record<string, unknown>;
  const target = typeof e.target === 'string' ? e.target : undefined;
  if (!target) return { ok: false, error: 'a long-form volume without a target' };
  const source = typeof e.source === 'string' ? e.source : undefined;
  const readOnly = e.read_only === true || e.read_only === 'true';
  if (e.type === 'bind' && source)
    return { ok: true, mount: { source: hostPath(source, where), target, readOnly, type: 'bind' } };
  return {
    ok: true,
    mount: { ...(source && { source }), target, readOnly, type: e.type === 'volume' ? 'volume' : 'other' },
  };
}

/** `docker run --mount type=bind,source=…,target=…,readonly`. */
export function parseMountFlag(spec: string, where: HostPaths): MountParse {
  const fields = new Map<string, string>();
  for (const part of spec.split(',')) {
    const [k, v = 'true'] = part.split('=') as [string, string | undefined];
    fields.set(k.trim(), v);
  }
  const source = fields.get('source') ?? fields.get('src');
  const target = fields.get('target') ?? fields.get('destination') ?? fields.get('dst');
  if (!target) return { ok: false, error: `--mount ${spec} has no target` };
  const readOnly = ['true', '1'].includes(fields.get('readonly') ?? fields.get('ro') ?? 'false');
  const type = fields.get('type') ?? 'volume';
  if (type === 'bind' && source)
    return { ok: true, mount: { source: hostPath(source, where), target, readOnly, type: 'bind' } };
  return { ok: true, mount: { ...(source && { source }), target, readOnly, type: 'volume' } };
}

export interface MountRisk {
  severity: 'critical' | 'high';
  what: string;
}

const DOCKER_SOCKETS = ['/var/run/docker.sock', '/run/docker.sock', '/run/podman/podman.sock'];
const USER_ROOTS = ['/home', '/Users', '/root'];
/** Folders whose children are whole home directories. */
const PERSONAL_HOMES = ['/home', '/Users'];
const SYSTEM_TREES = ['/etc', '/usr', '/var', '/proc', '/sys', '/dev', '/boot', '/bin', '/lib', '/sbin'];

/** Why a bind mount gives the container too much of the host, or undefined for a narrow mount. */
export function mountRisk(mount: Mount, home: string, project?: string): MountRisk | undefined {
  if (mount.type !== 'bind' || !mount.source) return undefined;
  const src = mount.source.length > 1 ? mount.source.replace(/\/+$/, '') : mount.source;
  // The project's own .env, mounted into its own service, holds what env_file already passes it.
  if (project && isInside(src, project) && /^\.env(?:\.[\w-]+)?$/.test(path.posix.basename(src)))
    return undefined;
  if (DOCKER_SOCKETS.includes(src))
    return { severity: 'critical', what: 'the Docker socket (root on the host, read-only or not)' };
  if (src === '/') return { severity: 'critical', what: 'the whole host filesystem' };
  if (isInside(home, src) || USER_ROOTS.includes(src) || PERSONAL_HOMES.includes(path.posix.dirname(src)))
    return {
      severity: mount.readOnly ? 'high' : 'critical',
      what: `a whole home directory (${src})`,
    };
  if (isCredentialPath(src, { home, cwd: home, project: home }))
    return { severity: mount.readOnly ? 'high' : 'critical', what: `credentials (${src})` };
  if (SYSTEM_TREES.includes(src)) return { severity: 'high', what: `the host's ${src}` };
  return undefined;
}

const CONFIG_NAME =
  /(?:^|\/)(?:config|conf|configs|settings|etc)(?:\/|$)|\.(?:json5?|ya?ml|toml|conf|ini|cfg)$|(?:^|\/)(?:Caddyfile|CLAUDE\.md|SOUL\.md|AGENTS\.md)$/i;

/** A host file or folder that configures the service: the container has no business rewriting it (DA-2). */
export function isConfigMount(mount: Mount): boolean {
  if (mount.type !== 'bind' || !mount.source) return false;
  return CONFIG_NAME.test(mount.source) || CONFIG_NAME.test(mount.target);
}
