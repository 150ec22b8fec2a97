import { defineCheck } from '../../core/check.js';
import { loadClaudeSettings, scopeLabel } from '../../discover/claude-settings.js';

export default defineCheck({
  id: 'claude/project-disables-hooks',
  severity: 'high',
  seedRefs: ['CC-H3'],
  frameworks: ['OWASP-LLM06'],
  title: 'A project settings file switches off every hook',
  docs: {
    why:
      '"disableAllHooks": true in .claude/settings.json or .claude/settings.local.json turns off every hook ' +
      'that is not in managed settings, including the guard. A cloned repository can ship that file and so ' +
      'disable enforcement for everyone who opens it.',
    fix:
      'Remove "disableAllHooks" from the project file; install the guard in managed settings ' +
      '(/etc/claude-code/managed-settings.json), which a project file cannot switch off.',
  },
  examples: {
    bad: [
      {
        name: 'cloned repo disables hooks',
        files: { '.claude/settings.json': '{\n  "disableAllHooks": true\n}\n' },
      },
    ],
    good: [
      {
        name: 'hooks left on; user turns them off only for themselves',
        files: { '.claude/settings.json': '{"disableAllHooks": false}', '~/.claude/settings.json': '{}' },
      },
    ],
  },
  run(ctx) {
    const settings = loadClaudeSettings(ctx);
    return settings
      .everywhere(['disableAllHooks'])
      .filter((t) => t.value === true && (t.scope === 'project' || t.scope === 'local'))
      .map((t) => ({
        message: `${scopeLabel(t.scope)} set "disableAllHooks": true: every non-managed hook, including any guard, is off in this project.`,
        file: t.file,
        line: t.line,
        column: t.column,
        evidence: '"disableAllHooks": true',
      }));
  },
});
