import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { claudeContentChecks } from '../../../src/checks/claude/_content-checks.js';
import secretInInstructions from '../../../src/checks/claude/secret-in-instructions.js';
import { findingsOf, machine } from './_run.js';

const SKILL_OK = '---\nname: ok\ndescription: fine\n---\nDo nothing.\n';

/** Every kind of broken file, each where Claude Code would look for an instruction file. */
function brokenMachine() {
  const fx = machine({
    'CLAUDE.md': { bytes: [0x23, 0x20, 0x00, 0x01, 0x02, 0xff, 0x00] },
    'CLAUDE.local.md': { bytes: [0x23, 0x20, 0xc3, 0x28, 0xa0, 0xa1, 0x0a] },
    '.claude/CLAUDE.md': { dir: true },
    '~/.claude/CLAUDE.md': { symlink: '~/.claude/CLAUDE.md' },
    '.claude/commands/gone.md': { symlink: '~/nowhere/gone.md' },
    '.claude/agents/huge.md': 'x',
    '.claude/skills/locked/SKILL.md': { content: SKILL_OK, mode: 0o000 },
    '.claude/skills/ok/SKILL.md': SKILL_OK,
  });
  fs.truncateSync(path.join(fx.project, '.claude', 'agents', 'huge.md'), 3 * 1024 * 1024);
  return fx;
}

describe('bad input in instruction files', () => {
  it.each(claudeContentChecks.map((c) => [c.id, c] as const))(
    '%s completes without crashing',
    async (_id, check) => {
      const findings = await findingsOf(check, brokenMachine());
      for (const f of findings) {
        expect(f.message).not.toMatch(/could not complete|at .*\.ts:\d+|TypeError|RangeError/);
        expect(f.message.split('\n')).toHaveLength(1);
      }
    },
  );

  it('the secrets check reports each unreadable file once, as info, naming it', async () => {
    const fx = brokenMachine();
    const findings = (await findingsOf(secretInInstructions, fx)).map((f) => [
      path.relative(fx.root, f.file ?? ''),
      f.severity,
      f.message.replace(/^\S+ was not scanned for secrets: /, ''),
    ]);
    const expected = [
      ['home/.claude/CLAUDE.md', 'info', 'is part of a symbolic link loop (ELOOP).'],
      ['home/work/app/CLAUDE.md', 'info', 'looks binary (contains NUL bytes).'],
      ['home/work/app/CLAUDE.local.md', 'info', 'is not valid UTF-8.'],
      ['home/work/app/.claude/CLAUDE.md', 'info', 'is not a regular file.'],
      ['home/work/app/.claude/agents/huge.md', 'info', `is too large to read (${3 * 1024 * 1024} bytes).`],
    ];
    // root reads mode-000 files anyway; everyone else gets EACCES.
    if (process.getuid?.() !== 0)
      expected.push(['home/work/app/.claude/skills/locked/SKILL.md', 'info', 'cannot be read (EACCES).']);
    expect(findings.sort()).toEqual(expected.sort());
  });

  it('a dangling symlink is treated as absent, not as a problem', async () => {
    const fx = machine({ '.claude/commands/gone.md': { symlink: '~/nowhere/gone.md' } });
    expect(await findingsOf(secretInInstructions, fx)).toEqual([]);
  });
});
