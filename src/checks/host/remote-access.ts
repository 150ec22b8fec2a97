import { defineCheck } from '../../core/check.js';
import type { AuditContext, CommandResult } from '../../core/context.js';
import type { RawFinding } from '../../core/finding.js';
import { wildcardMatches } from '../../core/linear-match.js';
import { agentPorts } from './facts/agent-ports.js';
import { listSystemDir, readSystemFile, runHostCommand } from './facts/system.js';

/**
 * sshd's effective value of each keyword: the first one wins, `Include` files are read where they appear
 * (globs sorted), and nothing after the first `Match` applies to every connection.
 */
export function effectiveSshdConfig(ctx: AuditContext): Map<string, string> | undefined {
  const main = readSystemFile(ctx, '/etc/ssh/sshd_config');
  if (main === undefined) return undefined;
  const values = new Map<string, string>();
  let matched = false;
  const read = (text: string, depth: number) => {
    for (const raw of text.split('\n')) {
      if (matched) return;
      const line = raw.trim();
      if (!line || line.startsWith('#')) continue;
      const m = /^(\S+)\s*(?:=\s*|\s+)(.*)$/.exec(line);
      if (!m) continue;
      const key = (m[1] as string).toLowerCase();
      const value = (m[2] as string).trim();
      if (key === 'match') {
        matched = true;
        return;
      }
      if (key === 'include' && depth < 4) {
        for (const pattern of value.split(/\s+/)) {
          const abs = pattern.startsWith('/') ? pattern : `/etc/ssh/${pattern}`;
          const slash = abs.lastIndexOf('/');
          const dir = abs.slice(0, slash);
          const glob = abs.slice(slash + 1);
          for (const name of listSystemDir(ctx, dir).filter((n) => wildcardMatches(glob, n)))
            read(readSystemFile(ctx, `${dir}/${name}`) ?? '', depth + 1);
        }
        continue;
      }
      if (!values.has(key)) values.set(key, value.split(/\s+/)[0]?.toLowerCase() ?? '');
    }
  };
  read(main, 0);
  return values;
}

interface ServeProxy {
  url: string;
  target: string;
  funnel: boolean;
}

/** `tailscale serve status --json` (ipn.ServeConfig): Web handlers, TCP forwards, AllowFunnel by host:port. */
export function parseServeConfig(json: string): ServeProxy[] {
  let cfg: Record<string, unknown>;
  try {
    cfg = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return [];
  }
  const funnel = (cfg.AllowFunnel ?? {}) as Record<string, boolean>;
  const out: ServeProxy[] = [];
  for (const [hostPort, site] of Object.entries(
    (cfg.Web ?? {}) as Record<string, { Handlers?: Record<string, { Proxy?: string }> }>,
  )) {
    for (const [mount, h] of Object.entries(site.Handlers ?? {}))
      if (h.Proxy)
        out.push({ url: `https://${hostPort}${mount}`, target: h.Proxy, funnel: funnel[hostPort] === true });
  }
  for (const [port, tcp] of Object.entries((cfg.TCP ?? {}) as Record<string, { TCPForward?: string }>)) {
    if (!tcp.TCPForward) continue;
    const open = Object.entries(funnel).some(([hp, on]) => on && hp.endsWith(`:${port}`));
    out.push({ url: `tcp port ${port}`, target: tcp.TCPForward, funnel: open });
  }
  return out;
}

