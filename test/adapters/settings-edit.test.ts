import { describe, expect, it } from 'vitest';
import {
  findGuardHooks,
  GUARD_EVENTS,
  guardHookCommand,
  hookCommandText,
  installGuardHooks,
  isGuardHookCommand,
  readSettingsText,
  removeGuardHooks,
} from '../../src/adapters/claude-code/settings-edit.js';

const COMMAND = guardHookCommand('/usr/bin/node', '/opt/agentwarden/dist/cli.js');

const COMMENTED = `{
  // keep me: model choice
  "model": "sonnet",
  "hooks": {
    "PreToolUse": [
      { "matcher": "Bash", "hooks": [{ "type": "command", "command": "other-guard --check" }] }
    ]
  },
  /* trailing block comment */
  "permissions": { "deny": ["Read(./.env)"] },
}
`;

function settingsValue(text: string): Record<string, unknown> {
  const read = readSettingsText(text);
  if (!read.ok) throw new Error(read.error);
  return read.value;
}

describe('guardHookCommand', () => {
  it('is exec form with absolute paths: no shell, so nothing needs quoting and no BASH_ENV runs first', () => {
    expect(COMMAND).toEqual({
      command: '/usr/bin/node',
      args: ['/opt/agentwarden/dist/cli.js', 'guard', 'hook', 'claude'],
    });
    expect(guardHookCommand('/usr/bin/node', "/home/a b/it's/dist/cli.js").args?.[0]).toBe(
      "/home/a b/it's/dist/cli.js",
    );
  });

  it('turns the warm helper off for managed installs through env(1), and still recognises the command', () => {
    const managed = guardHookCommand('/usr/bin/node', '/opt/agentwarden/dist/cli.js', { warmHelper: false });
    expect(managed).toEqual({
      command: '/usr/bin/env',
      args: [
        'AGENTWARDEN_HOOK_SERVER=off',
        '/usr/bin/node',
        '/opt/agentwarden/dist/cli.js',
        'guard',
        'hook',
        'claude',
      ],
    });
    expect(isGuardHookCommand(hookCommandText(managed))).toBe(true);
    const found = findGuardHooks(settingsValue((installGuardHooks(null, managed) as { text: string }).text));
    expect(found).toHaveLength(GUARD_EVENTS.length);
    expect(found[0]?.args).toEqual(managed.args);
  });

  it('recognises old and new forms of our command, and nothing else', () => {
    expect(isGuardHookCommand(hookCommandText(COMMAND))).toBe(true);
    expect(isGuardHookCommand('npx agentwarden guard hook claude')).toBe(true);
    expect(isGuardHookCommand("/usr/bin/node '/x y/dist/cli.js' guard hook claude")).toBe(true);
    expect(isGuardHookCommand('other-guard --check')).toBe(false);
    expect(isGuardHookCommand('echo guard hook claude')).toBe(false);
  });
});

describe('installGuardHooks', () => {
  it('adds one fail-closed entry per event to an empty or missing file', () => {
    for (const original of [null, '', '{}']) {
      const edit = installGuardHooks(original, COMMAND);
      expect(edit.ok && edit.changed).toBe(true);
      if (!edit.ok) return;
      const value = settingsValue(edit.text);
      const found = findGuardHooks(value);
      expect(found.map((f) => f.event).sort()).toEqual([...GUARD_EVENTS].sort());
      for (const f of found) {
        expect(f).toMatchObject({ ...COMMAND, timeout: 10, onFailure: 'block' });
        expect(f.async).toBeUndefined();
      }
      expect(found.find((f) => f.event === 'PreToolUse')?.matcher).toBe('*');
    }
  });

  it('keeps comments, other hooks and other keys', () => {
    const edit = installGuardHooks(COMMENTED, COMMAND);
    if (!edit.ok) throw new Error(edit.error);
    expect(edit.text).toContain('// keep me: model choice');
    expect(edit.text).toContain('/* trailing block comment */');
    expect(edit.text).toContain('other-guard --check');
    const value = settingsValue(edit.text);
    expect(value.model).toBe('sonnet');
    expect((value.hooks as Record<string, unknown[]>).PreToolUse).toHaveLength(2);
  });

  it('is idempotent: a second run changes nothing', () => {
    const first = installGuardHooks(COMMENTED, COMMAND);
    if (!first.ok) throw new Error(first.error);
    const second = installGuardHooks(first.text, COMMAND);
    expect(second).toEqual({ ok: true, text: first.text, changed: false, removed: 0 });
  });

  it('replaces an older agentwarden entry instead of adding a second one', () => {
    const old = `{"hooks":{"PreToolUse":[{"matcher":"Bash","hooks":[
      {"type":"command","command":"npx agentwarden guard hook claude"},
      {"type":"command","command":"other-guard"}]}]}}`;
    const edit = installGuardHooks(old, COMMAND);
    if (!edit.ok) throw new Error(edit.error);
    expect(edit.removed).toBe(1);
    const found = findGuardHooks(settingsValue(edit.text));
    expect(found).toHaveLength(GUARD_EVENTS.length);
    expect(found.every((f) => f.command === COMMAND.command && f.args?.[0] === COMMAND.args?.[0])).toBe(true);
    expect(edit.text).toContain('other-guard');
  });

  it('refuses files it cannot edit safely', () => {
    expect(installGuardHooks('{"hooks": [1,2]}', COMMAND)).toEqual({
      ok: false,
      error: '"hooks" is not an object',
    });
    expect(installGuardHooks('{"hooks": {"PreToolUse": {}}}', COMMAND)).toMatchObject({ ok: false });
    expect(installGuardHooks('[1]', COMMAND)).toMatchObject({ ok: false });
    const broken = installGuardHooks('{"model": "sonnet",,, ', COMMAND);
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.error).toMatch(/invalid JSON .* line 1/);
  });

  it('keeps tab indentation', () => {
    const edit = installGuardHooks('{\n\t"model": "sonnet"\n}\n', COMMAND);
    if (!edit.ok) throw new Error(edit.error);
    expect(edit.text).toContain('\n\t"hooks"');
  });
});

describe('removeGuardHooks', () => {
  it('removes exactly our entries and restores the original', () => {
    const installed = installGuardHooks(COMMENTED, COMMAND);
    if (!installed.ok) throw new Error(installed.error);
    const removed = removeGuardHooks(installed.text);
    if (!removed.ok) throw new Error(removed.error);
    expect(removed.removed).toBe(GUARD_EVENTS.length);
    expect(settingsValue(removed.text)).toEqual(settingsValue(COMMENTED));
    expect(removed.text).toContain('// keep me: model choice');
  });

  it('leaves no empty hooks object behind when only ours were there', () => {
    const installed = installGuardHooks('{\n  "model": "sonnet"\n}\n', COMMAND);
    if (!installed.ok) throw new Error(installed.error);
    const removed = removeGuardHooks(installed.text);
    if (!removed.ok) throw new Error(removed.error);
    expect(settingsValue(removed.text)).toEqual({ model: 'sonnet' });
  });

  it('changes nothing when nothing of ours is there', () => {
    expect(removeGuardHooks(COMMENTED)).toEqual({ ok: true, text: COMMENTED, changed: false, removed: 0 });
  });
});
