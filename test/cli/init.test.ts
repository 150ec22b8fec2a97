// `agentwarden init`: what it writes passes agentwarden's own audit (every check but the host ones, which
// describe the test machine), it never overwrites without --force, and it asks only on a terminal.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { allChecks } from '../../src/checks/index.js';
import { runInitCommand } from '../../src/cli/init.js';
import { createContext } from '../../src/core/context.js';
import { runAudit } from '../../src/core/run-audit.js';
import { severityRank } from '../../src/core/severity.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'agentwarden-init-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const now = new Date('2026-11-26T12:00:00Z');

async function init(
  dir: string,
  opts: Parameters<typeof runInitCommand>[1],
  ask?: (q: string) => Promise<string>,
) {
  let out = '';
  const code = await runInitCommand(dir, opts, { ...(ask && { ask }), out: (t) => (out += t), now });
  return { code, out };
}

describe.each(['claude', 'openclaw'] as const)('init --agent %s', (agent) => {
  const home = path.join(root, agent, 'home');
  const project = path.join(home, 'agent-stack');
  const systemRoot = path.join(root, agent, 'sys');

  it('writes the hardened files', async () => {
    fs.mkdirSync(systemRoot, { recursive: true });
    const { code, out } = await init(project, { agent });
    expect(code).toBe(0);
    const expected = ['compose.yaml', 'Caddyfile', 'ufw-rules.sh', '.env.example', '.gitignore'];
    expected.push(
      ...(agent === 'claude'
        ? ['.claude/settings.json', 'CLAUDE.md']
        : ['config/openclaw.json', 'workspace/SOUL.md']),
    );
    for (const f of expected) {
      expect(fs.existsSync(path.join(project, f)), f).toBe(true);
      expect(out).toContain(`created  ${f}`);
    }
    const compose = fs.readFileSync(path.join(project, 'compose.yaml'), 'utf8');
    // The agent listens on loopback inside Caddy's network namespace, so Caddy reaches it and nothing else does.
    expect(compose).toContain('network_mode: "service:caddy"');
    expect(compose).toContain('- HOST=127.0.0.1');
    expect(compose).toContain('cap_drop: [ALL]');
    expect(compose).not.toMatch(/-\s*"?(?:[\d.]+:)?(?:18789|5678):/); // no agent port published
    const caddy = fs.readFileSync(path.join(project, 'Caddyfile'), 'utf8');
    expect(caddy).toMatch(/reverse_proxy 127\.0\.0\.1:\d+/);
    expect(fs.statSync(path.join(project, 'ufw-rules.sh')).mode & 0o111).not.toBe(0);
  });

  it('passes our own audit: nothing above low', async () => {
    const ctx = createContext({
      home,
      project,
      systemRoot,
      env: { HOME: home },
      run: async (cmd) => ({ code: 127, stdout: '', stderr: `${cmd}: not found` }),
      now,
    });
    // Host checks describe the test machine; an OpenClaw stack writes no Claude Code settings to audit.
    const checks = allChecks.filter((c) => c.area !== 'host' && (agent === 'claude' || c.area !== 'claude'));
    const { findings } = await runAudit(ctx, checks);
    const above = findings.filter((f) => severityRank(f.severity) > severityRank('low'));
    expect(above.map((f) => `${f.checkId}: ${f.message}`)).toEqual([]);
    // The deploy checks did read the compose file: its Caddy ports are reported, at low.
    expect(findings.some((f) => f.checkId === 'deploy/port-published' && f.severity === 'low')).toBe(true);
  });

  if (agent === 'claude')
    it('settings.json holds the guard hook as guard install builds it (portable command), and the seed settings', () => {
      const settings = JSON.parse(fs.readFileSync(path.join(project, '.claude/settings.json'), 'utf8'));
      expect(settings.hooks.PreToolUse[0]).toMatchObject({
        matcher: '*',
        hooks: [{ type: 'command', timeout: 10, onFailure: 'block' }],
      });
      expect(settings.hooks.PreToolUse[0].hooks[0]).toMatchObject({
        command: 'agentwarden',
        args: ['guard', 'hook', 'claude'],
      });
      expect(settings).toMatchObject({
        cleanupPeriodDays: 14,
        enableAllProjectMcpServers: false,
        permissions: { disableBypassPermissionsMode: 'disable' },
      });
    });
  else
    it('openclaw.json binds loopback, takes the token from the environment, pairs DMs', () => {
      const cfg = JSON.parse(fs.readFileSync(path.join(project, 'config/openclaw.json'), 'utf8'));
      expect(cfg.gateway.bind).toBe('loopback');
      expect(cfg.gateway.auth.token).toEqual({
        source: 'env',
        provider: 'default',
        id: 'OPENCLAW_GATEWAY_TOKEN',
      });
      expect(cfg.channels.telegram.dmPolicy).toBe('pairing');
      expect(cfg.channels.telegram.groups['*'].requireMention).toBe(true);
      expect(cfg.agents.defaults.sandbox.mode).toBe('non-main');
      expect(fs.statSync(path.join(project, 'config/openclaw.json')).mode & 0o077).toBe(0);
    });
});

describe('init safety', () => {
  it('keeps an existing file without --force, backs it up and replaces it with --force', async () => {
    const dir = path.join(root, 'existing');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'compose.yaml'), 'services: {mine: {image: x}}\n');
    const kept = await init(dir, { agent: 'claude' });
    expect(kept.out).toMatch(/kept {5}compose\.yaml: exists \(use --force/);
    expect(fs.readFileSync(path.join(dir, 'compose.yaml'), 'utf8')).toBe('services: {mine: {image: x}}\n');
    const again = await init(dir, { agent: 'claude' });
    expect(again.out).toMatch(/kept {5}Caddyfile: already up to date/);
    const forced = await init(dir, { agent: 'claude', force: true });
    const backup = /replaced compose\.yaml \(backup: (.+)\)/.exec(forced.out)?.[1];
    expect(backup && fs.readFileSync(backup, 'utf8')).toBe('services: {mine: {image: x}}\n');
    expect(fs.readFileSync(path.join(dir, 'compose.yaml'), 'utf8')).toContain(
      'network_mode: "service:caddy"',
    );
  });

  it('asks on a terminal only; rejects unknown agents and bad domains', async () => {
    const questions: string[] = [];
    const dir = path.join(root, 'asked');
    await init(dir, {}, async (q) => {
      questions.push(q);
      return q.startsWith('Agent') ? 'openclaw' : 'agent.tail1234.ts.net';
    });
    expect(questions).toHaveLength(2);
    expect(fs.existsSync(path.join(dir, 'config/openclaw.json'))).toBe(true);
    expect(fs.readFileSync(path.join(dir, 'Caddyfile'), 'utf8')).toMatch(
      /agent\.tail1234\.ts\.net \{\n\ttls internal/,
    );
    await expect(init(path.join(root, 'x'), { agent: 'codex' })).rejects.toThrow(
      /--agent codex: unknown agent/,
    );
    await expect(init(path.join(root, 'x'), { agent: 'claude', domain: 'a b' })).rejects.toThrow(
      /not a host name/,
    );
  });
});
