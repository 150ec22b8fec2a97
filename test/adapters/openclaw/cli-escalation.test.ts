// An OpenClaw agent running the OpenClaw CLI through its exec tool: the commands that would lift its own limits
// (rewrite openclaw.json, add exec approvals, run `openclaw agent exec`, whose tool calls fire no plugin hook)
// are decided through the plugin adapter's decision path (handleOpenClaw → pipeline → policy), in a throwaway home.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { handleOpenClaw } from '../../../src/adapters/openclaw/handle.js';
import { defaultGuardContext } from '../../../src/guard/context.js';
import { realGuardEngine } from '../../../src/guard/real-engine.js';

let roots: string[] = [];
afterEach(() => {
  for (const r of roots) fs.rmSync(r, { recursive: true, force: true });
  roots = [];
});

function setup() {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-oc-cli-'));
  roots.push(home);
  fs.mkdirSync(path.join(home, '.openclaw', 'workspace'), { recursive: true });
  const ctx = defaultGuardContext({ engine: realGuardEngine(), home, env: { HOME: home }, record: false });
  /** The plugin's answer to an exec call; `channel` makes a chat channel the requester (asks can be answered). */
  return async (command: string, channel?: string) =>
    (
      await handleOpenClaw(
        JSON.stringify({
          event: 'before_tool_call',
          toolName: 'exec',
          params: { command },
          ctx: { sessionKey: 'agent:main:main', agentId: 'main', ...(channel ? { channelId: channel } : {}) },
        }),
        ctx,
      )
    ).answer;
}

describe('the OpenClaw CLI through the exec tool', () => {
  it.each([
    ['openclaw config set tools.exec.security full', 'openclaw-config-write'],
    ['openclaw config set plugins.entries.agentwarden.enabled false', 'openclaw-config-write'],
    ['openclaw config unset plugins.allow', 'openclaw-config-write'],
    ['openclaw plugins disable agentwarden', 'openclaw-config-write'],
    ['openclaw --profile work plugins uninstall agentwarden', 'openclaw-config-write'],
    ['openclaw doctor --fix', 'openclaw-config-write'],
    ['openclaw security audit --fix', 'openclaw-config-write'],
    ['clawdbot config set gateway.bind lan', 'openclaw-config-write'],
    [
      'node ~/.npm-global/lib/node_modules/openclaw/openclaw.mjs config set tools.exec.ask off',
      'openclaw-config-write',
    ],
    ['cd /tmp && openclaw config set tools.elevated.enabled true', 'openclaw-config-write'],
    ['openclaw approvals allow "*"', 'openclaw-approvals'],
    ['openclaw agent exec --elevated "id"', 'openclaw-agent-unguarded'],
  ])('denies %s even where a channel could approve', async (command, rule) => {
    const call = setup();
    for (const answer of [await call(command), await call(command, 'telegram')]) {
      expect(answer).toMatchObject({ block: true });
      expect(JSON.stringify(answer)).toContain(`shell/${rule}`);
    }
  });

  it('openclaw agent exec without elevation: the turn it starts is unguarded, so it asks (a channel) or blocks (none)', async () => {
    const call = setup();
    const command = 'openclaw agent exec "clean up the downloads folder"';
    expect(await call(command)).toMatchObject({
      block: true,
      blockReason: expect.stringContaining('no channel can answer'),
    });
    const withChannel = await call(command, 'telegram');
    expect(withChannel).toMatchObject({ requireApproval: { severity: 'warning' } });
    expect(JSON.stringify(withChannel)).toContain('fire no plugin hook');
  });

  it('an agent or gateway pointed at another config (where the plugin may not load) asks', async () => {
    const call = setup();
    for (const command of [
      'OPENCLAW_CONFIG_PATH=/tmp/plain.json openclaw gateway run',
      'OPENCLAW_STATE_DIR=/tmp/oc openclaw agent --local -m "hi"',
      'openclaw --dev agent --local -m "hi"',
    ]) {
      const answer = await call(command, 'telegram');
      expect(answer, command).toMatchObject({ requireApproval: expect.any(Object) });
      expect(JSON.stringify(answer), command).toContain('openclaw-agent-unguarded');
    }
  });

  it('editing ~/.openclaw/openclaw.json with any other tool is denied by self-protection', async () => {
    const call = setup();
    for (const command of [
      "sed -i 's/loopback/lan/' ~/.openclaw/openclaw.json",
      'cp /tmp/evil.json ~/.openclaw/openclaw.json',
    ])
      expect(await call(command, 'telegram'), command).toMatchObject({ block: true });
  });

  it('reading and status commands stay allowed', async () => {
    const call = setup();
    for (const command of [
      'openclaw status',
      'openclaw --version',
      'openclaw config get gateway.port',
      'openclaw plugins list',
      'openclaw security audit --json',
      'openclaw agent --local -m "hi"',
      'openclaw config set --help',
    ])
      expect(await call(command), command).toEqual({ allow: true });
  });
});
