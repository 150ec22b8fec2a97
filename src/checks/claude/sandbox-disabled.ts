import { defineCheck } from '../../core/check.js';
import { loadClaudeSettings } from '../../discover/claude-settings.js';

export default defineCheck({
  id: 'claude/sandbox-disabled',
  severity: 'low',
  seedRefs: ['PR-2'],
  frameworks: ['SAIF'],
  title: "Claude Code's Bash sandbox is not enabled",
  docs: {
    why:
      'On Linux and macOS Claude Code can run Bash commands in an OS sandbox (bubblewrap / Seatbelt) that ' +
      'limits file writes and network access. It is one of the layers of defence in depth: if a prompt or a ' +
      'rule fails, the sandbox still confines the command.',
    fix: 'Set "sandbox": {"enabled": true} in ~/.claude/settings.json (see code.claude.com/docs/en/sandboxing).',
  },
  examples: {
    bad: [
      { name: 'no sandbox on linux', files: { '~/.claude/settings.json': '{}' } },
      {
        name: 'project switches it off on macOS',
        platform: 'darwin',
        files: {
          '~/.claude/settings.json': '{"sandbox": {"enabled": true}}',
          '.claude/settings.local.json': '{\n  "sandbox": {\n    "enabled": false\n  }\n}\n',
        },
      },
    ],
    good: [
      { name: 'sandbox on', files: { '~/.claude/settings.json': '{"sandbox": {"enabled": true}}' } },
      { name: 'windows has no sandbox', platform: 'win32', files: {} },
    ],
  },
  run(ctx) {
    if (ctx.platform !== 'linux' && ctx.platform !== 'darwin') return [];
    const settings = loadClaudeSettings(ctx);
    const enabled = settings.get(['sandbox', 'enabled']);
    if (enabled?.value === true) return [];
    return [
      {
        message: enabled
          ? `sandbox.enabled is ${JSON.stringify(enabled.value)} here, so Bash commands run unconfined.`
          : 'sandbox.enabled is not set, so Bash commands run without the OS sandbox.',
        ...(enabled && { file: enabled.file, line: enabled.line, column: enabled.column }),
        baseline: true,
      },
    ];
  },
});
