import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type HookContext, handleHook } from '../../src/adapters/claude-code/handle.js';
import { agentwardenPaths } from '../../src/core/paths.js';
import type { GuardEngine } from '../../src/guard/engine.js';
import { sessionStateCodec } from '../../src/guard/session-codec.js';
import { loadSessionState } from '../../src/guard/session-store.js';
import { appendActivity, verifyActivityLog } from '../../src/log/activity-log.js';
import type { Action, Decision } from '../../src/policy/types.js';
import { sharedFile } from '../helpers/shared.js';

const PAYLOADS = sharedFile('reference', 'claude-code', 'payloads');
const FAKE_KEY = 'sk-ant-api03-Qw3rTy7uIoP9aSdFgHjKlZxCvBnM1234567890aXcdEFqH';

interface FakeSession {
  tainted: boolean;
  taintSources: string[];
}
type FakePolicy = { verdicts: Record<string, Decision['verdict']> };

function payload(name: string, patch: Record<string, unknown> = {}): string {
  return JSON.stringify({ ...JSON.parse(fs.readFileSync(path.join(PAYLOADS, name), 'utf8')), ...patch });
}

let roots: string[] = [];
afterEach(() => {
  for (const r of roots) fs.rmSync(r, { recursive: true, force: true });
  roots = [];
});

interface Harness {
  ctx: HookContext<FakePolicy, string, FakeSession>;
  decided: { action: Action; session: FakeSession; shell: string; sandboxed: boolean }[];
  logFile: string;
  sessionsDir: string;
  lockfile: string;
}

function harness(over: Partial<GuardEngine<FakePolicy, string, FakeSession>> = {}): Harness {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-handle-'));
  roots.push(root);
  const home = path.join(root, 'home');
  const env = { HOME: home };
  const paths = agentwardenPaths(home, env);
  const decided: Harness['decided'] = [];
  const engine: GuardEngine<FakePolicy, string, FakeSession> = {
    loadPolicy: async () => ({ ok: true, policy: { verdicts: { Bash: 'deny', WebFetch: 'ask' } } }),
    shellFor: async (action) => (action.kind === 'exec' ? 'full' : 'simple'),
    decide: (action, input) => {
      decided.push({ action, session: input.session, shell: input.shell, sandboxed: input.sandboxed });
      const verdict = input.policy.verdicts[action.tool] ?? 'allow';
      return {
        verdict,
        ruleId: `fake/${verdict}`,
        reason: `fake ${verdict} for ${action.tool}`,
        seedRefs: [],
      };
    },
    observe: (action, state) =>
      action.tool === 'WebFetch'
        ? { tainted: true, taintSources: [...state.taintSources, 'WebFetch'] }
        : state,
    session: {
      ...sessionStateCodec,
      initial: () => ({ tainted: false, taintSources: [] }),
      tainted: (source) => ({ tainted: true, taintSources: [source] }),
      unreadable: (why) => ({ tainted: true, taintSources: [`unknown (${why})`] }),
    },
    ...over,
  };
  const ctx: HookContext<FakePolicy, string, FakeSession> = {
    engine,
    home,
    env,
    cwd: '/home/dev/acme-api',
    paths,
    now: () => new Date('2026-11-26T12:00:00Z'),
    sandboxed: () => false,
    exists: (p) => fs.existsSync(p),
    realPath: () => undefined,
    sessions: 'stored',
    log: (entry) => {
      const r = appendActivity(paths.activityLog, entry);
      return r.ok ? undefined : r.error;
    },
  };
  return {
    ctx,
    decided,
    logFile: paths.activityLog,
    sessionsDir: paths.sessionsDir,
    lockfile: paths.lockfile,
  };
}

function denyReason(output: Record<string, unknown> | null): string {
  const specific = output?.hookSpecificOutput as Record<string, string> | undefined;
  return specific?.permissionDecisionReason ?? '';
}

function logLines(h: Harness): Record<string, unknown>[] {
  return fs
    .readFileSync(h.logFile, 'utf8')
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l));
}

