import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ActivityEntry } from '../../src/log/activity-log.js';
import { loadPolicy } from '../../src/policy/index.js';
import {
  type AlertConfig,
  alertOnEvent,
  classifyAlerts,
  deliverAlerts,
  webhookBody,
} from '../../src/respond/alerts.js';

const FAKE_KEY = 'sk-ant-api03-Qw3rTy7uIoP9aSdFgHjKlZxCvBnM1234567890aXcdEFqH';

function ev(over: Partial<ActivityEntry>): ActivityEntry {
  return {
    ts: '2026-11-26T12:00:00.000Z',
    session: 's1',
    event: 'PreToolUse',
    tool: 'Bash',
    verdict: 'allow',
    ruleId: 'policy/no-rule',
    reason: '',
    summary: 'ls',
    ...over,
  };
}

describe('classifyAlerts', () => {
  const kinds = (over: Partial<ActivityEntry>) => classifyAlerts(ev(over)).map((a) => a.kind);

  it('derives each kind from the rule id and verdict', () => {
    expect(
      kinds({
        ruleId: 'protected-path/read-secret',
        verdict: 'deny',
        tool: 'Read',
        summary: '~/.ssh/id_ed25519',
      }),
    ).toEqual(['credential-access']);
    expect(kinds({ ruleId: 'shell/read-credentials', verdict: 'ask' })).toEqual(['credential-access']);
    expect(kinds({ ruleId: 'role/builder/credentials', verdict: 'ask' })).toEqual(['credential-access']);
    expect(kinds({ ruleId: 'shell/rm-recursive', verdict: 'deny' })).toEqual(['denied-action']);
    expect(
      kinds({
        ruleId: 'network/unknown-domain',
        verdict: 'ask',
        tool: 'WebFetch',
        summary: 'https://evil.example/x',
      }),
    ).toEqual(['new-egress-host']);
    expect(kinds({ ruleId: 'shell/git-push', verdict: 'ask', summary: 'git push origin main' })).toEqual([
      'repo-push',
    ]);
    expect(kinds({ ruleId: 'role/builder/git-push', verdict: 'allow' })).toEqual(['repo-push']);
    expect(
      kinds({ ruleId: 'shell/package-install', verdict: 'ask', summary: 'npm install left-pad' }),
    ).toEqual(['package-install']);
    expect(kinds({ ruleId: 'skills/drift', event: 'SessionStart', verdict: 'ask' })).toEqual(['drift']);
    expect(kinds({ ruleId: 'budget/alert50', event: 'UserPromptSubmit' })).toEqual(['spend-threshold']);
    expect(kinds({ ruleId: 'kill-switch', verdict: 'deny' })).toEqual(['kill-switch']);
  });

  it('stays quiet about ordinary work and hosts the policy trusts', () => {
    expect(kinds({ ruleId: 'policy/no-rule' })).toEqual([]);
    expect(kinds({ ruleId: 'role/builder/read' })).toEqual([]);
    expect(kinds({ ruleId: 'network/allowlisted', summary: 'https://github.com/x' })).toEqual([]);
  });

  it('a denied egress is a denied action, not egress', () => {
    expect(
      kinds({ ruleId: 'network/denied-domain', verdict: 'deny', summary: 'https://pastebin.com/x' }),
    ).toEqual(['denied-action']);
  });

  it('redacts what it quotes', () => {
    const [a] = classifyAlerts(
      ev({ ruleId: 'credentials/env-secret', verdict: 'deny', summary: `echo ${FAKE_KEY}` }),
    );
    expect(a?.text).not.toContain(FAKE_KEY.slice(10, 40));
    expect(a?.text).toMatch(/^agentwarden: credential access attempt: deny Bash: /);
  });
});

