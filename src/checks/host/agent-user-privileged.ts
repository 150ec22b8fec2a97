import * as path from 'node:path';
import { defineCheck } from '../../core/check.js';
import type { AuditContext } from '../../core/context.js';
import type { RawFinding } from '../../core/finding.js';
import { detectContainer } from './facts/container.js';
import { parseGroup, parsePasswd, readSystemFile, runHostCommand, undetermined } from './facts/system.js';

/** Groups that grant root through sudo, polkit or macOS's admin rights; docker is root by another name. */
const ADMIN_GROUPS = ['sudo', 'wheel', 'admin', 'root', 'docker', 'lxd', 'libvirt'];

export interface AgentUser {
  name: string;
  uid: number | undefined;
  groups: string[];
  /** How the user was identified. */
  via: string;
}

/**
 * The OS user the agent runs as: the owner of the audited home in /etc/passwd (an agent's daemon runs as
 * the account whose home holds its config), else the user running agentwarden.
 */
export async function agentUser(ctx: AuditContext): Promise<AgentUser | { error: string }> {
  const passwd = parsePasswd(readSystemFile(ctx, '/etc/passwd') ?? '');
  const owner = passwd.find((p) => path.resolve(p.home) === ctx.home);
  let name = owner?.name;
  let uid = owner?.uid;
  const via = owner ? `owner of ${ctx.home} in /etc/passwd` : 'the user running agentwarden';
  if (!name) {
    const id = await runHostCommand(ctx, 'id', ['-un']);
    name = id.code === 0 ? id.stdout.trim() : ctx.env.USER || ctx.env.LOGNAME;
    const idu = await runHostCommand(ctx, 'id', ['-u']);
    if (idu.code === 0) uid = Number(idu.stdout.trim());
  }
  if (!name) return { error: 'neither /etc/passwd, `id` nor $USER names the user' };
  if (uid === undefined) uid = passwd.find((p) => p.name === name)?.uid;
  const gn = await runHostCommand(ctx, 'id', ['-Gn', name]);
  let groups = gn.code === 0 ? gn.stdout.trim().split(/\s+/).filter(Boolean) : [];
  if (gn.code !== 0) {
    const primary = passwd.find((p) => p.name === name)?.gid;
    groups = parseGroup(readSystemFile(ctx, '/etc/group') ?? '')
      .filter((g) => g.members.includes(name as string) || g.gid === primary)
      .map((g) => g.name);
  }
  return { name, uid, groups, via };
}

/** `who`: `alice    tty2         2026-11-20 09:12 (tty2)` — people logged in at a console or over SSH. */
export function loggedInUsers(whoOutput: string): Set<string> {
  return new Set(
    whoOutput
      .split('\n')
      .map((l) => l.trim().split(/\s+/)[0])
      .filter((u): u is string => Boolean(u)),
  );
}

const PASSWD = `root:x:0:0:root:/root:/bin/bash
daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
alice:x:1000:1000:Alice,,,:/home/alice:/bin/bash
openclaw:x:998:998:OpenClaw agent:/srv/openclaw:/usr/sbin/nologin
`;
const GROUP = `root:x:0:
sudo:x:27:alice
docker:x:999:
alice:x:1000:
openclaw:x:998:
`;

export default defineCheck({
  id: 'host/agent-user-privileged',
  severity: 'high',
  seedRefs: ['OC-M1'],
  title: 'The agent’s OS user is root, an admin, or a person’s daily account',
  docs: {
    why:
      'An agent runs with its OS user’s rights. As root, or in sudo / wheel / admin (or docker, which is root ' +
      'by another name), one injected command owns the machine. In a person’s daily account it reaches their ' +
      'mail, browser profiles, keys and every project. The seed asks for a dedicated user without sudo. ' +
      '(The agent’s user is taken as the owner of the audited home, or the user running agentwarden.)',
    fix:
      'Create a dedicated user and run the agent as it: `sudo useradd --create-home --shell /usr/sbin/nologin ' +
      'agent`; remove admin rights from an existing one: `sudo gpasswd -d USER sudo` (Fedora: wheel; ' +
      'docker likewise), or `sudo deluser USER sudo`.',
  },
  examples: {
    bad: [
      {
        name: 'alice in sudo, logged in at the console (id and who output)',
        files: { '/etc/passwd': PASSWD, '/etc/group': GROUP },
        commands: {
          'id -un': { code: 0, stdout: 'alice\n', stderr: '' },
          'id -u': { code: 0, stdout: '1000\n', stderr: '' },
          'id -Gn alice': { code: 0, stdout: 'alice adm cdrom sudo dip plugdev lpadmin\n', stderr: '' },
          who: {
            code: 0,
            stdout:
              'alice    seat0        2026-11-26 08:02 (login screen)\nalice    tty2         2026-11-26 08:02 (tty2)\n',
            stderr: '',
          },
        },
      },
      {
        name: 'running as root (no id: /etc/group fallback)',
        files: { '/etc/passwd': PASSWD, '/etc/group': GROUP },
        env: { USER: 'root' },
      },
    ],
    good: [
      {
        name: 'dedicated openclaw user, no admin group, not logged in (alice is, over SSH)',
        files: { '/etc/passwd': PASSWD, '/etc/group': GROUP },
        env: { USER: 'openclaw' },
        commands: {
          'id -Gn openclaw': { code: 0, stdout: 'openclaw\n', stderr: '' },
          'id -un': { code: 0, stdout: 'openclaw\n', stderr: '' },
          'id -u': { code: 0, stdout: '998\n', stderr: '' },
          who: { code: 0, stdout: 'alice    pts/0        2026-11-26 08:40 (100.101.7.12)\n', stderr: '' },
        },
      },
    ],
  },
  async run(ctx) {
    if (ctx.platform === 'win32') return [];
    const user = await agentUser(ctx);
    if ('error' in user) return [undetermined('which OS user the agent runs as', user.error)];
    const container = detectContainer(ctx).inContainer;
    const findings: RawFinding[] = [];
    if (user.uid === 0 || user.name === 'root') {
      findings.push(
        container
          ? {
              severity: 'low',
              message:
                'The agent runs as root inside its container: a container escape lands as root. Set a non-root USER in the image.',
              fix: 'Add `USER 1000:1000` (or a named user) to the Dockerfile, or `user: "1000:1000"` in compose.',
            }
          : {
              severity: 'critical',
              message: `The agent runs as root (${user.via}): anything it is tricked into running owns the machine.`,
            },
      );
      return findings;
    }
    const admin = user.groups.filter((g) => ADMIN_GROUPS.includes(g));
    if (admin.length > 0 && !container)
      findings.push({
        message: `${user.name} (${user.via}) is in ${admin.join(', ')}: the agent can become root.`,
        fix: admin.map((g) => `sudo gpasswd -d ${user.name} ${g}`).join(' && '),
      });
    if (!container) {
      const who = await runHostCommand(ctx, 'who', []);
      if (who.code === 0 && loggedInUsers(who.stdout).has(user.name))
        findings.push({
          severity: 'medium',
          message: `${user.name} is also a person’s login account (\`who\` lists it): the agent shares that person’s files, keys and sessions.`,
          fix: 'Run the agent as a dedicated user: `sudo useradd --create-home agent`, then start it with `sudo -iu agent`.',
        });
    }
    return findings;
  },
});
