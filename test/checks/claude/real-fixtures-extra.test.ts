import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import broadAllowRule from '../../../src/checks/claude/broad-allow-rule.js';
import { claudeChecks } from '../../../src/checks/claude/index.js';
import { createContext } from '../../../src/core/context.js';
import type { AuditFinding } from '../../../src/core/finding.js';
import { runCheck } from '../../../src/core/run-audit.js';
import { applyFixes } from '../../../src/fix/apply.js';
import { machine, run } from '../claude-settings/helpers.js';
import { CORPUS, realConfigContext } from './real-corpus-context.js';

/**
 * Issue 9 leftovers on real files added after the main corpus test (sources in
 * test/fixtures/real-claude/SOURCES.md, labels written before the run in LABELS.md, "third batch").
 */
const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-real-extra-'));
afterAll(() => fs.rmSync(empty, { recursive: true, force: true }));

async function audit(name: string): Promise<AuditFinding[]> {
  const ctx = realConfigContext(name, empty);
  return (await Promise.all(claudeChecks.map((c) => runCheck(c, ctx, { dropBaseline: true })))).flat();
}

const SKILL = path.join(CORPUS, 'natekot__mcplay/project/.claude/skills/msvc-build/SKILL.md');

describe('natekot/mcplay msvc-build skill: allowed-tools Bash(python:*) Bash(cmd.exe:*) (real cmd.exe wildcard)', () => {
  it('the fixture holds the labelled line 12', () => {
    expect(fs.readFileSync(SKILL, 'utf8').split('\n')[11]).toBe(
      'allowed-tools: Bash(python:*) Bash(cmd.exe:*)',
    );
  });

  it('the audit completes on it and does not call its valid frontmatter (folded description, nested metadata) malformed', async () => {
    const findings = await audit('natekot__mcplay');
    expect(findings.filter((f) => f.message.startsWith('The check could not complete'))).toEqual([]);
    expect(findings.filter((f) => f.checkId === 'claude/malformed-frontmatter')).toEqual([]);
  });

  it('the two rules of its allowed-tools line, in a settings allow list, are judged broad by the allow-rule model', async () => {
    const line = fs.readFileSync(SKILL, 'utf8').split('\n')[11] ?? '';
    const rules = line.match(/Bash\([^)]*\)/g) ?? [];
    expect(rules).toEqual(['Bash(python:*)', 'Bash(cmd.exe:*)']);
    const f = machine({
      '~/.claude/settings.json': JSON.stringify({ permissions: { allow: rules } }, null, 2),
    });
    const judged = (await run(broadAllowRule, f)).map((x) => [x.evidence, x.severity]);
    expect(judged).toHaveLength(2);
    for (const [, severity] of judged) expect(['high', 'critical']).toContain(severity);
    expect(
      judged.some(([evidence, severity]) => String(evidence).includes('cmd.exe') && severity === 'critical'),
    ).toBe(true);
  });

  // Labelled before the run (LABELS.md third batch): the skill is model-invocable and line 12 pre-approves
  // `cmd.exe /c <any command>` and `python -c` while it runs.
  it('reports SKILL.md:12 allowed-tools Bash(cmd.exe:*) (critical) and Bash(python:*) (high) as broad pre-approvals of a model-invocable skill', async () => {
    const findings = (await audit('natekot__mcplay')).filter(
      (f) => f.checkId === 'claude/skill-allowed-tools',
    );
    expect(
      findings.map((f) => [path.relative(CORPUS, f.file ?? ''), f.line, f.evidence, f.severity]).sort(),
    ).toEqual([
      ['natekot__mcplay/project/.claude/skills/msvc-build/SKILL.md', 12, 'Bash(cmd.exe:*)', 'critical'],
      ['natekot__mcplay/project/.claude/skills/msvc-build/SKILL.md', 12, 'Bash(python:*)', 'high'],
    ]);
    for (const f of findings) expect(f.message).toMatch(/model may invoke it by itself/);
  });
});

