import type { AuditContext } from '../../../core/context.js';
import { readSystemFile, systemFileExists } from './system.js';

export interface ContainerSigns {
  inContainer: boolean;
  /** What gave it away, e.g. `/.dockerenv exists`. */
  signs: string[];
}

/** cgroup v1 paths name the runtime; cgroup v2 shows `0::/` inside a container, so absence proves nothing. */
const CGROUP_RUNTIME =
  /\/(?:docker|kubepods|lxc|libpod|containerd|buildkit|actions_job)[/-]|\.scope\/container/;

/** The root mount of /proc/self/mountinfo: `… / / rw,… - overlay overlay rw,lowerdir=…`. */
function rootFsType(mountinfo: string): string | undefined {
  for (const line of mountinfo.split('\n')) {
    const [before, after] = line.split(' - ');
    const fields = before?.split(' ') ?? [];
    if (fields[4] === '/' && after) return after.split(' ')[0];
  }
  return undefined;
}

/** Whether this process runs inside a container (Docker, Podman, LXC, nspawn, Kubernetes). */
export function detectContainer(ctx: AuditContext): ContainerSigns {
  return ctx.memo('host-container', () => {
    if (ctx.platform !== 'linux') return { inContainer: false, signs: [] };
    const signs: string[] = [];
    if (systemFileExists(ctx, '/.dockerenv')) signs.push('/.dockerenv exists');
    if (systemFileExists(ctx, '/run/.containerenv')) signs.push('/run/.containerenv exists (Podman)');
    const runtime = readSystemFile(ctx, '/run/systemd/container')?.trim();
    if (runtime) signs.push(`/run/systemd/container says "${runtime}"`);
    if (ctx.env.container) signs.push(`$container is "${ctx.env.container}"`);
    const cgroup = readSystemFile(ctx, '/proc/1/cgroup');
    if (cgroup && CGROUP_RUNTIME.test(cgroup)) signs.push('/proc/1/cgroup names a container runtime');
    const mountinfo = readSystemFile(ctx, '/proc/self/mountinfo');
    const rootType = mountinfo ? rootFsType(mountinfo) : undefined;
    if (rootType === 'overlay') signs.push('the root filesystem is an overlay mount');
    return { inContainer: signs.length > 0, signs };
  });
}
