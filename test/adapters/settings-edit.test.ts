import { describe, expect, it } from 'vitest';
import {
  AGENTWARDEN_HOOKS,
  agentwardenHookCommands,
  findGuardHooks,
  GUARD_EVENTS,
  hookCommandText,
  hookRoleOf,
  installGuardHooks,
  isGuardHookCommand,
  readSettingsText,
  removeGuardHooks,
} from '../../src/adapters/claude-code/settings-edit.js';

const HOOKS = agentwardenHookCommands(['/usr/bin/node', '/opt/agentwarden/dist/cli.js']);
const COMMAND = HOOKS.guard;

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

describe('agentwardenHookCommands', () => {
  it('is exec form with absolute paths: no shell, so nothing needs quoting and no BASH_ENV runs first', () => {
    expect(HOOKS).toEqual({
      guard: { command: '/usr/bin/node', args: ['/opt/agentwarden/dist/cli.js', 'guard', 'hook', 'claude'] },
      'skills-verify': {
        command: '/usr/bin/node',
        args: ['/opt/agentwarden/dist/cli.js', 'skills', 'verify', '--session-start'],
      },
    });
    expect(agentwardenHookCommands(['/usr/bin/node', "/home/a b/it's/dist/cli.js"]).guard.args?.[0]).toBe(
      "/home/a b/it's/dist/cli.js",
    );
  });

  it('starts from the bare bin for a project file (agentwarden init)', () => {
    expect(agentwardenHookCommands(['agentwarden'])).toEqual({
      guard: { command: 'agentwarden', args: ['guard', 'hook', 'claude'] },
      'skills-verify': { command: 'agentwarden', args: ['skills', 'verify', '--session-start'] },
    });
  });

  it('turns the warm helper off for managed installs through env(1), and still recognises the command', () => {
    const hooks = agentwardenHookCommands(['/usr/bin/node', '/opt/agentwarden/dist/cli.js'], {
      warmHelper: false,
    });
    const managed = hooks.guard;
    expect(hooks['skills-verify']).toEqual(HOOKS['skills-verify']);
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
    const found = findGuardHooks(settingsValue((installGuardHooks(null, hooks) as { text: string }).text));
    expect(found).toHaveLength(AGENTWARDEN_HOOKS.length);
    expect(
      found.filter((f) => f.role === 'guard').every((f) => f.args?.join(' ') === managed.args?.join(' ')),
    ).toBe(true);
  });

  it('recognises old and new forms of our command, and nothing else', () => {
    expect(isGuardHookCommand(hookCommandText(COMMAND))).toBe(true);
    expect(isGuardHookCommand('npx agentwarden guard hook claude')).toBe(true);
    expect(isGuardHookCommand("/usr/bin/node '/x y/dist/cli.js' guard hook claude")).toBe(true);
    expect(isGuardHookCommand('other-guard --check')).toBe(false);
    expect(isGuardHookCommand('echo guard hook claude')).toBe(false);
  });

  it('tells the skills lock check apart from the guard', () => {
    expect(hookRoleOf(hookCommandText(HOOKS['skills-verify']))).toBe('skills-verify');
    expect(hookRoleOf('agentwarden skills verify --session-start')).toBe('skills-verify');
    expect(isGuardHookCommand('agentwarden skills verify --session-start')).toBe(false);
    expect(hookRoleOf('agentwarden skills verify')).toBeUndefined();
    expect(hookRoleOf('agentwarden skills verify --session-starter')).toBeUndefined();
    expect(hookRoleOf('echo skills verify --session-start')).toBeUndefined();
    expect(hookRoleOf(hookCommandText(COMMAND))).toBe('guard');
  });
});