function targetPort(target: string): number | undefined {
  const m = /:(\d+)(?:\/|$)/.exec(target.replace(/^[a-z+]+:\/\//i, ''));
  if (m) return Number(m[1]);
  return /^\d+$/.test(target) ? Number(target) : undefined;
}

async function tailscaleFindings(ctx: AuditContext): Promise<RawFinding[]> {
  const serve = await runHostCommand(ctx, 'tailscale', ['serve', 'status', '--json']);
  if (serve.code !== 0) return [];
  const ports = agentPorts(ctx);
  return parseServeConfig(serve.stdout)
    .filter((p) => p.funnel)
    .map((p) => {
      const port = targetPort(p.target);
      const what = port === undefined ? undefined : ports.get(port);
      return what
        ? {
            severity: 'critical' as const,
            message: `Tailscale Funnel publishes ${p.url} → ${p.target}, the ${what}, to the whole internet.`,
            fix: 'Turn the funnel off (`tailscale funnel reset`) and use `tailscale serve` (tailnet only) instead.',
          }
        : {
            severity: 'low' as const,
            message: `Tailscale Funnel publishes ${p.url} → ${p.target} to the whole internet; make sure it is meant to be public.`,
            fix: 'If it is not meant to be public: `tailscale funnel reset`, then `tailscale serve` it to the tailnet only.',
          };
    });
}

function sshFindings(ctx: AuditContext): RawFinding[] {
  const cfg = effectiveSshdConfig(ctx);
  if (!cfg) return [];
  const findings: RawFinding[] = [];
  const file = '/etc/ssh/sshd_config';
  if (cfg.get('permitrootlogin') === 'yes')
    findings.push({
      severity: 'high',
      message: 'sshd accepts root logins (PermitRootLogin yes).',
      fix: `sudo sed -i 's/^#\\?PermitRootLogin.*/PermitRootLogin no/' ${file} && sudo systemctl reload ssh  (a file in sshd_config.d/ that sets it first wins: fix it there)`,
    });
  // OpenSSH's default for PasswordAuthentication is yes.
  const password = cfg.get('passwordauthentication') ?? 'yes';
  if (password === 'yes')
    findings.push({
      severity: 'medium',
      message: `sshd accepts password logins (PasswordAuthentication ${cfg.has('passwordauthentication') ? 'yes' : 'is not set, and defaults to yes'}): passwords can be guessed; keys cannot.`,
      fix: `sudo sed -i 's/^#\\?PasswordAuthentication.*/PasswordAuthentication no/' ${file} && sudo systemctl reload ssh  (after checking that your key logs you in)`,
    });
  return findings;
}

// Ubuntu 24.04's shipped sshd_config (abridged to its active lines) and cloud-image drop-in.
const SSHD_UBUNTU = `Include /etc/ssh/sshd_config.d/*.conf

#PermitRootLogin prohibit-password
KbdInteractiveAuthentication no
UsePAM yes
X11Forwarding yes
PrintMotd no
AcceptEnv LANG LC_*
Subsystem	sftp	/usr/lib/openssh/sftp-server
`;
const json = (v: unknown): CommandResult => ({
  code: 0,
  stdout: `${JSON.stringify(v, null, 2)}\n`,
  stderr: '',
});

export default defineCheck({
  id: 'host/remote-access',
  severity: 'high',
  seedRefs: ['DA-1', 'CS-2'],
  title: 'Remote access exposes the agent or accepts guessable logins',
  docs: {
    why:
      'The seed’s remote access is a private tunnel (Tailscale Serve, Cloudflare Tunnel), never an open port. ' +
      'Tailscale Funnel publishes a port to the whole internet: in front of an agent’s control plane it undoes ' +
      'the 127.0.0.1 binding. On a VPS, SSH with password or root login is the door bots knock on all day.',
    fix:
      'Use `tailscale serve` (tailnet only) rather than `tailscale funnel` for agent ports; in sshd_config set ' +
      '`PasswordAuthentication no` and `PermitRootLogin no` (the first value sshd reads wins, so fix any ' +
      'sshd_config.d/*.conf that sets them), then `sudo systemctl reload ssh`.',
  },
  examples: {
    bad: [
      {
        name: 'Tailscale Funnel in front of the gateway',
        files: {},
        commands: {
          'tailscale serve status --json': json({
            TCP: { '443': { HTTPS: true } },
            Web: { 'gw.tail1234.ts.net:443': { Handlers: { '/': { Proxy: 'http://127.0.0.1:18789' } } } },
            AllowFunnel: { 'gw.tail1234.ts.net:443': true },
          }),
        },
      },
      {
        name: 'sshd: a drop-in enables root and password logins',
        files: {
          '/etc/ssh/sshd_config': SSHD_UBUNTU,
          '/etc/ssh/sshd_config.d/60-vps.conf': 'PermitRootLogin yes\nPasswordAuthentication yes\n',
        },
      },
    ],
    good: [
      {
        name: 'Tailscale Serve (tailnet only); sshd keys only, set by the cloud-image drop-in',
        files: {
          '/etc/ssh/sshd_config': `${SSHD_UBUNTU}PasswordAuthentication yes\n`,
          '/etc/ssh/sshd_config.d/50-cloud-init.conf': 'PasswordAuthentication no\n',
        },
        commands: {
          'tailscale serve status --json': json({
            TCP: { '443': { HTTPS: true } },
            Web: { 'gw.tail1234.ts.net:443': { Handlers: { '/': { Proxy: 'http://127.0.0.1:18789' } } } },
          }),
        },
      },
      { name: 'no sshd and no tailscale', files: {} },
    ],
  },
  async run(ctx) {
    if (ctx.platform === 'win32') return [];
    return [...(await tailscaleFindings(ctx)), ...sshFindings(ctx)];
  },
});
