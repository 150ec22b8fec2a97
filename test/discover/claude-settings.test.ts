import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CheckExample } from '../../src/core/check.js';
import { createContext } from '../../src/core/context.js';
import { type MaterializedFixture, materialize } from '../../src/core/fixture.js';
import { loadMcpConfig } from '../../src/discover/claude-mcp.js';
import { hookMatcherMatches, loadClaudeSettings } from '../../src/discover/claude-settings.js';

const made: MaterializedFixture[] = [];
function fx(
  files: CheckExample['files'],
  extra: Omit<CheckExample, 'name' | 'files'> = {},
): MaterializedFixture {
  const f = materialize({ files, ...extra });
  made.push(f);
  return f;
}
afterEach(() => {
  for (const f of made.splice(0)) f.cleanup();
});

describe('effective settings', () => {
  it('takes scalars from the highest source: user < project < local < managed', () => {
    const f = fx({
      '~/.claude/settings.json': '{"cleanupPeriodDays": 30, "model": "opus"}',
      '.claude/settings.json': '{"cleanupPeriodDays": 20}',
      '.claude/settings.local.json': '{\n  "model": "sonnet",\n  "cleanupPeriodDays": 10\n}',
    });
    const s = loadClaudeSettings(f.ctx);
    expect(s.get(['cleanupPeriodDays'])).toMatchObject({
      value: 10,
      scope: 'local',
      file: path.join(f.project, '.claude/settings.local.json'),
      line: 3,
    });
    expect(s.get(['model'])?.value).toBe('sonnet');
    expect(s.everywhere(['cleanupPeriodDays']).map((t) => t.value)).toEqual([30, 20, 10]);

    const g = fx({
      '.claude/settings.local.json': '{"cleanupPeriodDays": 10}',
      '/etc/claude-code/managed-settings.json': '{"cleanupPeriodDays": 7}',
      '/etc/claude-code/managed-settings.d/20-b.json': '{"cleanupPeriodDays": 5}',
      '/etc/claude-code/managed-settings.d/10-a.json': '{"cleanupPeriodDays": 6}',
      '/etc/claude-code/managed-settings.d/notes.txt': 'ignored',
    });
    const m = loadClaudeSettings(g.ctx);
    expect(m.get(['cleanupPeriodDays'])).toMatchObject({ value: 5, scope: 'managed' });
    expect(m.files.map((x) => path.basename(x.file))).toEqual([
      'settings.local.json',
      'managed-settings.json',
      '10-a.json',
      '20-b.json',
    ]);
  });

  it('merges permission arrays across sources, each rule traced to its file and line', () => {
    const f = fx({
      '~/.claude/settings.json': '{"permissions": {"deny": ["Bash(wget *)"]}}',
      '.claude/settings.local.json':
        '{\n  "_note": "local extras",\n  "permissions": {\n    "deny": [\n      "Read(./.env)",\n      "Bash(rm -rf *)"\n    ]\n  }\n}\n',
    });
    const deny = loadClaudeSettings(f.ctx).rules('deny');
    expect(deny.map((r) => [r.value, r.scope, r.line])).toEqual([
      ['Bash(wget *)', 'user', 1],
      ['Read(./.env)', 'local', 5],
      ['Bash(rm -rf *)', 'local', 6],
    ]);
    expect(deny[2]?.file).toBe(path.join(f.project, '.claude/settings.local.json'));
  });

  it('uses only managed rules when managed settings say allowManagedPermissionRulesOnly', () => {
    const f = fx({
      '~/.claude/settings.json': '{"permissions": {"allow": ["Bash"]}}',
      '/etc/claude-code/managed-settings.json':
        '{"allowManagedPermissionRulesOnly": true, "permissions": {"allow": ["Bash(git status)"]}}',
    });
    expect(
      loadClaudeSettings(f.ctx)
        .rules('allow')
        .map((r) => r.value),
    ).toEqual(['Bash(git status)']);
  });

  it('collects hooks from every source and drops non-managed ones under disableAllHooks', () => {
    const hook = (cmd: string) =>
      `{"hooks": {"PreToolUse": [{"matcher": "*", "hooks": [{"type": "command", "command": "${cmd}"}]}]}}`;
    const f = fx({
      '~/.claude/settings.json': hook('user-guard'),
      '/etc/claude-code/managed-settings.json': hook('managed-guard'),
    });
    const s = loadClaudeSettings(f.ctx);
    expect(s.activeHooks.map((h) => h.command)).toEqual(['user-guard', 'managed-guard']);
    expect(s.activeHooks[0]).toMatchObject({ event: 'PreToolUse', matcher: '*', line: 1, scope: 'user' });

    const g = fx({
      '~/.claude/settings.json': hook('user-guard'),
      '/etc/claude-code/managed-settings.json': hook('managed-guard'),
      '.claude/settings.json': '{"disableAllHooks": true}',
    });
    const t = loadClaudeSettings(g.ctx);
    expect(t.allHooks).toHaveLength(2);
    expect(t.activeHooks.map((h) => h.command)).toEqual(['managed-guard']);
  });

  it('honours CLAUDE_CONFIG_DIR for user settings and the global config', () => {
    const f = fx(
      {
        '~/alt/settings.json': '{"cleanupPeriodDays": 3}',
        '~/alt/.claude.json': '{"mcpServers": {"x": {"command": "x"}}}',
        '~/.claude/settings.json': '{"cleanupPeriodDays": 99}',
      },
      {},
    );
    const ctx = createContext({
      ...f.ctx,
      env: { HOME: f.home, CLAUDE_CONFIG_DIR: path.join(f.home, 'alt') },
    });
    expect(loadClaudeSettings(ctx).get(['cleanupPeriodDays'])?.value).toBe(3);
    expect(loadMcpConfig(ctx).servers.map((s) => s.name)).toEqual(['x']);
  });

  it('reads macOS managed settings from /Library/Application Support/ClaudeCode', () => {
    const f = fx(
      { '/Library/Application Support/ClaudeCode/managed-settings.json': '{"cleanupPeriodDays": 2}' },
      { platform: 'darwin' },
    );
    expect(loadClaudeSettings(f.ctx).get(['cleanupPeriodDays'])).toMatchObject({
      value: 2,
      scope: 'managed',
    });
  });

  it('reads the user file once when the project is the home directory', () => {
    const f = fx({ '~/.claude/settings.json': '{"a": 1}' });
    const ctx = createContext({ ...f.ctx, project: f.home });
    expect(loadClaudeSettings(ctx).files.map((x) => x.scope)).toEqual(['user']);
  });

  it('is memoized per audit context', () => {
    const f = fx({});
    expect(loadClaudeSettings(f.ctx)).toBe(loadClaudeSettings(f.ctx));
  });
});

