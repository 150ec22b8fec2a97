import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CommandRunner } from '../../src/core/context.js';
import { appendActivity } from '../../src/log/activity-log.js';
import { disableOpenclawChannels } from '../../src/respond/kill/channels.js';
import { reachableCredentials } from '../../src/respond/kill/credentials.js';
import { runKill } from '../../src/respond/kill/index.js';
import { agentEnvMarker, readLockdown, releaseLockdown } from '../../src/respond/kill/lockdown.js';
import { identifyAgent, type ProcReader, procfsReader } from '../../src/respond/kill/processes.js';

const dirs: string[] = [];
const children: ChildProcess[] = [];

afterEach(() => {
  // Only processes this test started, by their own handle.
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-kill-'));
  dirs.push(d);
  return d;
}

function put(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

/** A node process running a script at an agent's entry-point path; `stubborn` ignores SIGTERM. */
async function fakeAgent(dir: string, rel: string, args: string[], stubborn = false): Promise<ChildProcess> {
  const script = path.join(dir, rel);
  put(
    script,
    `${stubborn ? "process.on('SIGTERM', () => {});\n" : ''}process.stdout.write('ready\\n');\nsetInterval(() => {}, 1000);\n`,
  );
  const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'ignore'] });
  children.push(child);
  await new Promise<void>((resolve) => child.stdout?.once('data', () => resolve()));
  return child;
}

/** The real /proc, narrowed to the processes this test started: nothing else can be found or signalled. */
function onlyOurs(pids: () => number[]): ProcReader {
  const real = procfsReader('/proc');
  return { ...real, pids: () => real.pids().filter((p) => pids().includes(p)) };
}

describe('identifyAgent', () => {
  it('knows agents by executable or entry script, never by a name anywhere in the line', () => {
    expect(identifyAgent(['/usr/bin/node', '/usr/lib/node_modules/@anthropic-ai/claude-code/cli.js'])).toBe(
      'claude-code',
    );
    expect(identifyAgent(['claude', '--resume'])).toBe('claude-code');
    expect(identifyAgent(['/home/u/.local/bin/claude'])).toBe('claude-code');
    expect(identifyAgent(['node', '--max-old-space-size=4096', '/x/bin/claude', '-p', 'hi'])).toBe(
      'claude-code',
    );
    expect(identifyAgent(['node', '/opt/openclaw/openclaw.mjs', 'gateway', 'run'])).toBe('openclaw');
    expect(identifyAgent(['openclaw', '--profile', 'x', 'gateway'])).toBe('openclaw');
    expect(identifyAgent(['openclaw', 'status'])).toBeUndefined();
    expect(identifyAgent(['vim', 'claude'])).toBeUndefined();
    expect(identifyAgent(['grep', '-r', 'openclaw gateway', '.'])).toBeUndefined();
    expect(identifyAgent(['bash', '-c', 'claude -p hi'])).toBeUndefined();
    expect(
      identifyAgent(['node', '/work/agentwarden/dist/cli.js', 'guard', 'hook', 'claude']),
    ).toBeUndefined();
    expect(identifyAgent(['node', '/tmp/claude-code/cli.js'])).toBeUndefined();
  });
});

describe('lockdown flag', () => {
  it('is read with its reason, released into a kept file, and refused inside an agent', () => {
    const dir = tempDir();
    const lock = path.join(dir, 'kill.lock');
    expect(readLockdown(lock)).toEqual({ on: false });
    put(lock, 'by hand');
    expect(readLockdown(lock)).toMatchObject({ on: true, lockdown: { reason: 'by hand' } });
    const kept = releaseLockdown(lock, new Date('2026-12-04T10:00:00Z'));
    expect(fs.existsSync(lock)).toBe(false);
    expect(kept && fs.readFileSync(kept, 'utf8')).toBe('by hand');
    expect(agentEnvMarker({ CLAUDECODE: '1' })).toBe('CLAUDECODE');
    expect(agentEnvMarker({ HOME: '/h' })).toBeUndefined();
  });
});

