import type { AuditContext } from '../../core/context.js';
import { isRecord } from '../../core/document/index.js';
import { commandFailure, runHostCommand } from '../host/facts/system.js';
import type { MountParse } from './_mounts.js';
import type { PortParse } from './_ports.js';
import { type ContainerSpec, type Item, looksLikeAgent } from './_spec.js';

export type EngineRead =
  | { status: 'ok'; containers: ContainerSpec[] }
  /** No docker CLI: nothing on this machine runs containers through it. */
  | { status: 'absent' }
  | { status: 'unreachable'; reason: string };

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s) => typeof s === 'string') : []);

/** One element of `docker inspect` output as a ContainerSpec (no file: the site is the container itself). */
export function inspectToSpec(c: Record<string, unknown>): ContainerSpec {
  const host = isRecord(c.HostConfig) ? c.HostConfig : {};
  const config = isRecord(c.Config) ? c.Config : {};
  const name = String(c.Name ?? c.Id ?? '?').replace(/^\//, '');
  const image = String(config.Image ?? '');
  const item = <T>(value: T, text: string): Item<T> => ({ value, text, site: {} });
  const ports: Item<PortParse>[] = [];
  for (const [key, bindings] of Object.entries(isRecord(host.PortBindings) ? host.PortBindings : {})) {
    const [port, protocol = 'tcp'] = key.split('/');
    const target = Number(port);
    for (const b of Array.isArray(bindings) ? bindings : []) {
      const hostIp = isRecord(b) && typeof b.HostIp === 'string' && b.HostIp !== '' ? b.HostIp : undefined;
      const published =
        isRecord(b) && typeof b.HostPort === 'string' && b.HostPort !== '' ? Number(b.HostPort) : undefined;
      ports.push(
        item(
          {
            ok: true,
            port: {
              ...(hostIp && { hostIp }),
              ...(published && { published: { from: published, to: published } }),
              target: { from: target, to: target },
              protocol,
            },
          },
          `${hostIp ?? '0.0.0.0'}:${published ?? ''}->${key}`,
        ),
      );
    }
  }
  const mounts: Item<MountParse>[] = (Array.isArray(c.Mounts) ? c.Mounts : []).filter(isRecord).map((m) =>
    item(
      {
        ok: true,
        mount: {
          ...(typeof m.Source === 'string' && { source: m.Source }),
          target: String(m.Destination ?? ''),
          readOnly: m.RW === false,
          type: m.Type === 'bind' ? 'bind' : 'volume',
        },
      },
      `${String(m.Source ?? '')}:${String(m.Destination ?? '')}${m.RW === false ? ':ro' : ''}`,
    ),
  );
  const securityOpt = strings(host.SecurityOpt).map((o) => item(o, o));
  const network = typeof host.NetworkMode === 'string' ? host.NetworkMode : undefined;
  const pid = typeof host.PidMode === 'string' && host.PidMode !== '' ? host.PidMode : undefined;
  return {
    origin: 'running container',
    label: `running container "${name}" (${image})`,
    site: {},
    agentLike: looksLikeAgent(`${name} ${image}`, image),
    ports,
    mounts,
    environment: strings(config.Env).map((e) => {
      const [key, ...rest] = e.split('=');
      return item({ key: key as string, value: rest.join('='), literal: true }, key as string);
    }),
    ...(host.Privileged === true && { privileged: {} }),
    capAdd: strings(host.CapAdd).map((cap) => item(cap.toUpperCase().replace(/^CAP_/, ''), cap)),
    ...(network && { networkMode: item(network, `NetworkMode ${network}`) }),
    ...(pid && { pid: item(pid, `PidMode ${pid}`) }),
    securityOpt,
    limits: {
      cpus: Number(host.NanoCpus ?? 0) > 0 || Number(host.CpuQuota ?? 0) > 0,
      memory: Number(host.Memory ?? 0) > 0,
    },
    noNewPrivileges: securityOpt.some((o) => /^no-new-privileges(?:[:=]true)?$/.test(o.value)),
  };
}

/** Running containers from `docker ps` + `docker inspect`, each bounded by the host command timeout. */
export function readRunningContainers(ctx: AuditContext): Promise<EngineRead> {
  return ctx.memo('deploy:engine', async (): Promise<EngineRead> => {
    const ps = await runHostCommand(ctx, 'docker', ['ps', '-q', '--no-trunc']);
    if (ps.code === 127) return { status: 'absent' };
    if (ps.code !== 0) return { status: 'unreachable', reason: commandFailure('docker ps', ps) };
    const ids = ps.stdout.split(/\s+/).filter(Boolean);
    if (ids.length === 0) return { status: 'ok', containers: [] };
    const inspect = await runHostCommand(ctx, 'docker', ['inspect', ...ids]);
    if (inspect.code !== 0)
      return { status: 'unreachable', reason: commandFailure('docker inspect', inspect) };
    try {
      const parsed: unknown = JSON.parse(inspect.stdout);
      if (!Array.isArray(parsed))
        return { status: 'unreachable', reason: '`docker inspect` did not print a JSON array' };
      return { status: 'ok', containers: parsed.filter(isRecord).map(inspectToSpec) };
    } catch {
      return { status: 'unreachable', reason: '`docker inspect` printed output that is not JSON' };
    }
  });
}
