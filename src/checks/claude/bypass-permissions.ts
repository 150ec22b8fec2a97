import { defineCheck } from '../../core/check.js';
import type { RawFinding } from '../../core/finding.js';
import { loadClaudeSettings, scopeLabel } from '../../discover/claude-settings.js';
import { gateFixes } from './_strict-fix.js';

export default defineCheck({
  id: 'claude/bypass-permissions',
  severity: 'critical',
  seedRefs: ['CC-H5', 'PR-1'],
  frameworks: ['OWASP-LLM06'],
  title: 'Permission prompts can be bypassed',
  docs: {
    why:
      'In bypassPermissions mode Claude Code runs every tool call, including shell commands and file writes, ' +
      'without asking. Unless permissions.disableBypassPermissionsMode is "disable", a flag ' +
      '(--dangerously-skip-permissions) or a settings file can switch that mode on at any time.',
    fix:
      'Remove "defaultMode": "bypassPermissions" and "skipDangerousModePermissionPrompt", and set ' +
      '"permissions": {"disableBypassPermissionsMode": "disable"} in your user (or managed) settings.',
  },
  fixable: true,
  examples: {
    bad: [
      {
        name: 'project settings turn on bypass mode',
        files: {
          '~/.claude/settings.json': '{"permissions": {"disableBypassPermissionsMode": "disable"}}',
          '.claude/settings.json': '{\n  "permissions": {\n    "defaultMode": "bypassPermissions"\n  }\n}\n',
        },
      },
      { name: 'no settings: bypass mode is not disabled', files: {} },
      {
        name: 'dangerous-mode prompt skipped',
        files: {
          '~/.claude/settings.json':
            '{"skipDangerousModePermissionPrompt": true, "permissions": {"disableBypassPermissionsMode": "disable"}}',
        },
      },
    ],
    good: [
      {
        name: 'bypass mode disabled, default mode prompts',
        files: {
          '~/.claude/settings.json':
            '{\n  "permissions": {"defaultMode": "default", "disableBypassPermissionsMode": "disable"}\n}\n',
        },
      },
    ],
  },
  run(ctx) {
    const settings = loadClaudeSettings(ctx);
    const findings: RawFinding[] = [];
    const effectiveMode = settings.get(['permissions', 'defaultMode']);
    for (const mode of settings.everywhere(['permissions', 'defaultMode'])) {
      if (mode.value !== 'bypassPermissions') continue;
      const effective = effectiveMode?.file === mode.file;
      const ignored = settings.files.some((f) => f.file === mode.file && f.ignoredByClaude);
      findings.push({
        message:
          `${scopeLabel(mode.scope)} set "defaultMode": "bypassPermissions"` +
          (effective
            ? ': every tool call runs without a prompt.'
            : ignored
              ? ' in a file Claude Code ignores for now (not strict JSON); it applies as soon as the file is repaired.'
              : ' (overridden by a higher-precedence file).'),
        file: mode.file,
        line: mode.line,
        column: mode.column,
        evidence: '"defaultMode": "bypassPermissions"',
        severity: effective ? 'critical' : 'high',
        fix: 'Set "defaultMode" to "default" (or remove it) in this file.',
      });
    }
    for (const skip of settings.everywhere(['skipDangerousModePermissionPrompt'])) {
      if (skip.value !== true) continue;
      findings.push({
        message: `${scopeLabel(skip.scope)} set "skipDangerousModePermissionPrompt": true, so bypass mode starts without a warning.`,
        file: skip.file,
        line: skip.line,
        column: skip.column,
        evidence: '"skipDangerousModePermissionPrompt": true',
        severity: 'high',
        fix: 'Remove "skipDangerousModePermissionPrompt" from this file.',
      });
    }
    const disable = settings.get(['permissions', 'disableBypassPermissionsMode']);
    if (disable?.value !== 'disable') {
      const user = settings.files.find((f) => f.file === settings.userFile);
      findings.push({
        message:
          'Bypass mode is not disabled: "permissions.disableBypassPermissionsMode" is not "disable" in any ' +
          'settings file, so --dangerously-skip-permissions or a settings file can turn off every prompt.',
        ...(user && { file: user.file, line: user.doc.locate(['permissions']).line }),
        severity: 'high',
        baseline: true,
        fix: `Set "permissions": {"disableBypassPermissionsMode": "disable"} in ${settings.userFile} (or in managed settings, which users cannot override).`,
        fixPlans: [
          {
            kind: 'json-set',
            file: settings.userFile,
            path: ['permissions', 'disableBypassPermissionsMode'],
            value: 'disable',
            description: 'disable bypassPermissions mode',
          },
        ],
      });
    }
    return gateFixes(settings, findings);
  },
});