describe('disableOpenclawChannels', () => {
  it('turns every channel off, keeps comments, and backs the file up', () => {
    const dir = tempDir();
    const file = path.join(dir, 'openclaw.json');
    const original = `// my gateway
{
  gateway: { bind: 'loopback' },
  channels: {
    defaults: { groupPolicy: 'allowlist' },
    telegram: { enabled: true, dmPolicy: 'pairing' }, // main bot
    discord: { dmPolicy: 'pairing' },
    slack: { enabled: false },
  },
}
`;
    put(file, original);
    const dry = disableOpenclawChannels(file, { now: new Date(), dryRun: true });
    expect(dry.disabled).toEqual(['telegram', 'discord']);
    expect(fs.readFileSync(file, 'utf8')).toBe(original);
    const r = disableOpenclawChannels(file, { now: new Date('2026-12-04T10:00:00Z'), dryRun: false });
    expect(r.disabled).toEqual(['telegram', 'discord']);
    expect(r.alreadyOff).toEqual(['slack']);
    const text = fs.readFileSync(file, 'utf8');
    expect(text).toContain('// my gateway');
    expect(text).toContain('// main bot');
    expect(text).toMatch(/telegram: \{ enabled: false/);
    expect(text).toMatch(/discord: \{[^}]*enabled: false/);
    expect(r.backup && fs.readFileSync(r.backup, 'utf8')).toBe(original);
    expect(disableOpenclawChannels(file, { now: new Date(), dryRun: false }).disabled).toEqual([]);
  });
});

function fixtureHome(): { home: string; project: string } {
  const home = tempDir();
  const project = path.join(home, 'work', 'app');
  fs.mkdirSync(project, { recursive: true });
  put(path.join(home, '.aws', 'credentials'), '[default]\naws_access_key_id = AKIAFAKEFAKEFAKE0000\n');
  put(path.join(home, '.ssh', 'id_ed25519'), 'PRIVATE KEY TEXT\n');
  put(path.join(home, '.ssh', 'id_ed25519.pub'), 'ssh-ed25519 AAAA\n');
  put(path.join(home, '.ssh', 'known_hosts'), '');
  put(
    path.join(home, '.claude.json'),
    JSON.stringify({
      mcpServers: {
        github: { command: 'npx', env: { GITHUB_PERSONAL_ACCESS_TOKEN: 'ghp_value_never_printed' } },
      },
    }),
  );
  put(
    path.join(project, '.mcp.json'),
    JSON.stringify({
      mcpServers: { api: { type: 'http', url: 'https://x', headers: { Authorization: 'Bearer zzz' } } },
    }),
  );
  const oc = path.join(home, '.openclaw');
  put(
    path.join(oc, 'openclaw.json'),
    `{
  // production bot
  channels: { telegram: { enabled: true, botToken: 'literal-bot-token-value' } },
  gateway: { auth: { mode: 'token', token: { source: 'env', provider: 'default', id: 'OPENCLAW_GATEWAY_TOKEN' } } },
}
`,
  );
  put(path.join(oc, 'credentials', 'whatsapp', 'acct', 'creds.json'), '{}');
  put(path.join(oc, 'agents', 'main', 'agent', 'auth-profiles.json'), '{}');
  return { home, project };
}

describe('reachableCredentials', () => {
  it('lists env, files, MCP tokens and OpenClaw stores with steps, never a value', () => {
    const { home, project } = fixtureHome();
    const creds = reachableCredentials({
      home,
      project,
      env: { ANTHROPIC_API_KEY: 'sk-ant-never-printed', PATH: '/bin', SORT_KEY_ORDER: 'x', EMPTY_TOKEN: '' },
    });
    const names = creds.map((c) => `${c.provider}|${c.where}|${c.name.replace(home, '~')}`);
    expect(names).toEqual(
      expect.arrayContaining([
        'Anthropic|env|ANTHROPIC_API_KEY',
        'AWS|file|~/.aws/credentials',
        'SSH|file|~/.ssh/id_ed25519',
        `GitHub|mcp|~/.claude.json: mcpServers.github.env.GITHUB_PERSONAL_ACCESS_TOKEN`,
        `unknown issuer|mcp|~/work/app/.mcp.json: mcpServers.api.headers.Authorization`,
        'WhatsApp|openclaw|~/.openclaw/credentials/whatsapp/acct/creds.json',
        'OpenClaw|openclaw|~/.openclaw/agents/main/agent/auth-profiles.json',
        'Telegram|openclaw|~/.openclaw/openclaw.json: channels.telegram.botToken',
      ]),
    );
    expect(names.some((n) => n.includes('id_ed25519.pub') || n.includes('known_hosts'))).toBe(false);
    expect(names.some((n) => n.includes('SORT_KEY_ORDER') || n.includes('EMPTY_TOKEN'))).toBe(false);
    // A SecretRef points at the env; it is not a literal secret in the file.
    expect(names.some((n) => n.includes('gateway.auth.token'))).toBe(false);
    const all = JSON.stringify(creds);
    for (const v of ['never-printed', 'never_printed', 'literal-bot-token-value', 'zzz', 'AKIAFAKE'])
      expect(all).not.toContain(v);
    expect(creds.every((c) => c.revoke && c.rotate)).toBe(true);
  });
});

describe('runKill', () => {
  it('contains the fixture: flag, agents stopped politely then hard, channels off, report written', async () => {
    const { home, project } = fixtureHome();
    const bin = tempDir();
    const claude = await fakeAgent(bin, 'lib/node_modules/@anthropic-ai/claude-code/cli.js', ['--resume']);
    const gateway = await fakeAgent(bin, 'openclaw/openclaw.mjs', ['gateway', 'run'], true);
    const bystander = await fakeAgent(bin, 'lib/editor.js', ['claude.txt']);
    const ours = [claude.pid, gateway.pid, bystander.pid] as number[];
    const log = path.join(home, '.local', 'state', 'agentwarden', 'activity.jsonl');
    const ts = new Date(Date.now() - 60_000).toISOString();
    for (const [tool, verdict, summary] of [
      ['Write', 'allow', '/home/u/app/src/index.ts'],
      ['Bash', 'deny', 'cat ~/.aws/credentials'],
      ['Edit', 'deny', '/home/u/.bashrc'],
    ] as const)
      appendActivity(log, {
        ts,
        session: 'sess-1234abcd',
        event: 'PreToolUse',
        tool,
        verdict,
        ruleId: verdict === 'deny' ? 'protected-path' : 'cell',
        reason: 'r',
        summary,
      });
    const dockerCalls: string[][] = [];
    const run: CommandRunner = async (cmd, args) => {
      dockerCalls.push([cmd, ...args]);
      if (args[0] === 'ps')
        return {
          code: 0,
          stdout:
            'c0ffee1234567890\tghcr.io/openclaw/openclaw:2026.9.6\toc\t\nbeef00000000\tpostgres:16\tdb\t\n',
          stderr: '',
        };
      return { code: 0, stdout: '', stderr: '' };
    };
    const signals: [number, string][] = [];
    const result = await runKill({
      home,
      project,
      env: { HOME: home, ANTHROPIC_API_KEY: 'sk-ant-never-printed' },
      reason: 'agent looping on a failing deploy',
      dryRun: false,
      graceMs: 400,
      by: 'test',
      exclude: new Set([process.pid]),
      reader: onlyOurs(() => ours),
      signal: (pid, sig) => {
        if (!ours.includes(pid)) throw new Error(`test would signal a foreign pid ${pid}`);
        signals.push([pid, sig]);
        process.kill(pid, sig);
      },
      run,
      now: () => new Date(),
      clock: () => performance.now(),
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    });
    expect(readLockdown(result.lockfile)).toMatchObject({
      on: true,
      lockdown: { reason: 'agent looping on a failing deploy' },
    });
    const outcomes = Object.fromEntries(
      result.processes.map((p) => [p.pid, 'outcome' in p ? p.outcome : '']),
    );
    expect(outcomes).toEqual({ [claude.pid as number]: 'terminated', [gateway.pid as number]: 'killed' });
    expect(signals).toContainEqual([gateway.pid, 'SIGKILL']);
    expect(signals.some(([pid]) => pid === bystander.pid)).toBe(false);
    expect(bystander.exitCode).toBeNull();
    expect(dockerCalls).toContainEqual(['docker', 'stop', '--time', '1', 'c0ffee1234567890']);
    expect(result.containmentMs).toBeGreaterThan(0);
    expect(result.channels.disabled).toEqual(['telegram']);
    expect(fs.readFileSync(path.join(home, '.openclaw', 'openclaw.json'), 'utf8')).toContain(
      '// production bot',
    );
    const report = fs.readFileSync(result.reportFile ?? '', 'utf8');
    expect(report).toContain('Containment time:');
    expect(report).toContain('`/home/u/app/src/index.ts`');
    expect(report).not.toMatch(/- `\/home\/u\/\.bashrc`/);
    expect(report).toContain('| PreToolUse | Bash | deny | protected-path | cat ~/.aws/credentials |');
    expect(report).toContain(result.channels.backup);
    expect(report).not.toContain('never-printed');
    expect(report).not.toContain('literal-bot-token-value');
    const lastLog = fs.readFileSync(log, 'utf8').trim().split('\n').pop() ?? '';
    expect(JSON.parse(lastLog)).toMatchObject({ event: 'kill', ruleId: 'kill-switch' });
  });

  it('changes nothing in a dry run', async () => {
    const { home, project } = fixtureHome();
    const bin = tempDir();
    const claude = await fakeAgent(bin, 'x/bin/claude', []);
    const config = fs.readFileSync(path.join(home, '.openclaw', 'openclaw.json'), 'utf8');
    const result = await runKill({
      home,
      project,
      env: { HOME: home },
      reason: 'drill',
      dryRun: true,
      graceMs: 100,
      by: 'test',
      exclude: new Set(),
      reader: onlyOurs(() => [claude.pid as number]),
      signal: () => {
        throw new Error('no signal in a dry run');
      },
      run: async () => ({ code: 127, stdout: '', stderr: '' }),
      now: () => new Date(),
      clock: () => performance.now(),
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    });
    expect(result.processes.map((p) => p.pid)).toEqual([claude.pid]);
    expect(claude.exitCode).toBeNull();
    expect(fs.existsSync(result.lockfile)).toBe(false);
    expect(result.reportFile).toBeUndefined();
    expect(result.channels.disabled).toEqual(['telegram']);
    expect(fs.readFileSync(path.join(home, '.openclaw', 'openclaw.json'), 'utf8')).toBe(config);
    expect(result.report).toContain('would stop');
  });
});
