import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import broadAllowRule from '../../src/checks/claude/broad-allow-rule.js';
import settingsUnreadable from '../../src/checks/claude/settings-unreadable.js';
import type { CheckExample } from '../../src/core/check.js';
import { type MaterializedFixture, materialize } from '../../src/core/fixture.js';
import { runCheck } from '../../src/core/run-audit.js';
import { loadMcpConfig } from '../../src/discover/claude-mcp.js';
import { loadClaudeSettings } from '../../src/discover/claude-settings.js';

const made: MaterializedFixture[] = [];
afterEach(() => {
  for (const f of made.splice(0)) f.cleanup();
});
function fx(files: CheckExample['files']): MaterializedFixture {
  const f = materialize({ files });
  made.push(f);
  return f;
}

const ALLOW_ALL = '{"permissions": {"allow": ["Bash"]}, "note": "ok"}';
const bytes = (text: string) => [...Buffer.from(text)];
/** ALLOW_ALL with one 0xFF byte inside the "ok" string. */
const withFF = () => {
  const b = bytes(ALLOW_ALL);
  b.splice(ALLOW_ALL.indexOf('ok'), 0, 0xff);
  return b;
};

describe('settings decoded as Claude Code reads them (issue 16)', () => {
  it('a 0xFF byte inside a string: Claude Code still loads the file, so its allow-everything rule stays critical', async () => {
    const f = fx({ '.claude/settings.json': { bytes: withFF() } });
    const s = loadClaudeSettings(f.ctx);
    expect(s.problems).toEqual([]);
    expect(s.get(['note'])?.value).toBe('\ufffdok');
    const findings = await runCheck(broadAllowRule, f.ctx);
    expect(findings.map((x) => x.severity)).toContain('critical');
  });

  it('a leading NUL: reported as the file Claude Code drops, and what it says is still read', async () => {
    const f = fx({ '.claude/settings.json': { bytes: [0, ...bytes(ALLOW_ALL)] } });
    const s = loadClaudeSettings(f.ctx);
    expect(s.everywhere(['permissions', 'allow']).map((t) => t.value)).toEqual([['Bash']]);
    expect(s.problems).toHaveLength(1);
    expect(s.problems[0]).toMatchObject({ audited: true, line: 1 });
    expect(s.problems[0]?.message).toMatch(/holds 1 NUL byte\): Claude Code .* drops the whole file/);
    const [finding] = await runCheck(settingsUnreadable, f.ctx);
    expect(finding?.message).toMatch(/NUL byte.*agentwarden still audited what the file says/);
  });

  it('UTF-16 settings (with or without a byte-order mark) are decoded and reported as dropped', () => {
    const utf16 = (text: string) => [...Buffer.from(text, 'utf16le')];
    for (const content of [
      [0xff, 0xfe, ...utf16(ALLOW_ALL)],
      utf16(ALLOW_ALL),
      [0xfe, 0xff, ...Buffer.from(ALLOW_ALL, 'utf16le').swap16()],
    ]) {
      const f = fx({ '~/.claude/settings.json': { bytes: content } });
      const s = loadClaudeSettings(f.ctx);
      expect(s.everywhere(['permissions', 'allow']).map((t) => t.value)).toEqual([['Bash']]);
      expect(s.problems[0]?.message).toMatch(/is not plain UTF-8 JSON \(it is UTF-16(LE|BE) text\)/);
    }
  });

  it('a dangling link for .mcp.json or ~/.claude.json is reported, a loop as a loop, not as missing', () => {
    const f = fx({
      '~/.claude.json': { symlink: '~/nowhere/claude.json' },
      '.mcp.json': { symlink: '~/work/app/.mcp.json' },
    });
    const problems = loadMcpConfig(f.ctx).problems;
    expect(problems.map((p) => [path.basename(p.file), p.message.replace(/^\S+ /, '')])).toEqual([
      [
        '.claude.json',
        `is a symbolic link that points to a missing file (-> ${path.join(f.home, 'nowhere/claude.json')})`,
      ],
      ['.mcp.json', 'is part of a symbolic link loop (ELOOP)'],
    ]);
  });

  it('an empty settings file is an empty file, not a trailing comma', async () => {
    const f = fx({ '.claude/settings.local.json': '' });
    const [finding] = await runCheck(settingsUnreadable, f.ctx);
    expect(finding?.message).toMatch(/settings\.local\.json is an empty file;/);
    expect(finding?.message).not.toMatch(/comma/);
  });
});
