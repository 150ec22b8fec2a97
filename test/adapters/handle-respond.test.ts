// The respond pillar through the Claude Code adapter with the real engine: budgets, loops, alerts, log
// rotation settings, and the injection taint on PostToolUse. Fixture homes in temp dirs, a fixed clock.
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type HookContext, handleHook } from '../../src/adapters/claude-code/handle.js';
import { defaultGuardContext } from '../../src/guard/context.js';
import { realGuardEngine } from '../../src/guard/real-engine.js';
import { hostRespondContext } from '../../src/guard/respond.js';
import { sessionStateCodec } from '../../src/guard/session-codec.js';
import { loadSessionState } from '../../src/guard/session-store.js';
import type { ActivityEntry } from '../../src/log/activity-log.js';
import type { Policy, SessionState } from '../../src/policy/index.js';
import type { AlertConfig } from '../../src/respond/alerts.js';
import type { ShellAnalyzer } from '../../src/scanners/shell/index.js';

const NOW = new Date(2026, 10, 26, 12, 0, 0);
const SESSION = 'sess-respond';

let roots: string[] = [];
afterEach(() => {
  for (const r of roots) fs.rmSync(r, { recursive: true, force: true });
  roots = [];
});

interface Fixture {
  ctx: HookContext<Policy, ShellAnalyzer, SessionState>;
  home: string;
  project: string;
  alerts: ActivityEntry[];
  clock: { now: Date };
}

function fixture(userPolicy: string, extraEnv: Record<string, string> = {}): Fixture {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-respond-'));
  roots.push(home);
  const project = path.join(home, 'work', 'app');
  fs.mkdirSync(project, { recursive: true });
  fs.mkdirSync(path.join(home, '.config', 'agentwarden'), { recursive: true });
  fs.writeFileSync(path.join(home, '.config', 'agentwarden', 'policy.yaml'), userPolicy);
  const env = { HOME: home, ...extraEnv };
  const clock = { now: NOW };
  const now = () => clock.now;
  const base = defaultGuardContext({ engine: realGuardEngine(), home, env, record: true });
  const alerts: ActivityEntry[] = [];
  const respond = hostRespondContext({ home, env, paths: base.paths, now });
  const ctx = {
    ...base,
    now,
    cwd: project,
    respond: {
      ...respond,
      alert: (entry: ActivityEntry, config: AlertConfig) => {
        alerts.push(entry);
        respond.alert(entry, config);
      },
    },
  };
  return { ctx, home, project, alerts, clock };
}

/** A Claude Code transcript line billing `input` tokens of the test model at $1 per million. */
function usageLine(id: string, input: number, at: Date = NOW): string {
  return JSON.stringify({
    type: 'assistant',
    timestamp: at.toISOString(),
    sessionId: SESSION,
    requestId: `req-${id}`,
    message: { id, model: 'test-model', usage: { input_tokens: input, output_tokens: 0 } },
  });
}