describe('webhookBody', () => {
  it('carries the same text as Slack `text` and Discord `content`, under 2000 characters', () => {
    const alerts = classifyAlerts(
      ev({ ruleId: 'shell/rm-recursive', verdict: 'deny', summary: 'x'.repeat(1700) }),
    );
    const body = webhookBody([...alerts, ...alerts], 3);
    expect(body.text).toBe(body.content);
    expect(body.content.length).toBeLessThanOrEqual(2000);
    expect(webhookBody(alerts, 3).text).toMatch(/\(3 more alert\(s\) held back by the rate limit\)$/);
  });
});

interface Receiver {
  url: string;
  bodies: { text: string; content: string }[];
  close(): Promise<void>;
}

/** A webhook stand-in on 127.0.0.1 (random port); `hang` never answers. */
async function receiver(mode: 'ok' | 'fail' | 'hang' = 'ok'): Promise<Receiver> {
  const bodies: Receiver['bodies'] = [];
  const server = http.createServer((req, res) => {
    let text = '';
    req.on('data', (c) => {
      text += c;
    });
    req.on('end', () => {
      bodies.push(JSON.parse(text));
      if (mode === 'hang') return;
      res.writeHead(mode === 'ok' ? 200 : 500).end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/services/T000/B000/s3cretpath`,
    bodies,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  dirs = [];
});
function stateDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-alerts-'));
  dirs.push(d);
  return path.join(d, 'state');
}

describe('deliverAlerts', () => {
  const denied = (summary: string) => ev({ ruleId: 'shell/rm-recursive', verdict: 'deny', summary });

  it('posts {text, content} and de-duplicates the same alert within the window', async () => {
    const rx = await receiver();
    try {
      const config: AlertConfig = { webhook: { url: rx.url } };
      const o = { config, env: {}, stateDir: stateDir(), now: new Date('2026-11-26T12:00:00Z') };
      expect(await alertOnEvent(denied('rm -rf /srv'), o)).toMatchObject({
        sent: 1,
        duplicates: 0,
        warnings: [],
      });
      expect(
        await alertOnEvent(denied('rm -rf /srv'), { ...o, now: new Date('2026-11-26T12:10:00Z') }),
      ).toMatchObject({
        sent: 0,
        duplicates: 1,
      });
      expect(
        await alertOnEvent(denied('rm -rf /srv'), { ...o, now: new Date('2026-11-26T12:16:00Z') }),
      ).toMatchObject({
        sent: 1,
      });
      expect(rx.bodies).toHaveLength(2);
      expect(rx.bodies[0]?.text).toBe(rx.bodies[0]?.content);
      expect(rx.bodies[0]?.text).toContain('action denied: deny Bash: rm -rf /srv [shell/rm-recursive]');
    } finally {
      await rx.close();
    }
  });

  it('rate-limits per minute and counts what it held back into the next message', async () => {
    const rx = await receiver();
    try {
      const o = { config: { webhook: { url: rx.url }, maxPerMinute: 2 }, env: {}, stateDir: stateDir() };
      const at = (s: number) => new Date(Date.UTC(2026, 10, 26, 12, 0, s));
      const results = [];
      for (let i = 0; i < 5; i++) results.push(await alertOnEvent(denied(`cmd ${i}`), { ...o, now: at(i) }));
      expect(results.map((r) => [r.sent, r.rateLimited])).toEqual([
        [1, 0],
        [1, 0],
        [0, 1],
        [0, 1],
        [0, 1],
      ]);
      await alertOnEvent(denied('later'), { ...o, now: at(70) });
      expect(rx.bodies).toHaveLength(3);
      expect(rx.bodies[2]?.text).toMatch(/later[\s\S]*\(3 more alert\(s\) held back by the rate limit\)/);
    } finally {
      await rx.close();
    }
  });

  it('reports an egress host once, ever', async () => {
    const rx = await receiver();
    try {
      const o = { config: { webhook: { url: rx.url } }, env: {}, stateDir: stateDir() };
      const fetchOf = (url: string) =>
        ev({ ruleId: 'network/unknown-domain', verdict: 'ask', tool: 'WebFetch', summary: url });
      expect((await alertOnEvent(fetchOf('https://new.example/a'), o)).sent).toBe(1);
      expect(
        (
          await alertOnEvent(fetchOf('https://NEW.example/b'), {
            ...o,
            now: new Date(Date.now() + 86_400_000),
          })
        ).sent,
      ).toBe(0);
      expect((await alertOnEvent(fetchOf('https://other.example/'), o)).sent).toBe(1);
    } finally {
      await rx.close();
    }
  });

  it('never blocks long nor throws, and never names the webhook URL in a warning', async () => {
    for (const mode of ['hang', 'fail'] as const) {
      const rx = await receiver(mode);
      try {
        const started = Date.now();
        const r = await alertOnEvent(denied('rm -rf /'), {
          config: { webhook: { url: rx.url } },
          env: {},
          stateDir: stateDir(),
          timeoutMs: 300,
        });
        expect(Date.now() - started).toBeLessThan(5000);
        expect(r.sent).toBe(0);
        expect(r.warnings).toHaveLength(1);
        expect(r.warnings[0]).toMatch(mode === 'hang' ? /not reached: TimeoutError/ : /answered HTTP 500/);
        expect(r.warnings[0]).not.toContain('s3cretpath');
      } finally {
        await rx.close();
      }
    }
    const unreachable = await alertOnEvent(denied('x'), {
      config: { webhook: { url: 'http://127.0.0.1:1/hook/s3cretpath' } },
      env: {},
      stateDir: stateDir(),
    });
    expect(unreachable.warnings[0]).toMatch(/^alert webhook at http:\/\/127\.0\.0\.1:1 not reached/);
  });

  it('reads the URL from the environment variable the policy names', async () => {
    const rx = await receiver();
    try {
      const config: AlertConfig = { webhook: { urlEnv: 'AW_TEST_WEBHOOK' } };
      const missing = await deliverAlerts(classifyAlerts(denied('a')), {
        config,
        env: {},
        stateDir: stateDir(),
      });
      expect(missing.warnings).toEqual(['alert webhook: $AW_TEST_WEBHOOK is not set']);
      const r = await deliverAlerts(classifyAlerts(denied('a')), {
        config,
        env: { AW_TEST_WEBHOOK: rx.url },
        stateDir: stateDir(),
      });
      expect(r.sent).toBe(1);
    } finally {
      await rx.close();
    }
  });

  it('does nothing without a webhook', async () => {
    const dir = stateDir();
    expect(await alertOnEvent(denied('a'), { config: undefined, env: {}, stateDir: dir })).toMatchObject({
      sent: 0,
      warnings: [],
    });
    expect(fs.existsSync(dir)).toBe(false);
  });
});

describe('alerts in the policy', () => {
  it('are read from the user file only: a project cannot send alerts elsewhere', () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-alerts-home-'));
    dirs.push(home);
    const project = path.join(home, 'proj');
    fs.mkdirSync(path.join(home, '.config', 'agentwarden'), { recursive: true });
    fs.mkdirSync(project);
    fs.writeFileSync(
      path.join(home, '.config', 'agentwarden', 'policy.yaml'),
      'alerts:\n  webhook: { urlEnv: MY_HOOK }\n  maxPerMinute: 3\nlog: { retentionDays: 30 }\n',
    );
    fs.writeFileSync(
      path.join(project, 'agentwarden.policy.yaml'),
      'alerts:\n  webhook: { url: "https://attacker.example/hook" }\nlog: { retentionDays: 0 }\n',
    );
    const loaded = loadPolicy({ home, project, env: {} });
    if (!loaded.ok) throw new Error(loaded.error);
    expect(loaded.policy.limits.alerts).toEqual({ webhook: { urlEnv: 'MY_HOOK' }, maxPerMinute: 3 });
    expect(loaded.policy.limits.log).toEqual({ retentionDays: 30 });
    expect(loaded.provenance.ignored.map((i) => i.key).sort()).toEqual(['alerts', 'log']);
  });
});
