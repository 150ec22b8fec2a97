import { defineCheck } from '../../core/check.js';
import type { AuditContext } from '../../core/context.js';
import { detectContainer } from './facts/container.js';
import { readSystemFile, runHostCommand } from './facts/system.js';

/** Names laptops and desktops give themselves (the seed: "If it says MacBook-Pro, kill it"). */
const PERSONAL_HOSTNAME =
  /macbook|imac|mac-?mini|mac-?studio|mac-?pro|laptop|desktop|notebook|thinkpad|xps|surface|zenbook|-pc\b|^desktop-[a-z0-9]{7}$|'s-/i;

/** The seed's verification step: the name `hostname` prints where the agent runs. */
export async function hostName(ctx: AuditContext): Promise<string | undefined> {
  const fromProc = ctx.platform === 'linux' ? readSystemFile(ctx, '/proc/sys/kernel/hostname') : undefined;
  if (fromProc?.trim()) return fromProc.trim();
  const r = await runHostCommand(ctx, 'hostname', []);
  return r.code === 0 && r.stdout.trim() ? r.stdout.trim() : undefined;
}

export function looksPersonal(hostname: string): boolean {
  return PERSONAL_HOSTNAME.test(hostname);
}

const CGROUP_V2_HOST = '0::/init.scope\n';
const MOUNTINFO_HOST =
  '26 1 259:2 / / rw,relatime shared:1 - ext4 /dev/nvme0n1p2 rw,errors=remount-ro\n' +
  '27 26 0:25 / /sys rw,nosuid,nodev,noexec,relatime shared:2 - sysfs sysfs rw\n';
const MOUNTINFO_DOCKER =
  '612 580 0:52 / / rw,relatime master:210 - overlay overlay rw,lowerdir=/var/lib/docker/overlay2/l/QX3K:/var/lib/docker/overlay2/l/7TAB,upperdir=/var/lib/docker/overlay2/4c1d/diff,workdir=/var/lib/docker/overlay2/4c1d/work\n' +
  '613 612 0:55 / /proc rw,nosuid,nodev,noexec,relatime - proc proc rw\n';

export default defineCheck({
  id: 'host/bare-metal',
  severity: 'high',
  seedRefs: ['CS-1', 'OC-H1'],
  frameworks: ['OWASP-LLM06'],
  title: 'The agent runs on the bare host, not in a container',
  docs: {
    why:
      'An agent on the bare host can read and change everything its user can: the whole home directory, SSH ' +
      'and cloud keys, browser profiles, other projects. In a container it sees only what is mounted. The ' +
      'seed\'s test: run `hostname` where the agent runs; a laptop\'s name ("MacBook-Pro") means it is loose ' +
      'on your personal machine. (agentwarden looks at the machine it runs on: run it where the agent runs.)',
    fix:
      'Run the agent in a container that mounts only the project, e.g. `docker run --rm -it -v "$PWD":/workspace ' +
      '-w /workspace --cpus 1 --memory 2g IMAGE`, or start from `agentwarden init`. For Claude Code, a dev ' +
      'container (.devcontainer) does the same.',
  },
  examples: {
    bad: [
      {
        name: 'Linux laptop: cgroup v2 at init.scope, ext4 root, hostname alice-thinkpad',
        files: {
          '/proc/1/cgroup': CGROUP_V2_HOST,
          '/proc/self/mountinfo': MOUNTINFO_HOST,
          '/proc/sys/kernel/hostname': 'alice-thinkpad\n',
        },
      },
      {
        name: 'macOS: hostname says MacBook-Pro',
        platform: 'darwin',
        files: {},
        commands: { hostname: { code: 0, stdout: 'Alices-MacBook-Pro.local\n', stderr: '' } },
      },
    ],
    good: [
      {
        name: 'Docker container: /.dockerenv and an overlay root',
        files: {
          '/.dockerenv': '',
          '/proc/1/cgroup': '0::/\n',
          '/proc/self/mountinfo': MOUNTINFO_DOCKER,
          '/proc/sys/kernel/hostname': '3f9c2a71be04\n',
        },
      },
      {
        name: 'Podman container: /run/.containerenv',
        files: { '/run/.containerenv': 'engine="podman-4.9.3"\n', '/proc/1/cgroup': '0::/\n' },
      },
    ],
  },
  async run(ctx) {
    if (ctx.platform === 'win32') return [];
    if (detectContainer(ctx).inContainer) return [];
    const name = await hostName(ctx);
    const personal = name !== undefined && (looksPersonal(name) || ctx.platform === 'darwin');
    const named = name ? ` (hostname "${name}")` : '';
    return [
      {
        severity: personal ? 'critical' : 'high',
        message: personal
          ? `No container around this process${named}: this looks like a personal machine, so an agent started here can reach everything its user owns.`
          : `No sign of a container (no /.dockerenv, /run/.containerenv, container cgroup or overlay root)${named}: an agent started here runs on the bare host.`,
      },
    ];
  },
});
