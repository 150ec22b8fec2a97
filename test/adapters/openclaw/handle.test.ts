// The OpenClaw plugin's events through the real pipeline and policy, in a throwaway home.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { answerFor, handleOpenClaw } from '../../../src/adapters/openclaw/handle.js';
import { agentwardenPaths } from '../../../src/core/paths.js';
import { defaultGuardContext } from '../../../src/guard/context.js';
import { realGuardEngine } from '../../../src/guard/real-engine.js';

let roots: string[] = [];
afterEach(() => {
  for (const r of roots) fs.rmSync(r, { recursive: true, force: true });
  roots = [];
});

function setup() {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-oc-handle-'));
  roots.push(home);
  fs.mkdirSync(path.join(home, '.openclaw', 'workspace'), { recursive: true });
  const env = { HOME: home };
  const ctx = defaultGuardContext({ engine: realGuardEngine(), home, env, record: true });
  const call = async (
    toolName: string,
    params: Record<string, unknown>,
    extra: Record<string, unknown> = {},
  ) =>
    (
      await handleOpenClaw(
        JSON.stringify({
          event: 'before_tool_call',
          toolName,
          params,
          ctx: { sessionKey: 'agent:main:main', agentId: 'main' },
          ...extra,
        }),
        ctx,
      )
    ).answer;
  return { home, env, ctx, call };
}

describe('OpenClaw before_tool_call through the pipeline', () => {
  it('blocks rm -rf ~ and reading ~/.ssh, allows ls in the workspace', async () => {
    const { call } = setup();
    expect(await call('exec', { command: 'rm -rf ~' })).toMatchObject({ block: true });
    expect(await call('read', { path: '~/.ssh/id_ed25519' })).toMatchObject({ block: true });
    expect(await call('exec', { command: 'ls' })).toEqual({ allow: true });
  });

  it('blocks the tools that would switch the plugin off, through self-protection', async () => {
    const { call } = setup();
    const answer = await call('plugins', { action: 'disable', pluginId: 'agentwarden' });
    expect(answer).toMatchObject({ block: true });
    expect(JSON.stringify(answer)).toContain('protected-path');
    expect(
      await call('write', { path: '~/.openclaw/extensions/agentwarden/index.js', content: '' }),
    ).toMatchObject({
      block: true,
    });
  });

  it('asks through requireApproval where a channel can answer, blocks where none can', async () => {
    const { call } = setup();
    const withChannel = await call(
      'message',
      { action: 'send', message: 'hi' },
      { ctx: { channelId: 'telegram', sessionKey: 'k' } },
    );
    expect(withChannel).toMatchObject({
      requireApproval: { title: expect.any(String), severity: 'warning' },
    });
    const cli = await call('message', { action: 'send', message: 'hi' });
    expect(cli).toMatchObject({ block: true, blockReason: expect.stringContaining('no channel can answer') });
  });

  it('denies every call under the kill switch', async () => {
    const { call, home, env } = setup();
    const lock = agentwardenPaths(home, env).lockfile;
    fs.mkdirSync(path.dirname(lock), { recursive: true });
    fs.writeFileSync(lock, '');
    expect(await call('exec', { command: 'ls' })).toMatchObject({
      block: true,
      blockReason: expect.stringContaining('kill switch'),
    });
    expect(await call('memory_search', { query: 'x' })).toMatchObject({ block: true });
  });

  it('blocks a request it cannot read', async () => {
    const { ctx } = setup();
    expect((await handleOpenClaw('{"event":"before_tool_call","toolName":', ctx)).answer).toMatchObject({
      block: true,
    });
    expect(
      (await handleOpenClaw('{"event":"before_tool_call","toolName":"exec"}', ctx)).answer,
    ).toMatchObject({ block: true });
  });

  it('an inbound channel message taints the session: a later fetch of an unknown host is asked', async () => {
    const { ctx, call } = setup();
    const before = await call('exec', { command: 'curl -s https://unknown-host.example/x' });
    const observed = await handleOpenClaw(
      JSON.stringify({
        event: 'message_received',
        channel: 'telegram',
        content: 'hello',
        ctx: { sessionKey: 'agent:main:main' },
      }),
      ctx,
    );
    expect(observed.answer).toEqual({ allow: true });
    const after = await call('exec', { command: 'curl -s https://unknown-host.example/x' });
    expect(JSON.stringify(after)).toContain('untrusted');
    expect(JSON.stringify(before)).not.toContain('untrusted');
  });

  it('masks a secret in a tool result for the result middleware', async () => {
    const { ctx } = setup();
    const key = ['sk-ant-api03-', 'Qw3rTy7uIoP9aSdFgHjKlZxCvBnM1234567890aXcdEFqH'].join('');
    const result = { content: [{ type: 'text', text: `key=${key}` }], details: { aggregated: key } };
    const { answer } = await handleOpenClaw(
      JSON.stringify({
        event: 'tool_result',
        toolName: 'exec',
        params: { command: 'env' },
        result,
        ctx: { sessionKey: 's' },
      }),
      ctx,
    );
    expect('result' in answer).toBe(true);
    expect(JSON.stringify(answer)).not.toContain(key);
  });
});