describe('bad settings files are load problems, never crashes', () => {
  const user = '~/.claude/settings.json';
  it.each([
    [
      'malformed JSONC',
      { [user]: '{\n  "a": 1,\n  "b": [1, 2\n}\n' },
      /not valid JSON: invalid JSON \(\w+\) at line 4/,
    ],
    ['a directory', { [user]: { dir: true as const } }, /is not a regular file/],
    ['a symlink loop', { [user]: { symlink: '~/.claude/settings.json' } }, /symbolic link loop/],
    [
      'a link to a missing file',
      { [user]: { symlink: '~/gone/settings.json' } },
      /is a symbolic link that points to a missing file \(-> .*gone\/settings\.json\)/,
    ],
    ['an empty file', { [user]: ' \n' }, /is an empty file$/],
    ['NUL bytes only', { [user]: { bytes: [0, 0, 0] } }, /is an empty file$/],
    ['a JSON array', { [user]: '[]' }, /does not hold a JSON object/],
    [
      'nested deeper than the parser can follow',
      { [user]: `{"permissions": ${'{"a":'.repeat(8000)}1${'}'.repeat(8000)}}` },
      /not valid JSON: invalid JSON \(nested too deeply\)/,
    ],
  ] satisfies [string, CheckExample['files'], RegExp][])('%s', (_what, files, message) => {
    const f = fx(files);
    const s = loadClaudeSettings(f.ctx);
    expect(s.files).toEqual([]);
    expect(s.problems).toHaveLength(1);
    expect(s.problems[0]?.file).toBe(path.join(f.home, '.claude/settings.json'));
    expect(s.problems[0]?.message).toMatch(message);
  });

  it('a comment or trailing comma is a problem (Claude Code drops the file) but the content is still audited', () => {
    const f = fx({
      '~/.claude/settings.json':
        '{\n  "permissions": {\n    // keep these\n    "deny": ["Bash(rm -rf *)"]\n  }\n}\n',
      '.claude/settings.local.json': '{"cleanupPeriodDays": 7,}',
      '~/.claude.json': '{\n  /* servers */\n  "mcpServers": {"a": {"command": "a-mcp"}}\n}',
      '.mcp.json': '{"mcpServers": {\n  "b": {"command": "b-mcp"}, // local\n}}',
    });
    const s = loadClaudeSettings(f.ctx);
    // Claude Code ignores both files: their values are audited, never effective (never protection).
    expect(s.rules('deny').map((r) => r.value)).toEqual([]);
    expect(s.get(['cleanupPeriodDays'])).toBeUndefined();
    expect(s.everywhere(['permissions', 'deny']).map((t) => t.value)).toEqual([['Bash(rm -rf *)']]);
    expect(s.everywhere(['cleanupPeriodDays']).map((t) => t.value)).toEqual([7]);
    expect(s.files.map((x) => x.ignoredByClaude)).toEqual([true, true]);
    expect(s.problems.map((p) => [path.basename(p.file), p.line, p.audited])).toEqual([
      ['settings.json', 3, true],
      ['settings.local.json', 1, true],
    ]);
    expect(s.problems[0]?.message).toMatch(
      /has a comment at line 3: Claude Code reads this file as strict JSON/,
    );
    expect(s.problems[1]?.message).toMatch(/has a trailing comma at line 1/);
    const mcp = loadMcpConfig(f.ctx);
    expect(mcp.servers.map((x) => x.name)).toEqual(['a', 'b']);
    expect(mcp.problems.map((p) => [path.basename(p.file), p.line])).toEqual([
      ['.claude.json', 2],
      ['.mcp.json', 2],
    ]);
  });

  it('reports the line of a parse error', () => {
    const f = fx({ '.claude/settings.json': '{\n  "permissions": {\n    "deny": [\n  }\n}\n' });
    expect(loadClaudeSettings(f.ctx).problems[0]).toMatchObject({ line: 4 });
  });

  it('refuses a file too large to be settings, as a high problem (Claude Code still loads it)', () => {
    const f = fx({});
    const file = path.join(f.home, '.claude', 'settings.json');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `{"x": "${'a'.repeat(17 * 1024 * 1024)}"}`);
    const [problem] = loadClaudeSettings(f.ctx).problems;
    expect(problem?.message).toMatch(/too large for agentwarden to read/);
    expect(problem?.severity).toBe('high');
  });

  it('an unreadable file (mode 000) is a problem unless we run as root, who can read it anyway', () => {
    const f = fx({ '~/.claude/settings.json': { content: '{"cleanupPeriodDays": 7}', mode: 0o000 } });
    const s = loadClaudeSettings(f.ctx);
    if (process.getuid?.() === 0) {
      expect(s.get(['cleanupPeriodDays'])?.value).toBe(7);
    } else {
      expect(s.problems[0]?.message).toMatch(/cannot be read/);
    }
  });

  it('keeps loading the other files', () => {
    const f = fx({
      '~/.claude/settings.json': '{ nope',
      '.claude/settings.local.json': '{"cleanupPeriodDays": 9}',
      '.mcp.json': '{"mcpServers": ',
    });
    expect(loadClaudeSettings(f.ctx).get(['cleanupPeriodDays'])?.value).toBe(9);
    expect(loadMcpConfig(f.ctx).problems.map((p) => path.basename(p.file))).toEqual(['.mcp.json']);
  });
});