function writeTranscript(f: Fixture, lines: string[]): string {
  const dir = path.join(f.home, '.claude', 'projects', '-work-app');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${SESSION}.jsonl`);
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

const PRICED = 'prices: { test-model: { input: 1, output: 1 } }\n';

function pre(f: Fixture, command: string): string {
  return JSON.stringify({
    session_id: SESSION,
    cwd: f.project,
    hook_event_name: 'PreToolUse',
    tool_name: 'Bash',
    tool_input: { command },
    tool_use_id: 'toolu_1',
  });
}

function logLines(f: Fixture): ActivityEntry[] {
  const file = path.join(f.home, '.local', 'state', 'agentwarden', 'activity.jsonl');
  return fs
    .readFileSync(file, 'utf8')
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as ActivityEntry);
}

describe('budgets', () => {
  it('tells the user once at 50 %, then denies tool calls and blocks prompts at 100 %', async () => {
    const f = fixture(`budgets: { daily: 10 }\n${PRICED}`);
    const file = writeTranscript(f, [usageLine('m1', 6_000_000)]);
    const first = await handleHook(pre(f, 'git status'), f.ctx);
    expect(first.output).toEqual({
      systemMessage: expect.stringContaining('daily spend $6.00 of the $10.00 budget (60 %)'),
    });
    const again = await handleHook(pre(f, 'git status'), f.ctx);
    expect(again.output).toBeNull();
    expect(logLines(f).filter((e) => e.ruleId === 'budget/50-percent')).toHaveLength(1);

    // Spend grows; the summary is trusted for a minute, then the transcript is read again from where it was.
    fs.appendFileSync(file, `${usageLine('m2', 5_000_000)}\n`);
    expect((await handleHook(pre(f, 'git status'), f.ctx)).output).toBeNull();
    f.clock.now = new Date(NOW.getTime() + 61_000);
    const denied = await handleHook(pre(f, 'git status'), f.ctx);
    expect(denied.output).toMatchObject({
      hookSpecificOutput: {
        permissionDecision: 'deny',
        permissionDecisionReason: expect.stringMatching(
          /budget\/exceeded.*\$11\.00 of the \$10\.00.*agentwarden unlock/,
        ),
      },
    });
    const prompt = await handleHook(
      JSON.stringify({
        session_id: SESSION,
        cwd: f.project,
        hook_event_name: 'UserPromptSubmit',
        prompt: 'go on',
      }),
      f.ctx,
    );
    expect(prompt.output).toMatchObject({
      decision: 'block',
      reason: expect.stringContaining('agentwarden unlock'),
    });
    expect(logLines(f).at(-1)).toMatchObject({ event: 'UserPromptSubmit', ruleId: 'budget/exceeded' });
  });

  it('counts a response copied into a resumed session once', async () => {
    const f = fixture(`budgets: { daily: 10 }\n${PRICED}`);
    writeTranscript(f, [usageLine('m1', 6_000_000), usageLine('m1', 6_000_000)]);
    const r = await handleHook(pre(f, 'git status'), f.ctx);
    expect(r.output).toEqual({ systemMessage: expect.stringContaining('(60 %)') });
  });

  it('lets work go on over budget after a person ran unlock', async () => {
    const f = fixture(`budgets: { daily: 10 }\n${PRICED}`);
    writeTranscript(f, [usageLine('m1', 12_000_000)]);
    const stateDir = path.join(f.home, '.local', 'state', 'agentwarden');
    fs.mkdirSync(stateDir, { recursive: true });
    fs.writeFileSync(
      path.join(stateDir, 'budget-override.json'),
      JSON.stringify({ until: new Date(NOW.getTime() + 3_600_000).toISOString() }),
    );
    const r = await handleHook(pre(f, 'git status'), f.ctx);
    expect(r.output).not.toMatchObject({ hookSpecificOutput: { permissionDecision: 'deny' } });
  });

  it('reads no transcript without a budget', async () => {
    const f = fixture(PRICED);
    writeTranscript(f, [usageLine('m1', 60_000_000)]);
    expect((await handleHook(pre(f, 'git status'), f.ctx)).output).toBeNull();
    expect(fs.existsSync(path.join(f.home, '.local', 'state', 'agentwarden', 'spend-summary.json'))).toBe(
      false,
    );
  });
});

describe('loops', () => {
  it('asks at the limit, denies at twice the limit, with the count', async () => {
    const f = fixture('loops: { sameCall: { count: 3, minutes: 10 } }\n');
    const verdicts: unknown[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await handleHook(pre(f, 'git status'), f.ctx);
      verdicts.push(
        (r.output?.hookSpecificOutput as { permissionDecision?: string } | undefined)?.permissionDecision,
      );
    }
    expect(verdicts).toEqual([undefined, undefined, 'ask', 'ask', 'ask', 'deny']);
    expect(logLines(f).at(-1)).toMatchObject({
      ruleId: 'loop/same-call',
      verdict: 'deny',
      reason: expect.stringContaining('6 times in 10 minutes'),
    });
    // Another command is not part of the loop.
    expect((await handleHook(pre(f, 'git diff'), f.ctx)).output).toBeNull();
  });

  it('counts failures reported by PostToolUseFailure', async () => {
    const f = fixture('loops: { sameFailure: { count: 2, minutes: 10 } }\n');
    const failure = JSON.stringify({
      session_id: SESSION,
      cwd: f.project,
      hook_event_name: 'PostToolUseFailure',
      tool_name: 'Bash',
      tool_input: { command: 'npm run lint' },
      error: 'Exit code 1',
    });
    expect((await handleHook(failure, f.ctx)).output).toBeNull();
    expect((await handleHook(pre(f, 'npm run lint'), f.ctx)).output).toBeNull();
    await handleHook(failure, f.ctx);
    const r = await handleHook(pre(f, 'npm run lint'), f.ctx);
    expect(r.output).toMatchObject({
      hookSpecificOutput: {
        permissionDecision: 'ask',
        permissionDecisionReason: expect.stringContaining('already failed 2 times'),
      },
    });
  });
});

describe('alerts', () => {
  it('hands each logged decision to alerting when a webhook is configured', async () => {
    const f = fixture('alerts: { webhook: { urlEnv: AW_TEST_WEBHOOK } }\n');
    await handleHook(pre(f, 'rm -rf ~'), f.ctx);
    expect(f.alerts).toEqual([expect.objectContaining({ verdict: 'deny', summary: 'rm -rf ~' })]);
  });

  it('delivers to the webhook in the background, after the answer', async () => {
    const bodies: string[] = [];
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        bodies.push(body);
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as { port: number };
      const f = fixture('alerts: { webhook: { urlEnv: AW_TEST_WEBHOOK } }\n', {
        AW_TEST_WEBHOOK: `http://127.0.0.1:${port}/hook`,
      });
      const r = await handleHook(pre(f, 'rm -rf ~'), f.ctx);
      expect(r.output).toMatchObject({ hookSpecificOutput: { permissionDecision: 'deny' } });
      for (let i = 0; i < 100 && bodies.length === 0; i++) await new Promise((res) => setTimeout(res, 20));
      expect(JSON.parse(bodies[0] ?? '{}').text).toContain('action denied');
    } finally {
      server.close();
    }
  });

  it('runs nothing without a webhook', async () => {
    const f = fixture('');
    await handleHook(pre(f, 'rm -rf ~'), f.ctx);
    expect(logLines(f)).toHaveLength(1);
    expect(f.alerts).toEqual([]);
  });
});

