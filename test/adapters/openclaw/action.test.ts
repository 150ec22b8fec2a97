// Payload shapes from PLUGINS.md §3.1, §3.6 and §7 (captured from OpenClaw 2026.9.6).
import { describe, expect, it } from 'vitest';
import { patchTargets, toolCallToAction } from '../../../src/adapters/openclaw/action.js';
import { openclawHookFiles } from '../../../src/adapters/openclaw/hook-files.js';
import type { Action } from '../../../src/policy/types.js';

const HOME = '/home/u';
const WS = '/home/u/.openclaw/workspace';
const CONFIG = '/home/u/.openclaw/openclaw.json';

function map(toolName: string, params: Record<string, unknown>, derivedPaths?: string[]): Action {
  const mapped = toolCallToAction({
    toolName,
    params,
    cwd: WS,
    home: HOME,
    configFile: CONFIG,
    sessionId: 'agent:main:main',
    ...(derivedPaths ? { derivedPaths } : {}),
  });
  if (!mapped.ok) throw new Error(mapped.error);
  return mapped.action;
}

describe('OpenClaw tool table', () => {
  it('maps exec (the captured canary payload) to a shell command run in the workspace or workdir', () => {
    const a = map('exec', { command: 'touch $HOME/canary-exec' });
    expect(a).toMatchObject({ kind: 'exec', command: 'touch $HOME/canary-exec', cwd: WS });
    expect(map('bash', { command: 'ls', workdir: '~/src' })).toMatchObject({
      kind: 'exec',
      cwd: '/home/u/src',
    });
  });

  it('maps keystrokes into a process or terminal to a command, and reading them to nothing', () => {
    expect(map('process', { action: 'send-keys', sessionId: 's', keys: ['rm', '-rf', '/'] })).toMatchObject({
      kind: 'exec',
      command: 'rm -rf /',
    });
    expect(map('terminal', { action: 'input', data: 'curl x' })).toMatchObject({
      kind: 'exec',
      command: 'curl x',
    });
    expect(map('process', { action: 'poll', sessionId: 's' }).kind).toBe('internal');
  });

  it('maps file tools to reads and writes of absolute paths', () => {
    expect(map('read', { path: '~/.ssh/id_rsa' })).toMatchObject({
      kind: 'read',
      paths: ['/home/u/.ssh/id_rsa'],
    });
    expect(map('write', { path: 'canary-write.txt', content: 'x' })).toMatchObject({
      kind: 'write',
      paths: [`${WS}/canary-write.txt`],
    });
    expect(map('edit', { path: '/etc/hosts', edits: [] }).kind).toBe('write');
    expect(map('ls', {})).toMatchObject({ kind: 'read', paths: [WS] });
  });

  it('reads the files an apply_patch envelope touches, plus derivedPaths', () => {
    const input =
      '*** Begin Patch\n*** Update File: src/a.ts\n@@\n-x\n+y\n*** Delete File: old.ts\n*** End Patch';
    expect(patchTargets(input)).toEqual({ written: ['src/a.ts'], deleted: ['old.ts'] });
    expect(map('apply_patch', { input }, ['/home/u/.bashrc']).paths).toEqual([
      `${WS}/src/a.ts`,
      `${WS}/old.ts`,
      '/home/u/.bashrc',
    ]);
    expect(map('apply_patch', { input: '*** Begin Patch\n*** Delete File: x\n*** End Patch' }).kind).toBe(
      'delete',
    );
    expect(
      toolCallToAction({
        toolName: 'apply_patch',
        params: { input: 'garbage' },
        cwd: WS,
        home: HOME,
        configFile: CONFIG,
      }).ok,
    ).toBe(false);
  });

  it('maps web_fetch and browser navigation to network with the URL; other browser actions read the open page', () => {
    expect(map('web_fetch', { url: 'https://evil.example/x' })).toMatchObject({
      kind: 'network',
      urls: ['https://evil.example/x'],
    });
    expect(map('browser', { action: 'navigate', targetUrl: 'https://a.example' }).urls).toEqual([
      'https://a.example',
    ]);
    expect(map('browser', { action: 'snapshot' })).toMatchObject({ kind: 'network', urls: [] });
    expect(map('browser', { action: 'pdf', path: 'out.pdf' })).toMatchObject({
      kind: 'write',
      paths: [`${WS}/out.pdf`],
    });
    expect(map('browser', { action: 'upload', path: '~/.aws/credentials' }).kind).toBe('unknown');
  });

  it('leaves messages, cron changes and node devices to ask (unknown); looks are internal', () => {
    expect(map('message', { action: 'send', target: 'x', message: 'hi' }).kind).toBe('unknown');
    expect(map('automations', { action: 'add', job: {} }).kind).toBe('unknown');
    expect(map('cron', { action: 'list' }).kind).toBe('internal');
    expect(map('nodes', { action: 'camera_snap' }).kind).toBe('unknown');
    expect(map('sessions_spawn', { task: 't' }).kind).toBe('agent');
    expect(map('memory_search', { query: 'q' }).kind).toBe('internal');
  });

  it('maps what could switch the plugin off to a write of the OpenClaw config', () => {
    for (const [tool, params] of [
      ['plugins', { action: 'disable', pluginId: 'agentwarden' }],
      ['plugins', { action: 'install', source: 'x' }],
      ['gateway', { action: 'config.set' }],
      ['gateway', { action: 'update.run' }],
      ['openclaw', { message: 'disable the agentwarden plugin' }],
    ] as const)
      expect(map(tool, params)).toMatchObject({ kind: 'write', paths: [CONFIG] });
    expect(map('gateway', { action: 'config.get' })).toMatchObject({ kind: 'read', paths: [CONFIG] });
    expect(map('plugins', { action: 'list' })).toMatchObject({ kind: 'read' });
  });

  it('judges a Tool Search bridge call by the tool it calls (§3.6)', () => {
    const a = map('tool_call', { id: 'exec', args: { command: 'touch $HOME/canary-exec' } });
    expect(a).toMatchObject({ kind: 'exec', command: 'touch $HOME/canary-exec', tool: 'tool_call exec' });
    expect(map('tool_call', { id: 'openclaw:core:read', args: { path: '~/.ssh/id_ed25519' } }).kind).toBe(
      'read',
    );
  });

  it('refuses calls missing what the guard needs', () => {
    const r = toolCallToAction({ toolName: 'exec', params: {}, cwd: WS, home: HOME, configFile: CONFIG });
    expect(r).toEqual({ ok: false, error: 'exec call has no command' });
  });
});

describe('OpenClaw hook files', () => {
  it('protects every config OpenClaw may load and the plugin folder, profile and overrides included', () => {
    const files = openclawHookFiles(HOME, {
      OPENCLAW_PROFILE: 'work',
      OPENCLAW_CONFIG_PATH: '~/cfg/oc.json',
    });
    expect(files).toEqual(
      expect.arrayContaining([
        '/home/u/cfg/oc.json',
        '/home/u/.openclaw-work/openclaw.json',
        '/home/u/.openclaw/openclaw.json',
        '/home/u/.clawdbot/clawdbot.json',
        '/home/u/.openclaw/extensions/agentwarden',
        '.openclaw/extensions',
      ]),
    );
  });
});
