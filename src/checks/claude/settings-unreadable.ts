import { defineCheck } from '../../core/check.js';
import { loadMcpConfig } from '../../discover/claude-mcp.js';
import { loadClaudeSettings } from '../../discover/claude-settings.js';
import { strictJsonFix } from './_strict-fix.js';

export default defineCheck({
  id: 'claude/settings-unreadable',
  severity: 'medium',
  seedRefs: ['CC-H5', 'CC-H3'],
  title: 'A Claude Code settings or MCP file cannot be read',
  // Its strict-JSON rewrite is applied by --fix when loading the file switches nothing on.
  fixable: true,
  docs: {
    why:
      'Claude Code skips a settings file it cannot parse, silently dropping the deny rules, hooks and limits ' +
      'in it; agentwarden cannot audit it either. Claude Code parses strict JSON: one comment or trailing ' +
      'comma is enough for it to ignore the whole file (and to rewrite ~/.claude.json without it). A settings ' +
      'path that is a directory, empty, a link to nothing, a symlink loop, UTF-16 or holding NUL bytes is a ' +
      'sign of damage or tampering. A file too large for agentwarden to read is reported high: Claude Code ' +
      'still loads it, and the audit could not check what it allows.',
    fix:
      'Repair the file at the line shown (strict JSON: no comments, no trailing commas), or remove it if it ' +
      'is not meant to be there. `agentwarden audit --fix` rewrites a file with comments or trailing commas as ' +
      'strict JSON (backup first) only when loading it switches nothing on; a file with allow rules, a ' +
      'permissive mode, hooks, MCP servers, commands, env or plugins is left for you to review first, and so is ' +
      "every other check's fix in that file (it would make the file load): fix the syntax, then rerun.",
  },
  examples: {
    bad: [
      {
        name: 'trailing garbage in user settings',
        files: { '~/.claude/settings.json': '{\n  "permissions": {\n    "deny": ["Bash(wget *)"\n  }\n}\n' },
      },
      { name: 'settings.json is a directory', files: { '.claude/settings.json': { dir: true } } },
      { name: 'binary .mcp.json', files: { '.mcp.json': { bytes: [0x7b, 0x00, 0xff, 0x7d] } } },
      {
        name: 'a comment in user settings (Claude Code ignores the file)',
        files: {
          '~/.claude/settings.json':
            '{\n  // deny downloads\n  "permissions": {"deny": ["Bash(wget *)"]}\n}\n',
        },
      },
      {
        name: '.mcp.json is a link to a missing file',
        files: { '.mcp.json': { symlink: '~/gone/mcp.json' } },
      },
      { name: 'an empty user settings file', files: { '~/.claude/settings.json': '\n' } },
      {
        name: 'a NUL byte before the settings (Claude Code fails to parse and drops the file)',
        files: {
          '.claude/settings.json': { bytes: [0x00, ...Buffer.from('{"permissions": {"allow": ["Bash"]}}')] },
        },
      },
      {
        name: 'a trailing comma in local settings',
        files: { '.claude/settings.local.json': '{"permissions": {"deny": ["Bash(wget *)",]}}' },
      },
    ],
    good: [
      {
        name: 'strict JSON settings and an empty .mcp.json server list',
        files: {
          '~/.claude/settings.json': '{\n  "permissions": {"deny": ["Bash(wget *)"]}\n}\n',
          '.mcp.json': '{"mcpServers": {}}',
        },
      },
    ],
  },
  run(ctx) {
    const settings = loadClaudeSettings(ctx);
    const problems = [...settings.problems, ...loadMcpConfig(ctx).problems];
    return problems.map((p) => {
      const fix = strictJsonFix(settings.files.find((f) => f.file === p.file));
      return {
        message: p.audited
          ? `${p.message}. agentwarden still audited what the file says.${fix?.note ?? ''}`
          : `${p.message}; Claude Code ignores what it cannot parse, and agentwarden skipped this file.`,
        file: p.file,
        ...(p.severity !== undefined && { severity: p.severity }),
        ...(p.line !== undefined && { line: p.line }),
        ...(p.column !== undefined && { column: p.column }),
        ...(fix && { fixPlans: fix.plans }),
        ...(fix?.refused && { fixRefused: fix.refused }),
      };
    });
  },
});