describe('MCP discovery', () => {
  it('finds user, per-project, project and managed servers with their lines', () => {
    const f = fx({});
    const claudeJson = {
      userID: 'abc',
      mcpServers: { u: { command: 'u-server' } },
      projects: {
        [f.project]: { mcpServers: { l: { command: 'l-server' } }, enabledMcpjsonServers: ['p'] },
        '/elsewhere': { mcpServers: { other: { command: 'o' } } },
      },
    };
    fs.writeFileSync(path.join(f.home, '.claude.json'), JSON.stringify(claudeJson, null, 2));
    fs.writeFileSync(
      path.join(f.project, '.mcp.json'),
      '{\n  "mcpServers": {\n    "p": {"type": "http", "url": "https://x"}\n  }\n}',
    );
    fs.mkdirSync(path.join(f.systemRoot, 'etc/claude-code'), { recursive: true });
    fs.writeFileSync(
      path.join(f.systemRoot, 'etc/claude-code/managed-mcp.json'),
      '{"mcpServers": {"m": {"command": "m"}}}',
    );
    const mcp = loadMcpConfig(f.ctx);
    expect(mcp.servers.map((s) => [s.name, s.scope, s.line])).toEqual([
      ['u', 'user', 4],
      ['l', 'local', 11],
      ['p', 'project', 3],
      ['m', 'managed', 1],
    ]);
    expect(mcp.projectState?.data.enabledMcpjsonServers).toEqual(['p']);
  });
});

describe('hook matcher semantics', () => {
  it.each([
    [undefined, 'Bash', true],
    ['', 'Read', true],
    ['*', 'Write', true],
    ['Bash', 'Bash', true],
    ['Bash', 'BashOutput', false],
    ['Bash|Write', 'Write', true],
    ['Bash, Edit', 'Edit', true],
    ['Write|Edit', 'NotebookEdit', false],
    ['Edit.*', 'NotebookEdit', true],
    ['Ba', 'Bash', false],
    ['^Ba', 'Bash', true],
    ['Task', 'Agent', true],
    ['Ta.k', 'Agent', true],
    ['(', 'Bash', false],
    ['mcp__.*', 'mcp__github__search', true],
  ])('matcher %j vs %s -> %s', (matcher, tool, expected) => {
    expect(hookMatcherMatches(matcher, tool)).toBe(expected);
  });
});
