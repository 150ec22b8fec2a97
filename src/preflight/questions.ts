import * as path from 'node:path';
import { agentPorts } from '../checks/host/facts/agent-ports.js';
import { detectContainer } from '../checks/host/facts/container.js';
import { readFirewall } from '../checks/host/facts/firewall-rules.js';
import { isLoopback, isTailnet, readListeners } from '../checks/host/facts/listeners.js';
import { readSystemFile } from '../checks/host/facts/system.js';
import type { AuditContext } from '../core/context.js';
import { redactText } from '../core/redact.js';
import { claudeContentFiles } from '../discover/claude-files.js';
import { loadMcpConfig } from '../discover/claude-mcp.js';
import { loadClaudeSettings } from '../discover/claude-settings.js';
import { credentialFiles, secretEnvNames } from '../discover/credentials.js';
import { openclawStateDir } from '../discover/openclaw.js';

/** SP-3 question 1: where the agent can write. */
export interface WritableAnswer {
  inContainer: boolean;
  containerSigns: string[];
  /** Directories the agent's OS user can write (home and project by ownership, mounts by their flags). */
  dirs: { path: string; why: string }[];
  /** Read-write bind mounts into a container (what the host shares with the agent). */
  mounts: { mountPoint: string; source: string; readOnly: boolean }[];
  /** Claude Code's own write boundary on top of the OS. */
  claude: { sandbox: boolean; defaultMode?: string; additionalDirectories: string[] };
}

/** SP-3 question 2: what network the agent has. */
export interface NetworkAnswer {
  listeners:
    | {
        ok: true;
        source: string;
        sockets: { address: string; port: number; process?: string; agentPort?: string; exposed: boolean }[];
      }
    | { ok: false; reason: string };
  /** Proxy variables, values redacted (a proxy URL can carry a password). */
  proxies: { name: string; value: string }[];
  firewall: string;
}

/** SP-3 question 3: which credentials are reachable (names and paths only, never values). */
export interface CredentialsAnswer {
  envNames: string[];
  files: { path: string; holds: string; mode?: string }[];
}

/** SP-3 question 4: which tools, skills and MCP servers are enabled. */
export interface ToolsAnswer {
  mcpServers: { name: string; scope: string; transport: string }[];
  skills: { name: string; scope: string }[];
  allowRules: string[];
  activeHooks: number;
  openclawStateDir?: string;
}

const PSEUDO_FS =
  /^(?:proc|sysfs|cgroup2?|devpts|mqueue|devtmpfs|securityfs|debugfs|tracefs|pstore|bpf|autofs|hugetlbfs|configfs|fusectl|binfmt_misc|nsfs|efivarfs|rpc_pipefs|overlay|squashfs|tmpfs)$/;
const SYSTEM_MOUNT = /^\/(?:proc|sys|dev|run|boot|snap)(?:\/|$)|^\/etc\/(?:hosts|hostname|resolv\.conf)$/;

/** Mounts from /proc/self/mountinfo other than the root, pseudo filesystems and system paths. */
function dataMounts(ctx: AuditContext): WritableAnswer['mounts'] {
  const out: WritableAnswer['mounts'] = [];
  for (const line of (readSystemFile(ctx, '/proc/self/mountinfo') ?? '').split('\n')) {
    const [before, after] = line.split(' - ');
    const f = before?.split(' ') ?? [];
    const fsType = after?.split(' ')[0] ?? '';
    const mountPoint = (f[4] ?? '').replace(/\\040/g, ' ');
    if (!mountPoint || mountPoint === '/' || SYSTEM_MOUNT.test(mountPoint) || PSEUDO_FS.test(fsType))
      continue;
    out.push({
      mountPoint,
      source: (f[3] ?? '').replace(/\\040/g, ' '),
      readOnly: (f[5] ?? '').split(',').includes('ro'),
    });
  }
  return out;
}

const ownerWritable = (ctx: AuditContext, dir: string) => ((ctx.fs.stat(dir)?.mode ?? 0) & 0o200) !== 0;