describe('installGuardHooks', () => {
  it('adds one fail-closed guard entry per event and the skills check on SessionStart to an empty or missing file', () => {
    for (const original of [null, '', '{}']) {
      const edit = installGuardHooks(original, HOOKS);
      expect(edit.ok && edit.changed).toBe(true);
      if (!edit.ok) return;
      const value = settingsValue(edit.text);
      const found = findGuardHooks(value);
      const guards = found.filter((f) => f.role === 'guard');
      expect(guards.map((f) => f.event).sort()).toEqual([...GUARD_EVENTS].sort());
      for (const f of guards) {
        expect(f).toMatchObject({ ...COMMAND, timeout: 10, onFailure: 'block' });
        expect(f.async).toBeUndefined();
      }
      expect(guards.find((f) => f.event === 'PreToolUse')?.matcher).toBe('*');
      const verify = found.filter((f) => f.role === 'skills-verify');
      expect(verify).toHaveLength(1);
      // Advisory: it never blocks a session, and has its own group with no matcher (every session source).
      expect(verify[0]).toMatchObject({
        ...HOOKS['skills-verify'],
        event: 'SessionStart',
        matcher: undefined,
        timeout: 30,
        onFailure: 'continue',
      });
      expect((value.hooks as Record<string, unknown[]>).SessionStart).toHaveLength(2);
    }
  });

  it('keeps comments, other hooks and other keys', () => {
    const edit = installGuardHooks(COMMENTED, HOOKS);
    if (!edit.ok) throw new Error(edit.error);
    expect(edit.text).toContain('// keep me: model choice');
    expect(edit.text).toContain('/* trailing block comment */');
    expect(edit.text).toContain('other-guard --check');
    const value = settingsValue(edit.text);
    expect(value.model).toBe('sonnet');
    expect((value.hooks as Record<string, unknown[]>).PreToolUse).toHaveLength(2);
  });

  it('is idempotent: a second run changes nothing', () => {
    const first = installGuardHooks(COMMENTED, HOOKS);
    if (!first.ok) throw new Error(first.error);
    const second = installGuardHooks(first.text, HOOKS);
    expect(second).toEqual({ ok: true, text: first.text, changed: false, removed: 0 });
    expect(findGuardHooks(settingsValue(first.text)).filter((f) => f.role === 'skills-verify')).toHaveLength(
      1,
    );
  });

  it('upgrades a guard installed without the skills check, and a second skills check is folded into one', () => {
    const guardOnly = `{"hooks":{"SessionStart":[{"hooks":[{"type":"command","command":"npx agentwarden guard hook claude"}]}]}}`;
    const upgraded = installGuardHooks(guardOnly, HOOKS);
    if (!upgraded.ok) throw new Error(upgraded.error);
    expect(upgraded.changed).toBe(true);
    expect(findGuardHooks(settingsValue(upgraded.text))).toHaveLength(AGENTWARDEN_HOOKS.length);
    const twice = `{"hooks":{"SessionStart":[
      {"hooks":[{"type":"command","command":"agentwarden skills verify --session-start"}]},
      {"hooks":[{"type":"command","command":"agentwarden skills verify --session-start"}]}]}}`;
    const folded = installGuardHooks(twice, HOOKS);
    if (!folded.ok) throw new Error(folded.error);
    expect(folded.removed).toBe(2);
    expect(findGuardHooks(settingsValue(folded.text)).filter((f) => f.role === 'skills-verify')).toHaveLength(
      1,
    );
  });

  it('replaces an older agentwarden entry instead of adding a second one', () => {
    const old = `{"hooks":{"PreToolUse":[{"matcher":"Bash","hooks":[
      {"type":"command","command":"npx agentwarden guard hook claude"},
      {"type":"command","command":"other-guard"}]}]}}`;
    const edit = installGuardHooks(old, HOOKS);
    if (!edit.ok) throw new Error(edit.error);
    expect(edit.removed).toBe(1);
    const found = findGuardHooks(settingsValue(edit.text));
    expect(found).toHaveLength(AGENTWARDEN_HOOKS.length);
    expect(found.every((f) => f.command === COMMAND.command && f.args?.[0] === COMMAND.args?.[0])).toBe(true);
    expect(edit.text).toContain('other-guard');
  });

  it('refuses files it cannot edit safely', () => {
    expect(installGuardHooks('{"hooks": [1,2]}', HOOKS)).toEqual({
      ok: false,
      error: '"hooks" is not an object',
    });
    expect(installGuardHooks('{"hooks": {"PreToolUse": {}}}', HOOKS)).toMatchObject({ ok: false });
    expect(installGuardHooks('[1]', HOOKS)).toMatchObject({ ok: false });
    const broken = installGuardHooks('{"model": "sonnet",,, ', HOOKS);
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.error).toMatch(/invalid JSON .* line 1/);
  });

  it('keeps tab indentation', () => {
    const edit = installGuardHooks('{\n\t"model": "sonnet"\n}\n', HOOKS);
    if (!edit.ok) throw new Error(edit.error);
    expect(edit.text).toContain('\n\t"hooks"');
  });
});

describe('removeGuardHooks', () => {
  it('removes exactly our entries and restores the original', () => {
    const installed = installGuardHooks(COMMENTED, HOOKS);
    if (!installed.ok) throw new Error(installed.error);
    const removed = removeGuardHooks(installed.text);
    if (!removed.ok) throw new Error(removed.error);
    expect(removed.removed).toBe(AGENTWARDEN_HOOKS.length);
    expect(findGuardHooks(settingsValue(removed.text))).toEqual([]);
    expect(settingsValue(removed.text)).toEqual(settingsValue(COMMENTED));
    expect(removed.text).toContain('// keep me: model choice');
  });

  it('leaves no empty hooks object behind when only ours were there', () => {
    const installed = installGuardHooks('{\n  "model": "sonnet"\n}\n', HOOKS);
    if (!installed.ok) throw new Error(installed.error);
    const removed = removeGuardHooks(installed.text);
    if (!removed.ok) throw new Error(removed.error);
    expect(settingsValue(removed.text)).toEqual({ model: 'sonnet' });
  });

  it('changes nothing when nothing of ours is there', () => {
    expect(removeGuardHooks(COMMENTED)).toEqual({ ok: true, text: COMMENTED, changed: false, removed: 0 });
  });
});
