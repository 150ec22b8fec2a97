// claude/skill-allowed-tools: a skill's or command's allowed-tools entries are judged like settings allow rules.
import { describe, expect, it } from 'vitest';
import skillAllowedTools, { allowedToolEntries } from '../../../src/checks/claude/skill-allowed-tools.js';
import { machine, run } from '../claude-settings/helpers.js';

describe('allowedToolEntries', () => {
  it('reads the string, comma, flow-list and block-list forms with their lines and columns', () => {
    expect(allowedToolEntries('---\nname: a\nallowed-tools: Bash(python:*) Bash(cmd.exe:*)\n---\n')).toEqual([
      { rule: 'Bash(python:*)', line: 3, column: 16 },
      { rule: 'Bash(cmd.exe:*)', line: 3, column: 31 },
    ]);
    expect(
      allowedToolEntries('---\nallowed-tools: Read, Bash(git commit -m "a, (b)":*), Grep\n---\n').map(
        (e) => e.rule,
      ),
    ).toEqual(['Bash(git commit -m "a, (b)":*)']);
    expect(allowedToolEntries('---\nallowed-tools: [Read, Bash]\n---\n').map((e) => e.rule)).toEqual([
      'Bash',
    ]);
    expect(
      allowedToolEntries(
        '---\nallowed-tools:\n  - Read\n  - Bash(rsync:*)\n  - PowerShell(iex *)\nname: x\n---\nBash(curl:*)\n',
      ),
    ).toEqual([
      { rule: 'Bash(rsync:*)', line: 4, column: 5 },
      { rule: 'PowerShell(iex *)', line: 5, column: 5 },
    ]);
    // Not a Bash rule: BashOutput, a key outside allowed-tools, text after the frontmatter.
    expect(allowedToolEntries('---\nallowed-tools: BashOutput, Read\ndescription: Bash(x:*)\n---\n')).toEqual(
      [],
    );
  });
});

describe('claude/skill-allowed-tools', () => {
  const skill = (fm: string) => `---\nname: build\ndescription: Build it\n${fm}---\nBuild.\n`;

  it('reports broad entries at their line, with the allow-rule severity, and stays silent on exact ones', async () => {
    const f = machine({
      '.claude/skills/build/SKILL.md': skill(
        'allowed-tools:\n  - Bash(git status)\n  - Bash(curl:*)\n  - Bash(python scripts/build.py)\n',
      ),
    });
    const findings = await run(skillAllowedTools, f);
    expect(findings.map((x) => [x.line, x.evidence, x.severity])).toEqual([[6, 'Bash(curl:*)', 'high']]);
    expect(findings[0]?.message).toMatch(/model may invoke it by itself/);
    expect(findings[0]?.fix).toMatch(/disable-model-invocation: true/);
  });

  it('caps the severity at medium when model invocation is disabled', async () => {
    const f = machine({
      '.claude/commands/clean.md':
        '---\ndisable-model-invocation: true\nallowed-tools: Bash(*)\n---\nClean.\n',
    });
    const findings = await run(skillAllowedTools, f);
    expect(findings.map((x) => [x.line, x.severity])).toEqual([[3, 'medium']]);
    expect(findings[0]?.message).toMatch(/only when the user starts it/);
  });

  it('ignores allowed-tools Claude Code does not read (indented key) and files that are not skills or commands', async () => {
    const f = machine({
      '.claude/skills/x/SKILL.md': '---\nname: x\nmeta:\n  allowed-tools: Bash(*)\n---\nx\n',
      '.claude/skills/x/notes.md': '---\nallowed-tools: Bash(*)\n---\n',
    });
    expect(await run(skillAllowedTools, f)).toEqual([]);
  });
});