export function writableAnswer(ctx: AuditContext): WritableAnswer {
  const container = detectContainer(ctx);
  const settings = loadClaudeSettings(ctx);
  const dirs: WritableAnswer['dirs'] = [];
  if (ownerWritable(ctx, ctx.home)) dirs.push({ path: ctx.home, why: 'home directory (owner-writable)' });
  if (ctx.project !== ctx.home && ownerWritable(ctx, ctx.project))
    dirs.push({ path: ctx.project, why: 'project (owner-writable)' });
  const tmp = ctx.fs.stat(path.join(ctx.systemRoot, 'tmp'));
  if (tmp && (tmp.mode & 0o002) !== 0) dirs.push({ path: '/tmp', why: 'world-writable' });
  const mounts = ctx.platform === 'linux' ? dataMounts(ctx) : [];
  for (const m of mounts)
    if (!m.readOnly) dirs.push({ path: m.mountPoint, why: `read-write mount of ${m.source}` });
  const mode = settings.get(['permissions', 'defaultMode'])?.value;
  return {
    inContainer: container.inContainer,
    containerSigns: container.signs,
    dirs,
    mounts,
    claude: {
      sandbox: settings.get(['sandbox', 'enabled'])?.value === true,
      ...(typeof mode === 'string' && { defaultMode: mode }),
      additionalDirectories: settings.rules('additionalDirectories').map((r) => r.value),
    },
  };
}

const PROXY_VARS = ['HTTPS_PROXY', 'HTTP_PROXY', 'ALL_PROXY', 'NO_PROXY'];

export async function networkAnswer(ctx: AuditContext): Promise<NetworkAnswer> {
  const ports = agentPorts(ctx);
  const read = await readListeners(ctx);
  const proxies = Object.entries(ctx.env)
    .filter(([k, v]) => v && PROXY_VARS.includes(k.toUpperCase()))
    .map(([name, v]) => ({ name, value: redactText(v as string) }));
  const inContainer = detectContainer(ctx).inContainer;
  const fw =
    (ctx.platform === 'linux' || ctx.platform === 'darwin') && !inContainer
      ? await readFirewall(ctx)
      : undefined;
  const firewall = !fw
    ? inContainer
      ? 'the host firewall is not visible from inside a container'
      : `not read on ${ctx.platform}`
    : fw.kind === 'read'
      ? `${fw.tool} ${fw.active ? 'active' : 'present but inactive'}`
      : fw.kind === 'none'
        ? 'none found (ufw, nft, iptables missing)'
        : `could not determine: ${fw.reason}`;
  return {
    listeners: read.ok
      ? {
          ok: true,
          source: read.source,
          sockets: read.listeners.map((l) => {
            const agentPort = ports.get(l.port);
            return {
              ...l,
              ...(agentPort && { agentPort }),
              exposed: !isLoopback(l.address) && !isTailnet(l.address),
            };
          }),
        }
      : read,
    proxies,
    firewall,
  };
}

export function credentialsAnswer(ctx: AuditContext): CredentialsAnswer {
  const files: CredentialsAnswer['files'] = [];
  const add = (file: string, holds: string) => {
    const info = ctx.fs.stat(file);
    if (info) files.push({ path: file, holds, mode: `0${info.mode.toString(8).padStart(3, '0')}` });
  };
  for (const c of credentialFiles(ctx.home, ctx.env, ctx.fs)) add(c.path, c.holds);
  for (const name of ctx.fs.list(ctx.project))
    if (name === '.env' || name.startsWith('.env.') || name === '.envrc')
      add(path.join(ctx.project, name), 'project environment secrets');
  return { envNames: secretEnvNames(ctx.env), files };
}

export function toolsAnswer(ctx: AuditContext): ToolsAnswer {
  const mcp = loadMcpConfig(ctx);
  const settings = loadClaudeSettings(ctx);
  const skills = claudeContentFiles(ctx)
    .filter((f) => f.kind === 'skill')
    .map((f) => ({ name: path.basename(path.dirname(f.path)), scope: f.scope }));
  const stateDir = openclawStateDir(ctx.home, ctx.env, ctx.fs);
  const openclaw = ctx.fs.stat(stateDir)?.kind === 'dir' ? stateDir : undefined;
  return {
    mcpServers: mcp.servers.map((s) => ({
      name: s.name,
      scope: s.scope,
      transport: typeof s.config.url === 'string' ? String(s.config.type ?? 'http') : 'stdio',
    })),
    skills,
    allowRules: settings.rules('allow').map((r) => r.value),
    activeHooks: settings.activeHooks.length,
    ...(openclaw && { openclawStateDir: openclaw }),
  };
}