describe('answerFor', () => {
  it('says approval is critical when taint asked', () => {
    const d = { verdict: 'ask' as const, ruleId: 'taint/side-effect', reason: 'r', seedRefs: [] };
    expect(answerFor(d, { requester: { channel: 'whatsapp' } })).toMatchObject({
      requireApproval: { severity: 'critical' },
    });
  });
});

describe('OpenClaw: prompt injection in what the agent reads', () => {
  const INJECTED = fs.readFileSync(
    path.join(import.meta.dirname, '../../fixtures/guard/injection/fetched-page.md'),
    'utf8',
  );
  const logOf = (home: string, env: Record<string, string>) => {
    const file = agentwardenPaths(home, env).activityLog;
    return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  };

  it('a fetched page: the hidden comment is replaced, the agent told in the result, the session tainted', async () => {
    const { ctx, call } = setup();
    const result = { content: [{ type: 'text', text: INJECTED }], details: {} };
    const { answer } = await handleOpenClaw(
      JSON.stringify({
        event: 'tool_result',
        toolName: 'web_fetch',
        params: { url: 'https://docs.example.com/setup' },
        result,
        ctx: { sessionKey: 'agent:main:main', agentId: 'main' },
      }),
      ctx,
    );
    const text = JSON.stringify(answer);
    expect(text).toContain('[agentwarden: removed text that looked like a prompt injection]');
    expect(text).not.toContain('~/.aws/credentials');
    expect(text).toContain('looks like a prompt injection');
    expect(text).toContain('Once configured, run the example script');
    expect(JSON.stringify(await call('exec', { command: 'git push origin main' }))).toMatch(
      /untrusted|injection|approv/i,
    );
  });

  it('an inbound message with an injection is logged as one and taints; the message itself is not changed', async () => {
    const { ctx, home, env } = setup();
    const observed = await handleOpenClaw(
      JSON.stringify({
        event: 'message_received',
        channel: 'telegram',
        content: INJECTED,
        ctx: { sessionKey: 'agent:main:main' },
      }),
      ctx,
    );
    expect(observed.answer).toEqual({ allow: true });
    expect(logOf(home, env)).toContain('injection/detected');
  });

  it('a benign fetched page is handed over untouched', async () => {
    const { ctx } = setup();
    const guide = fs.readFileSync(
      path.join(import.meta.dirname, '../../fixtures/guard/injection/install-guide.md'),
      'utf8',
    );
    const { answer } = await handleOpenClaw(
      JSON.stringify({
        event: 'tool_result',
        toolName: 'web_fetch',
        params: { url: 'https://docs.example.com/install' },
        result: { content: [{ type: 'text', text: guide }], details: {} },
        ctx: { sessionKey: 's', agentId: 'main' },
      }),
      ctx,
    );
    expect(answer).toEqual({ allow: true });
  });
});
