// Bad input anywhere in a home or project gives findings or one-line errors: never a crash, a stack
// trace, or a changed file.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nodeFileSystem, walkFiles } from '../../src/core/files.js';
import { materialize } from '../../src/core/fixture.js';
import { runCli } from '../helpers/cli.js';

const fx = materialize({
  files: {
    '~/.claude/settings.json': '{ "permissions": { "deny": [ "Bash(rm -rf *)", } ',
    '~/.claude.json': { bytes: [0x00, 0x01, 0x02, 0xff, 0xfe] },
    '~/.claude/CLAUDE.md': { bytes: [0x23, 0x20, 0xe9, 0xe8, 0x0a] },
    '.claude/settings.json': { dir: true },
    '.claude/settings.local.json': { symlink: '~/work/app/.claude/settings.local.json' },
    '.mcp.json': '{"mcpServers": {"x": {"command": "npx", "args": ["-y", "pkg"]}',
    'CLAUDE.md': { symlink: '~/work/app/CLAUDE.md' },
    '.claude/skills/broken/SKILL.md': '---\nname: [unclosed\n---\nbody\n',
    '~/.claude/projects/-x/big.jsonl': `${'{"type":"user"}\n'.repeat(20000)}`,
  },
});
afterAll(() => fx.cleanup());

function snapshot(): Map<string, string> {
  const out = new Map<string, string>();
  for (const rel of walkFiles(nodeFileSystem, fx.root, { maxDepth: 12 })) {
    const abs = path.join(fx.root, rel);
    try {
      out.set(rel, createHash('sha256').update(fs.readFileSync(abs)).digest('hex'));
    } catch {
      out.set(rel, 'unreadable');
    }
  }
  return out;
}

describe('audit on a home full of broken files', () => {
  it.each(['text', 'json', 'sarif', 'markdown', 'html'])(
    '%s: completes, reports the broken files, changes nothing',
    (format) => {
      const before = snapshot();
      const r = runCli(['audit', '--home', fx.home, '--project', fx.project, '--format', format]);
      expect(r.code).toBe(0);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stdout).not.toMatch(/could not complete/);
      expect(r.stdout).toContain('settings.json');
      expect(snapshot()).toEqual(before);
    },
  );

  it('names the malformed settings file with its line', () => {
    const report = JSON.parse(
      runCli(['audit', '--home', fx.home, '--project', fx.project, '--format', 'json']).stdout,
    );
    const userSettings = path.join(fx.home, '.claude/settings.json');
    const hit = report.findings.find((f: { file?: string }) => f.file === userSettings);
    expect(hit).toBeDefined();
    expect(hit.line).toBeGreaterThan(0);
  });
});