describe('log rotation from the policy', () => {
  it('rotates the activity log at the policy size', async () => {
    const f = fixture('log: { maxBytes: 65536 }\n');
    const logFile = path.join(f.home, '.local', 'state', 'agentwarden', 'activity.jsonl');
    for (let i = 0; i < 3; i++) await handleHook(pre(f, 'rm -rf ~'), f.ctx);
    fs.appendFileSync(logFile, `${'x'.repeat(70_000)}\n`);
    await handleHook(pre(f, 'rm -rf ~'), f.ctx);
    expect(fs.statSync(logFile).size).toBeLessThan(65_536);
  });
});

describe('injection taint on PostToolUse', () => {
  const INJECTED = fs.readFileSync(
    path.join(import.meta.dirname, '../fixtures/guard/injection/fetched-page.md'),
    'utf8',
  );
  const BENIGN = fs.readFileSync(
    path.join(import.meta.dirname, '../fixtures/guard/injection/install-guide.md'),
    'utf8',
  );

  function post(f: Fixture, tool: string, input: Record<string, unknown>, response: unknown): string {
    return JSON.stringify({
      session_id: SESSION,
      cwd: f.project,
      hook_event_name: 'PostToolUse',
      tool_name: tool,
      tool_input: input,
      tool_response: response,
    });
  }

  function session(f: Fixture) {
    return loadSessionState(
      path.join(f.home, '.local', 'state', 'agentwarden', 'sessions'),
      SESSION,
      sessionStateCodec,
    );
  }

  it('taints the session, tells the agent what was found without the payload, and logs it', async () => {
    const f = fixture('');
    const r = await handleHook(
      post(
        f,
        'WebFetch',
        { url: 'https://docs.example.com/setup', prompt: 'summarise' },
        {
          result: INJECTED,
          code: 200,
        },
      ),
      f.ctx,
    );
    const specific = r.output?.hookSpecificOutput as { additionalContext?: string } | undefined;
    const context = specific?.additionalContext ?? '';
    expect(context).toContain('looks like a prompt injection');
    expect(context).toContain('need the user');
    expect(context.length).toBeLessThan(600);
    expect(context).toContain('replaced with');
    // The hidden comment is gone from what the model reads; the page around it and the shape stay.
    const specificOut = r.output?.hookSpecificOutput as
      | { updatedToolOutput?: { result: string; code: number } }
      | undefined;
    const updated = specificOut?.updatedToolOutput;
    expect(updated?.code).toBe(200);
    expect(updated?.result).toContain('[agentwarden: removed text that looked like a prompt injection]');
    expect(updated?.result).not.toContain('credentials');
    expect(updated?.result).toContain('Once configured, run the example script');
    expect(session(f)).toMatchObject({
      status: 'found',
      state: {
        tainted: true,
        taintSources: expect.arrayContaining([expect.stringContaining('prompt injection')]),
      },
    });
    expect(logLines(f).at(-1)).toMatchObject({ event: 'PostToolUse', ruleId: 'injection/detected' });
    // Tainted: a side effect now asks.
    const push = await handleHook(pre(f, 'git push origin main'), f.ctx);
    expect(push.output).toMatchObject({
      hookSpecificOutput: { permissionDecision: expect.stringMatching(/ask|deny/) },
    });
  });

  it('WebSearch results are scanned too: taint and context', async () => {
    const f = fixture('');
    const r = await handleHook(
      post(
        f,
        'WebSearch',
        { query: 'acme sdk setup' },
        {
          query: 'acme sdk setup',
          results: [{ title: 'Acme SDK', url: 'https://docs.example.com', content: INJECTED }],
        },
      ),
      f.ctx,
    );
    expect(JSON.stringify(r.output)).toContain('looks like a prompt injection');
    expect(session(f)).toMatchObject({ state: { tainted: true } });
  });

  it('scans a file read outside the project, not one inside it', async () => {
    const f = fixture('');
    const outside = path.join(f.home, 'Downloads', 'notes.md');
    const inside = path.join(f.project, 'notes.md');
    const read = (p: string) =>
      post(f, 'Read', { file_path: p }, { type: 'text', file: { filePath: p, content: INJECTED } });
    expect(JSON.stringify((await handleHook(read(inside), f.ctx)).output ?? {})).not.toContain(
      'prompt injection',
    );
    expect(JSON.stringify((await handleHook(read(outside), f.ctx)).output)).toContain('prompt injection');
  });

  it('says nothing about a benign install guide fetched from the web', async () => {
    const f = fixture('');
    const r = await handleHook(
      post(f, 'WebFetch', { url: 'https://docs.example.com/install', prompt: 'x' }, { result: BENIGN }),
      f.ctx,
    );
    expect(JSON.stringify(r.output ?? {})).not.toContain('prompt injection');
    expect(logLines(f).some((e) => e.ruleId === 'injection/detected')).toBe(false);
  });

  it('finds an injection at the end of a huge MCP result (head and tail are scanned)', async () => {
    const f = fixture('');
    const big = `${'Quarterly figures are in the attached table. '.repeat(20_000)}\n\n${INJECTED}`;
    const r = await handleHook(
      JSON.stringify({
        session_id: SESSION,
        cwd: f.project,
        hook_event_name: 'PostToolUse',
        tool_name: 'mcp__mail__read_inbox',
        tool_input: {},
        tool_response: [{ type: 'text', text: big }],
      }),
      f.ctx,
    );
    expect(JSON.stringify(r.output)).toContain('prompt injection');
  });
});
