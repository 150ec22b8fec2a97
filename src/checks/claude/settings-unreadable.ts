import { defineCheck } from '../../core/check.js';
import { isRecord } from '../../core/document/document.js';
import { strictJsonViolation } from '../../core/document/jsonc.js';
import type { FixPlan } from '../../core/finding.js';
import { loadMcpConfig } from '../../discover/claude-mcp.js';
import { loadClaudeSettings, type SettingsFile } from '../../discover/claude-settings.js';

const nonEmpty = (v: unknown) =>
  Array.isArray(v) ? v.length > 0 : isRecord(v) ? Object.keys(v).length > 0 : v !== undefined;

/**
 * What an ignored settings file would switch on once Claude Code loads it: permissions, modes, MCP servers,
 * commands it runs, environment, plugins. Making such a file load is not a safe automatic fix.
 */
function grantsOf(data: Record<string, unknown>): string[] {
  const perms = isRecord(data.permissions) ? data.permissions : {};
  const out: string[] = [];
  if (nonEmpty(perms.allow)) out.push('allow rules');
  if (nonEmpty(perms.additionalDirectories)) out.push('additional directories');
  if (typeof perms.defaultMode === 'string' && !['default', 'plan'].includes(perms.defaultMode))
    out.push(`defaultMode "${perms.defaultMode}"`);
  if (data.enableAllProjectMcpServers === true || nonEmpty(data.enabledMcpjsonServers))
    out.push('project MCP servers');
  if (nonEmpty(data.hooks)) out.push('hooks');
  for (const key of [
    'statusLine',
    'apiKeyHelper',
    'awsAuthRefresh',
    'awsCredentialExport',
    'otelHeadersHelper',
  ])
    if (nonEmpty(data[key])) out.push(key);
  if (nonEmpty(data.env)) out.push('environment variables');
  if (nonEmpty(data.enabledPlugins) || nonEmpty(data.extraKnownMarketplaces)) out.push('plugins');
  return out;
}

/**
 * A settings file Claude Code ignores for a comment or trailing comma: `--fix` may rewrite it as strict JSON
 * when loading it switches nothing on (deny rules, limits, preferences), never when it would start granting.
 */
function strictFix(file: SettingsFile | undefined): { plans: FixPlan[]; note: string } | undefined {
  if (!file?.ignoredByClaude || strictJsonViolation(file.doc.text) === undefined) return undefined;
  const grants = grantsOf(file.data);
  if (grants.length > 0)
    return {
      plans: [],
      note:
        ` --fix leaves it alone: once loaded, its ${grants.join(', ')} would take effect; review them, then ` +
        'remove the comments and trailing commas by hand.',
    };
  return {
    plans: [
      {
        kind: 'strict-json',
        file: file.file,
        description: 'rewrite as strict JSON (comments and trailing commas removed) so Claude Code loads it',
      },
    ],
    note: ' `agentwarden audit --fix` rewrites it as strict JSON (backup first).',
  };
}

export default defineCheck({
  id: 'claude/settings-unreadable',
  severity: 'medium',
  seedRefs: ['CC-H5', 'CC-H3'],
  title: 'A Claude Code settings or MCP file cannot be read',
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
      'permissive mode, hooks, MCP servers, commands, env or plugins is left for you to review first.',
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
      const fix = strictFix(settings.files.find((f) => f.file === p.file));
      return {
        message: p.audited
          ? `${p.message}. agentwarden still audited what the file says.${fix?.note ?? ''}`
          : `${p.message}; Claude Code ignores what it cannot parse, and agentwarden skipped this file.`,
        file: p.file,
        ...(p.severity !== undefined && { severity: p.severity }),
        ...(p.line !== undefined && { line: p.line }),
        ...(p.column !== undefined && { column: p.column }),
        ...(fix && fix.plans.length > 0 && { fixPlans: fix.plans }),
      };
    });
  },
});
