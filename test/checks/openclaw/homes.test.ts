import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { allChecks } from '../../../src/checks/index.js';
import { openclawChecks } from '../../../src/checks/openclaw/index.js';
import type { CommandRunner } from '../../../src/core/context.js';
import { type MaterializedFixture, materialize } from '../../../src/core/fixture.js';
import { runAudit } from '../../../src/core/run-audit.js';
import { severityRank } from '../../../src/core/severity.js';
import { loadOpenclawConfig, resolveSecret } from '../../../src/discover/openclaw.js';
import { applyFixes } from '../../../src/fix/apply.js';
import {
  hardenedHome,
  includeHome,
  insecureHome,
  invalidConfigHome,
  legacyClawdbotHome,
  profileHome,
} from './homes.js';

const made: MaterializedFixture[] = [];
afterAll(() => {
  for (const f of made) f.cleanup();
});

function home(h: Parameters<typeof materialize>[0]): MaterializedFixture {
  const f = materialize(h);
  made.push(f);
  return f;
}

async function audit(f: MaterializedFixture) {
  return (await runAudit(f.ctx, openclawChecks)).findings;
}

describe('OpenClaw fixture homes', () => {
  it('insecure home: every planted problem is reported, each with file and why/fix', async () => {
    const f = home(insecureHome);
    const findings = await audit(f);
    const ids = new Set(findings.map((x) => x.checkId));
    for (const id of [
      'openclaw/gateway-exposed',
      'openclaw/gateway-auth',
      'openclaw/control-ui-origins',
      'openclaw/network-exposure',
      'openclaw/channel-dm-policy',
      'openclaw/channel-group-policy',
      'openclaw/channel-require-mention',
      'openclaw/session-dm-scope',
      'openclaw/sandbox-off',
      'openclaw/sandbox-dangerous-docker',
      'openclaw/exec-full-trust',
      'openclaw/elevated-wildcard',
      'openclaw/untrusted-full-tools',
      'openclaw/reader-with-operator-tools',
      'openclaw/hooks-endpoint',
      'openclaw/secret-in-config',
      'openclaw/secret-in-state',
      'openclaw/state-permissions',
      'openclaw/retention',
      'openclaw/skill-risk',
      'openclaw/soul-directives',
    ])
      expect(ids, id).toContain(id);
    const config = path.join(f.home, '.openclaw', 'openclaw.json');
    const byId = (id: string) => findings.filter((x) => x.checkId === id);
    // bind 'lan' is on line 4, the open dmPolicy on line 14 of INSECURE_CONFIG.
    expect(byId('openclaw/gateway-exposed')[0]).toMatchObject({ file: config, line: 4, severity: 'high' });
    expect(byId('openclaw/channel-dm-policy')[0]).toMatchObject({
      file: config,
      line: 14,
      severity: 'critical',
    });
    expect(byId('openclaw/exec-full-trust')[0]?.severity).toBe('critical');
    // Both secrets in the config, masked; the transcript's token too; no value appears anywhere.
    expect(byId('openclaw/secret-in-config').map((x) => x.line)).toEqual([10, 13]);
    const all = JSON.stringify(findings);
    expect(all).not.toContain('Qm7Xc2Lp9Rt4Vb8Nw1Ks6Hd3Fg5Jz0Ay2Ue7Io4Pq9');
    expect(all).not.toContain('Hk3Jd8Lq2Zx9Vb4Nm7Pw1Rt6Ys0Uc5IeQ');
    expect(all).not.toContain('Zx8Cv7Bn6Mq5Wl4Ek3Rj2Th1Yg0Uf9Id8Os7P');
    // What the built-in audit misses: the download without sha256 and the missing provenance (skill-risk);
    // the shell and Python scripts are the skills scanner's (below).
    const skill = byId('openclaw/skill-risk').map(
      (x) => `${path.basename(path.dirname(x.file ?? ''))}:${x.message.match(/\[(.*)\]/)?.[1]}`,
    );
    expect(skill).toEqual(
      expect.arrayContaining([
        'download:download-without-sha256',
        'download:no-provenance',
        'crypto-tracker:no-provenance',
      ]),
    );
    expect(byId('openclaw/state-permissions').map((x) => path.basename(x.file ?? ''))).toEqual(
      expect.arrayContaining([
        '.openclaw',
        'openclaw.json',
        'credentials',
        'sessions',
        'sessions.json',
        'gateway.log',
      ]),
    );
    for (const x of findings) {
      expect(x.message.length).toBeGreaterThan(10);
      expect(x.fix?.length ?? 0).toBeGreaterThan(10);
      expect(x.file).toBeDefined();
    }
  });

  it('insecure home: the skills scanner reports the shell and Python skill OpenClaw never scans', async () => {
    const f = home(insecureHome);
    const { findings } = await runAudit(f.ctx, allChecks, ['skills']);
    const files = findings
      .filter((x) => x.checkId === 'skills/dangerous-skill')
      .map((x) => path.basename(x.file ?? ''));
    expect(files).toEqual(expect.arrayContaining(['sync.sh', 'exfil.py']));
  });

  it('hardened home: nothing above low', async () => {
    const findings = await audit(home(hardenedHome));
    const above = findings.filter((x) => severityRank(x.severity) > severityRank('low'));
    expect(above.map((x) => `${x.checkId}: ${x.message}`)).toEqual([]);
  });

  it('legacy Clawdbot: ~/.clawdbot/clawdbot.json is the config, findings point into it, CLAWDBOT_* is ignored', async () => {
    const f = home(legacyClawdbotHome);
    const findings = await audit(f);
    const file = path.join(f.home, '.clawdbot', 'clawdbot.json');
    expect(findings.find((x) => x.checkId === 'openclaw/gateway-exposed')).toMatchObject({ file, line: 3 });
    const legacy = findings.filter((x) => x.checkId === 'openclaw/legacy-install').map((x) => x.message);
    expect(legacy.some((m) => m.includes('$CLAWDBOT_GATEWAY_TOKEN') && m.includes('ignores'))).toBe(true);
    expect(legacy.some((m) => m.includes('legacy state dir'))).toBe(true);
  });

  it('profile: OPENCLAW_PROFILE=work audits ~/.openclaw-work, not ~/.openclaw', async () => {
    const f = home(profileHome);
    const findings = await audit(f);
    const dm = findings.filter((x) => x.checkId === 'openclaw/channel-dm-policy');
    expect(dm).toHaveLength(1);
    expect(dm[0]).toMatchObject({ file: path.join(f.home, '.openclaw-work', 'openclaw.json'), line: 3 });
    expect(dm[0]?.message).toContain('slack');
  });

  it('discovery: OPENCLAW_CONFIG_PATH, OPENCLAW_STATE_DIR and OPENCLAW_HOME move the install; MOLTBOT_* is ignored legacy', async () => {
    const files = {
      '~/.openclaw/openclaw.json': { content: '{}\n', mode: 0o600 },
      '~/cfg/oc.json5': { content: "{\n  gateway: { bind: 'lan' },\n}\n", mode: 0o600 },
      '~/state/openclaw.json': {
        content: "{\n  channels: { telegram: { dmPolicy: 'open' } },\n}\n",
        mode: 0o600,
      },
      '~/alt/.openclaw/openclaw.json': {
        content: "{\n  session: { dmScope: 'main' },\n  channels: { slack: { allowFrom: ['*'] } },\n}\n",
        mode: 0o600,
      },
    };
    const located = async (env: Record<string, string>, id: string) => {
      const f = home({ files, env });
      const x = (await audit(f)).find((y) => y.checkId === id);
      return x && { file: path.relative(f.home, x.file ?? ''), line: x.line };
    };
    expect(await located({ OPENCLAW_CONFIG_PATH: '~/cfg/oc.json5' }, 'openclaw/gateway-exposed')).toEqual({
      file: 'cfg/oc.json5',
      line: 2,
    });
    expect(await located({ OPENCLAW_STATE_DIR: '~/state' }, 'openclaw/channel-dm-policy')).toEqual({
      file: 'state/openclaw.json',
      line: 2,
    });
    const f = home({ files, env: { OPENCLAW_HOME: '~/alt', MOLTBOT_GATEWAY_TOKEN: 'moltbot-token-0000' } });
    const findings = await audit(f);
    expect(findings.find((x) => x.checkId === 'openclaw/channel-dm-policy')).toMatchObject({
      file: path.join(f.home, 'alt', '.openclaw', 'openclaw.json'),
      line: 3,
    });
    const legacy = findings.filter((x) => x.checkId === 'openclaw/legacy-install');
    expect(legacy.map((x) => x.message).join('\n')).toMatch(
      /\$MOLTBOT_GATEWAY_TOKEN is set, but OpenClaw ignores/,
    );
    expect(JSON.stringify(findings)).not.toContain('moltbot-token-0000');
  });

  it('invalid config: each rejected key is a finding at its line, and the rest is still audited', async () => {
    const f = home(invalidConfigHome);
    const findings = await audit(f);
    const invalid = findings.filter((x) => x.checkId === 'openclaw/config-invalid');
    expect(invalid.map((x) => [x.line, /retired|not a key/.exec(x.message)?.[0]])).toEqual([
      [2, 'retired'],
      [3, 'not a key'],
    ]);
    expect(findings.find((x) => x.checkId === 'openclaw/channel-dm-policy')).toMatchObject({
      line: 4,
      severity: 'critical',
    });
  });

  it('$include: values are merged and located in the file that writes them', async () => {
    const f = home(includeHome);
    const findings = await audit(f);
    const dir = path.join(f.home, '.openclaw');
    expect(findings.find((x) => x.checkId === 'openclaw/gateway-exposed')).toMatchObject({
      file: path.join(dir, 'gateway.json5'),
      line: 3,
    });
    expect(findings.find((x) => x.checkId === 'openclaw/channel-dm-policy')).toMatchObject({
      file: path.join(dir, 'channels.json5'),
      line: 4,
    });
    expect(
      findings.some((x) => x.checkId === 'openclaw/channel-dm-policy' && x.message.includes('discord')),
    ).toBe(false);
    expect(findings.filter((x) => x.checkId === 'openclaw/config-invalid')).toEqual([]);
  });

  it('$include: a cycle, a missing file and a path outside the roots are findings, not crashes', async () => {
    const f = home({
      files: {
        '~/.openclaw/openclaw.json': "{ $include: ['./a.json5', './missing.json5', '/etc/passwd'] }\n",
        '~/.openclaw/a.json5': "{ $include: './openclaw.json' }\n",
      },
    });
    const messages = (await audit(f))
      .filter((x) => x.checkId === 'openclaw/config-invalid')
      .map((x) => x.message);
    expect(messages.some((m) => m.includes('include cycle'))).toBe(true);
    expect(messages.some((m) => m.includes('does not exist'))).toBe(true);
    expect(messages.some((m) => m.includes('OPENCLAW_INCLUDE_ROOTS'))).toBe(true);
  });

  it('SQLite state is read: a key pasted into a session row of openclaw-agent.sqlite is found, masked', async () => {
    const db = fs.readFileSync(
      path.resolve(import.meta.dirname, '../../fixtures/openclaw-state/openclaw-agent.sqlite'),
    );
    const withKey = home({
      files: {
        '~/.openclaw/openclaw.json': { content: '{}\n', mode: 0o600 },
        '~/.openclaw/agents/main/agent/openclaw-agent.sqlite': { bytes: [...db], mode: 0o600 },
      },
    });
    const found = (await audit(withKey)).filter((x) => x.checkId === 'openclaw/secret-in-state');
    expect(found.map((x) => [path.basename(x.file ?? ''), x.severity])).toEqual([
      ['openclaw-agent.sqlite', 'medium'],
    ]);
    expect(found[0]?.message).toMatch(/holds 1 secret\(s\).*anthropic-api-key/);
    expect(found[0]?.evidence).toMatch(/^sk-a\*+\[redacted/);
    expect(JSON.stringify(found)).not.toContain('Lp9Rt4Vb8Nw1Ks6Hd3Fg5Jz0Ay2');
    // The same database without the pasted key (the bytes of the key overwritten) yields nothing.
    const at = db.indexOf('sk-ant-api03-');
    const clean = Buffer.from(db);
    clean.fill('x', at, at + 100);
    const without = home({
      files: {
        '~/.openclaw/openclaw.json': { content: '{}\n', mode: 0o600 },
        '~/.openclaw/agents/main/agent/openclaw-agent.sqlite': { bytes: [...clean], mode: 0o600 },
      },
    });
    expect((await audit(without)).filter((x) => x.checkId === 'openclaw/secret-in-state')).toEqual([]);
  });

  it('SecretRefs resolve from env, env files and files; exec is reported, never run', () => {
    const calls: string[] = [];
    const f = home({
      files: {
        '~/.openclaw/openclaw.json':
          '{ secrets: { providers: { vault: { source: "exec", command: "/usr/bin/vault-get" } } } }\n',
        '~/.openclaw/.env': 'FROM_FILE=abc123\n',
        '~/secrets/token.txt': 'file-secret\n',
      },
      env: { FROM_ENV: 'xyz' },
    });
    const run: CommandRunner = async (cmd) => {
      calls.push(cmd);
      return { code: 0, stdout: 'leaked', stderr: '' };
    };
    const ctx = { ...f.ctx, run };
    const cfg = loadOpenclawConfig(ctx);
    expect(resolveSecret(ctx, cfg, '${FROM_ENV}')).toEqual({ kind: 'env', name: 'FROM_ENV', value: 'xyz' });
    expect(resolveSecret(ctx, cfg, { source: 'env', id: 'FROM_FILE' })).toEqual({
      kind: 'env',
      name: 'FROM_FILE',
      value: 'abc123',
    });
    expect(resolveSecret(ctx, cfg, { source: 'file', id: '~/secrets/token.txt' })).toMatchObject({
      kind: 'file',
      value: 'file-secret',
    });
    expect(resolveSecret(ctx, cfg, { source: 'exec', provider: 'vault', id: 'gw' })).toEqual({
      kind: 'exec',
      command: '/usr/bin/vault-get gw',
    });
    expect(calls).toEqual([]);
  });
});

describe('OpenClaw --fix', () => {
  it('repairs bind, dmPolicy, groupPolicy, requireMention, sandbox and modes, keeping comments; secrets are left alone', async () => {
    const f = home(insecureHome);
    const before = await audit(f);
    const result = applyFixes(before, { dryRun: false, now: new Date('2026-11-26T12:00:00Z') });
    expect(result.backups).toHaveLength(1);
    const config = path.join(f.home, '.openclaw', 'openclaw.json');
    const text = fs.readFileSync(config, 'utf8');
    expect(text).toContain('// planted problems, one per line where possible');
    expect(text).toContain("bind: 'loopback'");
    expect(text).toContain("dmPolicy: 'pairing'");
    expect(text).toContain('requireMention: true');
    expect(text).toContain("groupPolicy: 'allowlist'");
    expect(text).toContain("mode: 'non-main'");
    expect(text).toContain("token: 'changeme'");
    expect(text).toContain('sk-ant-api03-FAKE');
    expect(fs.statSync(config).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.join(f.home, '.openclaw')).mode & 0o777).toBe(0o700);
    const again = await audit({ ...f, ctx: { ...f.ctx, memo: freshMemo() } });
    const after = new Set(again.map((x) => x.checkId));
    for (const fixed of [
      'openclaw/gateway-exposed',
      'openclaw/channel-group-policy',
      'openclaw/channel-require-mention',
      'openclaw/sandbox-off',
    ])
      expect(after, fixed).not.toContain(fixed);
    // allowFrom ["*"] is not rewritten (which senders to keep is the owner's call): it stays, as high.
    expect(again.filter((x) => x.checkId === 'openclaw/channel-dm-policy').map((x) => x.severity)).toEqual([
      'high',
    ]);
    // Modes: only what --fix does not own is left (the skill and workspace dirs created by the fixture).
    expect(
      again.filter(
        (x) =>
          x.checkId === 'openclaw/state-permissions' &&
          /openclaw\.json|credentials|sessions/.test(x.file ?? ''),
      ),
    ).toEqual([]);
    expect(after).toContain('openclaw/secret-in-config');
  });

  it('fixes a value where its $include writes it', async () => {
    const f = home(includeHome);
    applyFixes(await audit(f), { dryRun: false });
    const channels = fs.readFileSync(path.join(f.home, '.openclaw', 'channels.json5'), 'utf8');
    expect(channels).toContain("dmPolicy: 'pairing'");
    expect(channels).toContain('// friends only, supposedly');
    expect(fs.readFileSync(path.join(f.home, '.openclaw', 'gateway.json5'), 'utf8')).toContain(
      "bind: 'loopback', // exposed on purpose",
    );
    expect(fs.readFileSync(path.join(f.home, '.openclaw', 'openclaw.json'), 'utf8')).not.toContain('bind');
  });
});

function freshMemo() {
  const store = new Map<string, unknown>();
  return <T>(key: string, compute: () => T): T => {
    if (!store.has(key)) store.set(key, compute());
    return store.get(key) as T;
  };
}
