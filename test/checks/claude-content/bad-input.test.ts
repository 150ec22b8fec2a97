import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { claudeContentChecks } from '../../../src/checks/claude/_content-checks.js';
import instructionsUnreadable from '../../../src/checks/claude/instructions-unreadable.js';
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

  it('each unreadable or disguised file is reported once by instructions-unreadable, never as info', async () => {
    const fx = brokenMachine();
    const findings = (await findingsOf(instructionsUnreadable, fx)).map((f) => [
      path.relative(fx.root, f.file ?? ''),
      f.severity,
      f.message.replace(/^\S+ (\([^)]*\) )?/, ''),
    ]);
    const expected = [
      [
        'home/.claude/CLAUDE.md',
        'medium',
        'could not be read: is part of a symbolic link loop (ELOOP); its content was not checked.',
      ],
      [
        'home/work/app/CLAUDE.md',
        'medium',
        'is not plain UTF-8 text (it holds 2 NUL bytes, 1 byte sequence is not valid UTF-8): editors and diffs ' +
          'may not show what the model reads. agentwarden checked the decoded text.',
      ],
      [
        'home/work/app/.claude/CLAUDE.md',
        'medium',
        'could not be read: is not a regular file; its content was not checked.',
      ],
      [
        'home/work/app/.claude/commands/gone.md',
        'medium',
        `could not be read: is a symbolic link that points to a missing file (-> ${path.join(fx.home, 'nowhere/gone.md')}); its content was not checked.`,
      ],
      [
        'home/work/app/.claude/agents/huge.md',
        'medium',
        'is not plain UTF-8 text (it holds 3145727 NUL bytes): editors and diffs may not show what the model ' +
          'reads. agentwarden checked the decoded text.',
      ],
    ];
    // root reads mode-000 files anyway; everyone else gets EACCES.
    if (process.getuid?.() !== 0)
      expected.push([
        'home/work/app/.claude/skills/locked/SKILL.md',
        'medium',
        'could not be read: cannot be read (EACCES); its content was not checked.',
      ]);
    expect(findings.sort()).toEqual(expected.sort());
    // The secrets check leaves unreadable files to instructions-unreadable.
    expect(await findingsOf(secretInInstructions, fx)).toEqual([]);
  });

  it('a dangling symlink is no secret, and is reported as a link to a missing file', async () => {
    const fx = machine({ '.claude/commands/gone.md': { symlink: '~/nowhere/gone.md' } });
    expect(await findingsOf(secretInInstructions, fx)).toEqual([]);
    const [finding] = await findingsOf(instructionsUnreadable, fx);
    expect(finding?.message).toMatch(/gone\.md .*points to a missing file/);
  });
});
