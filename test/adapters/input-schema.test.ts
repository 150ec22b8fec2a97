// Per-tool checks of tool inputs (issue 16): what a guard does not fully understand is not judged on a guess.
import { describe, expect, it } from 'vitest';
import { checkToolInput } from '../../src/adapters/claude-code/tool-input-schema.js';
import { findIllFormedText } from '../../src/adapters/input-schema.js';
import { toolCallToAction } from '../../src/adapters/openclaw/action.js';

const LONE = String.fromCharCode(0xd800);

describe('Claude Code tool inputs', () => {
  it.each([
    ['Bash', { command: [] }, 'Bash call field command is not a string without NUL'],
    ['Bash', { command: 'ls', timeout: '10' }, 'Bash call field timeout is not a number'],
    ['Glob', { pattern: ['~/.ssh/*'] }, 'Glob call field pattern is not a string without NUL'],
    ['Agent', { description: 'x', prompt: { text: 'go' } }, 'Agent call field prompt is not a string'],
    ['Read', {}, 'Read call has no file_path'],
    [
      'WebSearch',
      { query: 'q', allowed_domains: 'a.com' },
      'WebSearch call field allowed_domains is not an array of strings',
    ],
    [
      'MultiEdit',
      { file_path: '/p/a', edits: [{ old_string: 'a' }] },
      'MultiEdit edits[0] has no new_string',
    ],
    ['Write', { file_path: `/p/a${LONE}`, content: '' }, 'Write input has invalid text in file_path'],
    ['mcp__s__t', { [`k${LONE}`]: 1 }, 'mcp__s__t input has invalid text in a key in the input'],
  ])('%s %j is refused: %s', (tool, input, error) => {
    expect(checkToolInput(tool, input)).toEqual({ ok: false, error });
  });

  it('accepts well-formed inputs, extra fields, null optional fields and unknown tools unchecked', () => {
    expect(checkToolInput('Bash', { command: 'ls', timeout: 5, future_flag: { x: 1 } })).toEqual({
      ok: true,
    });
    expect(checkToolInput('Read', { file_path: '/p/a', limit: null })).toEqual({ ok: true });
    expect(checkToolInput('mcp__s__t', { anything: [1, { b: 'c' }] })).toEqual({ ok: true });
    // The policy asks about tools it does not know, whatever their input.
    expect(checkToolInput('BrandNewTool', { [`k${LONE}`]: [] })).toEqual({ ok: true });
  });

  it('finds ill-formed text at any depth without recursion', () => {
    let deep: unknown = `x${LONE}`;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findIllFormedText({ a: deep })).toMatch(/^a\[0\]/);
    expect(findIllFormedText({ a: ['\u{1F600}', { b: 'ok' }] })).toBeUndefined();
  });
});

describe('OpenClaw tool params', () => {
  const map = (toolName: string, params: Record<string, unknown>) =>
    toolCallToAction({ toolName, params, cwd: '/w', home: '/h', configFile: '/h/.openclaw/openclaw.json' });

  it.each([
    ['exec', { command: ['rm', '-rf', '/'] }],
    ['bash', { command: 'ls', workdir: ['..'] }],
    ['read', { path: { p: '/etc/shadow' } }],
    ['write', { path: '/w/a', content: 1 }],
    ['web_fetch', { url: `https://x.test/${LONE}` }],
    ['tool_call', { id: 'exec', args: { command: {} } }],
    ['memory_search', { [`q${LONE}`]: 'x' }],
  ])('%s %j is refused', (tool, params) => {
    expect(map(tool, params).ok).toBe(false);
  });

  it('maps well-formed params as before, and leaves tools it does not know to the policy', () => {
    expect(map('exec', { command: 'ls', workdir: 'src', env: { A: '1' } })).toMatchObject({ ok: true });
    expect(map('tool_call', { id: 'exec', args: { command: 'ls' } })).toMatchObject({ ok: true });
    expect(map('message', { action: ['send'] })).toMatchObject({ ok: true, action: { kind: 'unknown' } });
  });
});
