// "Fails open" is said only of hooks that act as a security control; sound, notification, formatter and
// telemetry hooks are not a control (and not enforcement either). Commands from real published settings.
import { describe, expect, it } from 'vitest';
import {
  agentwardenHookCommands,
  installGuardHooks,
} from '../../../src/adapters/claude-code/settings-edit.js';
import enforcementHook from '../../../src/checks/claude/enforcement-hook.js';
import projectCommandRisk from '../../../src/checks/claude/project-command-risk.js';
import { applyFixes } from '../../../src/fix/apply.js';
import { machine, rerun, run } from '../claude-settings/helpers.js';

function preToolUse(...commands: string[]): string {
  const hooks = commands.map((command) => ({ type: 'command', command }));
  return JSON.stringify({ hooks: { PreToolUse: [{ matcher: '*', hooks }] } }, null, 2);
}

async function messages(settings: string): Promise<string[]> {
  const f = machine({ '~/.claude/settings.json': settings });
  return (await run(enforcementHook, f)).map((x) => x.message);
}

describe('claude/enforcement-hook: settings as agentwarden writes them', () => {
  it('the guard with the skills check on SessionStart is enforcement, and the check itself is not flagged', async () => {
    for (const [file, launcher] of [
      ['~/.claude/settings.json', ['/usr/bin/node', '/opt/agentwarden/dist/cli.js']],
      ['.claude/settings.json', ['agentwarden']],
    ] as const) {
      const edit = installGuardHooks(null, agentwardenHookCommands(launcher));
      if (!edit.ok) throw new Error(edit.error);
      expect(edit.text).toContain('--session-start');
      const f = machine({ [file]: edit.text });
      expect(await run(enforcementHook, f)).toEqual([]);
      expect(await run(projectCommandRisk, f)).toEqual([]);
    }
  });
});

describe('claude/enforcement-hook: which hooks are controls', () => {
  it.each([
    ['a sound', 'afplay /System/Library/Sounds/Tink.aiff'],
    ['a desktop notification', 'notify-send "Claude Code" "tool call"'],
    ['a macOS notification', `osascript -e 'display notification "Claude wants to run a tool"'`],
    ['a formatter', 'npx prettier --write "$CLAUDE_FILE_PATHS"'],
    ['a telemetry logger', 'node ~/.claude/hooks/telemetry.js'],
  ])('%s hook is not said to fail open, and does not count as enforcement', async (_name, command) => {
    const found = await messages(preToolUse(command));
    expect(found.some((m) => /fails open/.test(m))).toBe(false);
    expect(found).toEqual([
      expect.stringMatching(
        /^No PreToolUse hook enforces policy for Bash, Write, Edit, Read: .*\(1 PreToolUse hook\(s\) here notify, format or log; they are not a control\.\)$/,
      ),
    ]);
  });

  it('a hook named as a guard fails open without "onFailure": "block"', async () => {
    const found = await messages(preToolUse('~/.claude/hooks/bash-guard.sh'));
    expect(found).toEqual([expect.stringMatching(/^PreToolUse hook for Bash, Write, Edit, Read fails open/)]);
  });

  it('the only hook, beside a notification, is taken as the guard', async () => {
    const found = await messages(preToolUse('python3 ~/.claude/hooks/pre_tool.py', 'afplay ~/ding.aiff'));
    expect(found).toEqual([expect.stringMatching(/fails open/)]);
    expect(found[0]).not.toContain('afplay');
  });

  it('two unnamed hooks: neither is known to be a control', async () => {
    const found = await messages(preToolUse('python3 ~/.claude/hooks/a.py', 'python3 ~/.claude/hooks/b.py'));
    expect(found.some((m) => /fails open/.test(m))).toBe(false);
  });

  it('a guard in a settings file Claude Code ignores (a comment) is reported, and --fix makes it load', async () => {
    const settings = `// my settings\n${preToolUse('agentwarden guard hook claude')}`.replace(
      '"command": "agentwarden guard hook claude"',
      '"command": "agentwarden guard hook claude", "onFailure": "block"',
    );
    const f = machine({ '~/.claude/settings.json': settings });
    const findings = await run(enforcementHook, f);
    expect(findings[0]?.message).toMatch(
      /Claude Code will not run it: the file holds a comment or trailing comma/,
    );
    expect(findings[0]?.fixable).toBe(true);
    const result = applyFixes(findings, { dryRun: false });
    expect(result.summary).toContain('removed 1 comment, because Claude Code ignores');
    expect(await rerun(enforcementHook, f)).toEqual([]);
  });

  it('a guard in an ignored file beside a latent allow rule: not fixable, the message says why', async () => {
    const settings = `// my settings\n${preToolUse('agentwarden guard hook claude')}`.replace(
      '"hooks": {',
      '"permissions": {"allow": ["Bash(curl:*)"]},\n  "hooks": {',
    );
    const f = machine({ '~/.claude/settings.json': settings });
    const [finding] = (await run(enforcementHook, f)).filter((x) => /will not run it/.test(x.message));
    expect(finding?.fixable).toBe(false);
    expect(finding?.message).toContain(
      '`agentwarden audit --fix` leaves it alone: Claude Code ignores this file (a comment at line 1), so none of it is in force, and making it strict JSON would also switch on its allow rules.',
    );
  });

  it('with no hook at all the advice is baseline (grouped by claude/security-baseline)', async () => {
    const f = machine({});
    const raw = await enforcementHook.run(f.ctx);
    expect(raw.map((x) => x.baseline)).toEqual([true]);
  });
});