describe('PreToolUse', () => {
  it('prints exactly the deny JSON Claude Code reads, and logs the decision', async () => {
    const h = harness();
    const r = await handleHook(payload('PreToolUse.Bash.json'), h.ctx);
    expect(r.output).toEqual({
      hookSpecificOutput: {
        hookEventName: 'PreToolUse',
        permissionDecision: 'deny',
        permissionDecisionReason: 'agentwarden [fake/deny]: fake deny for Bash',
      },
    });
    expect(h.decided[0]?.action).toMatchObject({
      tool: 'Bash',
      kind: 'exec',
      command: 'npm test -- --runInBand',
    });
    expect(h.decided[0]?.shell).toBe('full');
    expect(logLines(h)[0]).toMatchObject({
      event: 'PreToolUse',
      tool: 'Bash',
      verdict: 'deny',
      ruleId: 'fake/deny',
      summary: 'npm test -- --runInBand',
      session: '6f1c2e0a-3b7d-4c55-9a1e-2f0d8b7c4e11',
    });
  });

  it('asks with an explicit ask', async () => {
    const r = await handleHook(payload('PreToolUse.WebFetch.json'), harness().ctx);
    expect(r.output).toMatchObject({ hookSpecificOutput: { permissionDecision: 'ask' } });
  });

  it('prints nothing for allow, leaving Claude Code its own permission flow', async () => {
    const h = harness();
    const r = await handleHook(payload('PreToolUse.Edit.json'), h.ctx);
    expect(r.output).toBeNull();
    expect(logLines(h)[0]).toMatchObject({ verdict: 'allow', summary: '/home/dev/acme-api/src/config.ts' });
  });

  it('denies everything while the kill-switch lockfile exists, without consulting the policy', async () => {
    const h = harness();
    fs.mkdirSync(path.dirname(h.lockfile), { recursive: true });
    fs.writeFileSync(h.lockfile, '');
    const r = await handleHook(payload('PreToolUse.Edit.json'), h.ctx);
    expect(r.output).toMatchObject({ hookSpecificOutput: { permissionDecision: 'deny' } });
    expect(JSON.stringify(r.output)).toContain('kill switch');
    expect(h.decided).toHaveLength(0);
  });

  it.each([
    ['not JSON', '{"hook_event_name": "PreToolUse",'],
    ['empty', ''],
    ['an array', '[1,2]'],
    ['no event', '{"tool_name":"Bash"}'],
    ['no tool_input', '{"hook_event_name":"PreToolUse","tool_name":"Bash"}'],
    ['a Bash call without command', '{"hook_event_name":"PreToolUse","tool_name":"Bash","tool_input":{}}'],
    ['a Read without file_path', '{"hook_event_name":"PreToolUse","tool_name":"Read","tool_input":{"x":1}}'],
    ['a non-string cwd', '{"hook_event_name":"PreToolUse","tool_name":"Read","tool_input":{},"cwd":5}'],
  ])('denies a malformed payload: %s', async (_what, text) => {
    const h = harness();
    const r = await handleHook(text, h.ctx);
    expect(r.output).toMatchObject({
      hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'deny' },
    });
    expect(JSON.stringify(r.output)).toMatch(/malformed hook payload/);
    expect(h.decided).toHaveLength(0);
  });

  it('blocks a malformed UserPromptSubmit in the form that event reads', async () => {
    // A PreToolUse-shaped answer to another event is ignored by Claude Code (hookEventName mismatch).
    const r = await handleHook('{"hook_event_name":"UserPromptSubmit","prompt":["x"]}', harness().ctx);
    expect(r.output).toMatchObject({
      decision: 'block',
      hookSpecificOutput: { hookEventName: 'UserPromptSubmit' },
    });
    expect(JSON.stringify(r.output)).toMatch(/malformed hook payload/);
  });

  it('denies when the policy cannot be loaded, naming the problem', async () => {
    const h = harness({
      loadPolicy: async () => ({ ok: false, error: '/x/policy.yaml: line 3: unknown key "rol"' }),
    });
    const r = await handleHook(payload('PreToolUse.Edit.json'), h.ctx);
    const reason = denyReason(r.output);
    expect(reason).toContain('policy error: /x/policy.yaml: line 3');
    expect(reason).toContain('fail closed');
  });

  it('denies when the shell analyzer cannot load', async () => {
    const h = harness({
      shellFor: async () => {
        throw new Error('tree-sitter-bash.wasm: ENOENT\n    at stack frame');
      },
    });
    const r = await handleHook(payload('PreToolUse.Bash.json'), h.ctx);
    const reason = denyReason(r.output);
    expect(reason).toContain('shell analyzer unavailable: tree-sitter-bash.wasm: ENOENT');
    expect(reason).not.toContain('stack frame');
  });

  it('denies on an internal error in decide, with one line and no stack', async () => {
    const h = harness({
      decide: () => {
        throw new TypeError('boom\n    at decide (policy.ts:1:1)');
      },
    });
    const r = await handleHook(payload('PreToolUse.Edit.json'), h.ctx);
    const reason = denyReason(r.output);
    expect(reason).toBe('agentwarden [guard-error]: internal error: boom; blocking (fail closed)');
  });

  it('keeps the deny when the log cannot be written, and says so as a warning', async () => {
    const h = harness();
    fs.mkdirSync(h.logFile, { recursive: true });
    const r = await handleHook(payload('PreToolUse.Bash.json'), h.ctx);
    expect(r.output).toMatchObject({ hookSpecificOutput: { permissionDecision: 'deny' } });
    expect(r.warnings[0]).toContain('activity log');
  });

  it('treats an unreadable session file as tainted', async () => {
    const h = harness();
    fs.mkdirSync(h.sessionsDir, { recursive: true });
    fs.writeFileSync(path.join(h.sessionsDir, '6f1c2e0a-3b7d-4c55-9a1e-2f0d8b7c4e11.json'), '{not json');
    await handleHook(payload('PreToolUse.Edit.json'), h.ctx);
    expect(h.decided[0]?.session.tainted).toBe(true);
  });

  it('never writes a secret from a command into the log', async () => {
    const h = harness();
    const text = payload('PreToolUse.Bash.json', {
      tool_input: { command: `curl -H "Authorization: Bearer ${FAKE_KEY}" https://api.example.com` },
    });
    const r = await handleHook(text, h.ctx);
    const log = fs.readFileSync(h.logFile, 'utf8');
    expect(log).toContain('curl -H');
    expect(log).not.toContain(FAKE_KEY);
    expect(log).not.toContain(FAKE_KEY.slice(10, 40));
    expect(JSON.stringify(r.output)).not.toContain(FAKE_KEY);
    expect(verifyActivityLog(log).ok).toBe(true);
  });
});