describe('guru431/claude-bundle ~/.claude/settings.json: a real Bash(cmd.exe *) allow rule', () => {
  const at = (line: number) => `guru431__claude-bundle/home/.claude/settings.json:${line}`;
  const locate = (f: AuditFinding) => `${path.relative(CORPUS, f.file ?? '')}:${f.line}`;

  /** Labelled before the run (LABELS.md third batch): line and the severity the capability model gives it. */
  const LABELLED: [number, string, string][] = [
    [5, 'Bash', 'critical'],
    [6, 'Bash(git *)', 'high'],
    [7, 'Bash(npm *)', 'high'],
    [8, 'Bash(pnpm *)', 'high'],
    [9, 'Bash(yarn *)', 'high'],
    [10, 'Bash(pip *)', 'high'],
    [11, 'Bash(poetry *)', 'high'],
    [12, 'Bash(composer *)', 'high'],
    [13, 'Bash(cmd.exe *)', 'critical'],
    [14, 'Bash(powershell.exe *)', 'critical'],
    [15, 'Bash(python3:*)', 'high'],
    [16, 'Bash(curl:*)', 'high'],
    [24, 'WebFetch', 'medium'],
    [25, 'WebFetch(domain:*)', 'medium'],
    [19, 'Bash(for *)', 'low'],
  ];

  it.each(LABELLED)('line %i %s is reported broad (%s)', async (line, rule, severity) => {
    const findings = (await audit('guru431__claude-bundle')).filter(
      (f) => f.checkId === 'claude/broad-allow-rule' && locate(f) === at(line),
    );
    expect(findings.map((f) => [f.severity, f.message.includes(`"${rule}"`)])).toEqual([[severity, true]]);
  });

  it('the cmd.exe rule names a command that chains any other one, and exact rules stay silent', async () => {
    const findings = (await audit('guru431__claude-bundle')).filter(
      (f) => f.checkId === 'claude/broad-allow-rule',
    );
    const cmd = findings.find((f) => locate(f) === at(13));
    expect(cmd?.message).toMatch(/cmd\.exe \/c .*runs any command/);
    // where:* (prints paths), the exact `while read file` and `done`: nothing.
    for (const line of [17, 18, 21]) expect(findings.map(locate)).not.toContain(at(line));
  });

  // Labelled unsure before the first run (not reported then); yt-dlp --exec runs a command after each download.
  it('guru431/claude-bundle: Bash(yt-dlp:*):23 admits `yt-dlp --exec <command>`', async () => {
    const findings = (await audit('guru431__claude-bundle')).filter(
      (f) => f.checkId === 'claude/broad-allow-rule' && locate(f) === at(23),
    );
    expect(findings.map((f) => f.evidence)).toEqual(['Bash(yt-dlp:*)']);
    expect(findings[0]?.message).toMatch(/yt-dlp --exec/);
  });
});

describe('real project hooks launching unpinned packages (issue 9: one rule for statusLine, hooks and MCP launchers)', () => {
  const locate = (f: AuditFinding) => `${path.relative(CORPUS, f.file ?? '')}:${f.line}`;

  it.each([
    ['beefiker__claude-sound', 9, /claude-sound@latest.*"latest"/],
    ['richard-devbot__SDLC-rstack', 8, /npx rstack-agents, which has no version/],
    ['richard-devbot__SDLC-rstack', 19, /npx rstack-agents, which has no version/],
  ] as const)('%s: the hook at line %i is reported as an unpinned launch', async (name, line, message) => {
    const findings = await audit(name);
    const at = `${name}/project/.claude/settings.json:${line}`;
    const unpinned = findings.filter((f) => f.checkId === 'claude/mcp-unpinned-server' && locate(f) === at);
    expect(unpinned).toHaveLength(1);
    expect(unpinned[0]?.message).toMatch(message);
    expect(unpinned[0]?.message).toMatch(/hook in project settings/);
    expect(['medium', 'high', 'critical']).toContain(unpinned[0]?.severity);
    // and as a project command that downloads and runs a package for anyone who opens the project
    expect(findings.filter((f) => f.checkId === 'claude/project-command-risk').map(locate)).toContain(at);
  });

  it('beefiker/claude-sound: a sound hook is not said to "fail open"', async () => {
    const findings = await audit('beefiker__claude-sound');
    expect(
      findings.filter((f) => f.checkId === 'claude/enforcement-hook' && /fails open/.test(f.message)),
    ).toEqual([]);
  });
});

describe('slackapi/slack-cli .claude/settings.json with a real trailing comma (Claude Code skipped it; fixed upstream in #313)', () => {
  const file = path.join(CORPUS, 'slackapi__slack-cli/project/.claude/settings.json');

  it('the fixture is the version with the comma, which strict JSON rejects', () => {
    expect(fs.readFileSync(file, 'utf8').split('\n')[7]).toBe('      "Bash(make lint:*)",');
    expect(() => JSON.parse(fs.readFileSync(file, 'utf8'))).toThrow();
  });

  it('is reported unreadable once, at the line of the comma', async () => {
    const findings = (await audit('slackapi__slack-cli')).filter(
      (f) => f.checkId === 'claude/settings-unreadable',
    );
    expect(findings.map((f) => [path.relative(CORPUS, f.file ?? ''), f.line])).toEqual([
      ['slackapi__slack-cli/project/.claude/settings.json', 8],
    ]);
    expect(findings[0]?.message).toMatch(/trailing comma at line 8/);
  });

  it('audit --fix leaves the ignored file byte for byte, saying its allow rules would switch on', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-real-fix-slack-'));
    try {
      fs.cpSync(path.join(CORPUS, 'slackapi__slack-cli'), dir, { recursive: true });
      fs.mkdirSync(path.join(dir, 'home'));
      const ctx = createContext({
        home: path.join(dir, 'home'),
        project: path.join(dir, 'project'),
        env: {},
        platform: 'linux',
        systemRoot: empty,
        run: async () => ({ code: 127, stdout: '', stderr: 'not run in tests' }),
      });
      const findings = (await Promise.all(claudeChecks.map((c) => runCheck(c, ctx)))).flat();
      const copy = path.join(dir, 'project/.claude/settings.json');
      const before = fs.readFileSync(copy, 'utf8');
      const result = applyFixes(findings, { dryRun: false });
      expect(fs.readFileSync(copy, 'utf8')).toBe(before);
      expect(result.backups).not.toContain(copy);
      expect(result.summary).toContain(
        `skipped ${copy}: Claude Code ignores this file (a trailing comma at line 8)`,
      );
      expect(result.summary).toContain('would also switch on its allow rules');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