describe('PostToolUse', () => {
  it('marks the session tainted after untrusted content, and keeps it tainted', async () => {
    const h = harness();
    const r = await handleHook(payload('PostToolUse.WebFetch.json'), h.ctx);
    expect(r.output).toBeNull();
    const stored = loadSessionState(h.sessionsDir, '6f1c2e0a-3b7d-4c55-9a1e-2f0d8b7c4e11', sessionStateCodec);
    expect(stored).toEqual({ status: 'found', state: { tainted: true, taintSources: ['WebFetch'] } });
    await handleHook(payload('PostToolUse.Read.json'), h.ctx);
    await handleHook(payload('PreToolUse.Edit.json'), h.ctx);
    expect(h.decided.at(-1)?.session).toEqual({ tainted: true, taintSources: ['WebFetch'] });
    expect(logLines(h)[0]).toMatchObject({ event: 'PostToolUse', verdict: 'observe', ruleId: 'taint' });
  });

  it('masks a secret in tool output, keeping the output shape', async () => {
    const h = harness();
    const text = payload('PostToolUse.Bash.json', {
      tool_response: { stdout: `API_KEY=${FAKE_KEY}\n`, stderr: '', interrupted: false, isImage: false },
    });
    const r = await handleHook(text, h.ctx);
    const out = r.output?.hookSpecificOutput as Record<string, unknown>;
    expect(out.hookEventName).toBe('PostToolUse');
    const updated = out.updatedToolOutput as Record<string, unknown>;
    expect(Object.keys(updated)).toEqual(['stdout', 'stderr', 'interrupted', 'isImage']);
    expect(updated.stdout).toMatch(/^API_KEY=.*redacted/);
    expect(JSON.stringify(r.output)).not.toContain(FAKE_KEY);
    expect(typeof out.additionalContext).toBe('string');
  });

  it('prints nothing for clean output', async () => {
    expect((await handleHook(payload('PostToolUse.Read.json'), harness().ctx)).output).toBeNull();
  });

  it('taints the session when it cannot observe (policy error)', async () => {
    const h = harness({ loadPolicy: async () => ({ ok: false, error: 'bad policy' }) });
    const r = await handleHook(payload('PostToolUse.Read.json'), h.ctx);
    expect(r.warnings.join()).toContain('session marked tainted');
    const stored = loadSessionState(h.sessionsDir, '6f1c2e0a-3b7d-4c55-9a1e-2f0d8b7c4e11', sessionStateCodec);
    expect(stored.status === 'found' && stored.state.tainted).toBe(true);
  });
});

describe('UserPromptSubmit', () => {
  it('blocks a prompt holding a secret without repeating it', async () => {
    const h = harness();
    const r = await handleHook(
      payload('UserPromptSubmit.json', { prompt: `use this key ${FAKE_KEY} please` }),
      h.ctx,
    );
    expect(r.output).toMatchObject({
      decision: 'block',
      hookSpecificOutput: { hookEventName: 'UserPromptSubmit', suppressOriginalPrompt: true },
    });
    const all = JSON.stringify(r.output) + fs.readFileSync(h.logFile, 'utf8');
    expect(all).toContain('anthropic-api-key');
    expect(all).not.toContain(FAKE_KEY.slice(0, 20));
  });

  it('lets an ordinary prompt through silently', async () => {
    expect((await handleHook(payload('captured.UserPromptSubmit.json'), harness().ctx)).output).toBeNull();
  });
});

describe('other events', () => {
  it('SessionStart says, briefly, that the guard is active', async () => {
    const r = await handleHook(payload('captured.SessionStart.json'), harness().ctx);
    const out = r.output?.hookSpecificOutput as Record<string, string>;
    expect(out.hookEventName).toBe('SessionStart');
    expect(out.additionalContext).toMatch(/agentwarden guard is active/);
    expect(String(out.additionalContext).length).toBeLessThan(300);
  });

  it('SessionStart warns when the policy is broken', async () => {
    const h = harness({ loadPolicy: async () => ({ ok: false, error: 'bad policy' }) });
    const r = await handleHook(payload('captured.SessionStart.json'), h.ctx);
    expect(JSON.stringify(r.output)).toContain('every tool call will be denied');
  });

  it.each(['Stop.json', 'SessionEnd.json', 'PostToolUseFailure.Bash.json', 'PermissionRequest.Bash.json'])(
    '%s: no output',
    async (name) => {
      expect(await handleHook(payload(name), harness().ctx)).toEqual({ output: null, warnings: [] });
    },
  );
});
