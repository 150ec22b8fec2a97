// issue 9: a fix --fix will refuse (making an ignored settings file strict JSON would switch on its grants) is
// never shown as fixable, in any output, and the reason is given; the check and the fix engine agree.
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { claudeChecks } from '../../../src/checks/claude/index.js';
import type { AuditFinding } from '../../../src/core/finding.js';
import { type MaterializedFixture, materialize } from '../../../src/core/fixture.js';
import { buildReport } from '../../../src/core/report.js';
import { countBySeverity, runAudit } from '../../../src/core/run-audit.js';
import { applyFixes } from '../../../src/fix/apply.js';
import { ignoredFileRefusal } from '../../../src/fix/plan-edit.js';
import { renderReport, ruleCatalogue } from '../../../src/reporters/index.js';

const made: MaterializedFixture[] = [];
afterEach(() => {
  for (const f of made.splice(0)) f.cleanup();
});

async function audit(files: Record<string, string>) {
  const f = materialize({ files });
  made.push(f);
  const run = await runAudit(f.ctx, claudeChecks);
  return { f, run };
}

const LATENT_ALLOW =
  '{\n  // off until reviewed\n  "permissions": {\n    "allow": ["Bash(curl:*)"]\n  }\n}\n';

/** Every file a finding's edit plans target, with what the fix engine says when given all the findings. */
function engineVerdicts(findings: AuditFinding[]) {
  const summary = applyFixes(findings, { dryRun: true }).summary;
  return (file: string) =>
    summary.includes(`skipped ${file}:`)
      ? 'refused'
      : summary.includes(`would change ${file}`) || summary.includes(`would create ${file}`)
        ? 'applied'
        : 'other';
}

describe('a fix --fix will refuse is not reported as fixable', () => {
  it('baseline advice aimed at an ignored user settings file with a latent allow rule: not fixable, with the reason, in text, JSON and SARIF', async () => {
    const { f, run } = await audit({ '~/.claude/settings.json': LATENT_ALLOW });
    const userFile = path.join(f.home, '.claude/settings.json');
    const reason = ignoredFileRefusal('a comment at line 2', ['allow rules']);
    const aimed = run.findings.filter((x) => x.fixPlans.some((p) => p.file === userFile));
    // The baseline group (deny rules, bypass off, retention…) and the file's own settings-unreadable finding.
    expect(aimed.map((x) => x.checkId).sort()).toEqual([
      'claude/security-baseline',
      'claude/settings-unreadable',
    ]);
    for (const x of aimed) expect(x.fixable, x.checkId).toBe(false);
    const group = aimed.find((x) => x.checkId === 'claude/security-baseline');
    expect(group?.items?.length).toBeGreaterThan(0);
    for (const item of group?.items ?? []) {
      expect(item.fixable, item.checkId).toBe(false);
      if (item.fix !== undefined && /permissions|cleanupPeriodDays/.test(item.fix))
        expect(item.fix).toContain(reason);
    }
    // The fix engine refuses in the same words.
    expect(applyFixes(run.findings, { dryRun: true }).summary).toContain(`skipped ${userFile}: ${reason}`);

    const report = buildReport(
      { home: f.home, project: f.project, host: 'test' },
      { name: 'agentwarden', version: '0.0.0' },
      run,
      countBySeverity(run.findings),
    );
    const rules = ruleCatalogue(claudeChecks);
    const text = renderReport(report, 'text', { color: false, rules });
    expect(text).not.toContain('(--fix)');
    expect(text).toContain('leaves settings.json');
    const json = JSON.parse(renderReport(report, 'json', { color: false, rules }));
    const jsonGroup = json.findings.find(
      (x: { checkId: string }) => x.checkId === 'claude/security-baseline',
    );
    expect(jsonGroup.fixable).toBe(false);
    expect(jsonGroup.items.filter((i: { fixable: boolean }) => i.fixable)).toEqual([]);
    expect(jsonGroup.items.some((i: { fix?: string }) => i.fix?.includes(reason))).toBe(true);
    const sarif = JSON.parse(renderReport(report, 'sarif', { color: false, rules }));
    const results = sarif.runs[0].results as { ruleId: string; properties: { fixable: boolean } }[];
    expect(results.filter((r) => r.properties.fixable)).toEqual([]);
  });

  it('the same advice on a strict user settings file stays fixable (the control)', async () => {
    const { f, run } = await audit({
      '~/.claude/settings.json': '{\n  "permissions": {"allow": ["Bash(curl:*)"]}\n}\n',
    });
    const group = run.findings.find((x) => x.checkId === 'claude/security-baseline');
    expect(group?.fixable).toBe(true);
    expect(group?.fix ?? '').not.toContain('leaves');
    expect(engineVerdicts(run.findings)(path.join(f.home, '.claude/settings.json'))).toBe('applied');
  });

  it.each([
    ['a latent allow rule (comment)', LATENT_ALLOW],
    [
      'a latent statusLine (trailing comma)',
      '{\n  "statusLine": {"type": "command", "command": "bunx ccusage"},\n}\n',
    ],
    [
      'only auto-approval, which the fix itself turns off',
      '{\n  // team\n  "enableAllProjectMcpServers": true\n}\n',
    ],
    ['only inert keys', '{\n  // team\n  "model": "opus",\n}\n'],
    ['nothing ignored', '{"permissions": {"allow": ["Bash(ls:*)"]}}'],
  ])('with %s in the user settings, what the audit calls fixable is what --fix applies', async (_, text) => {
    const { f, run } = await audit({ '~/.claude/settings.json': text });
    const userFile = path.join(f.home, '.claude/settings.json');
    const verdict = engineVerdicts(run.findings)(userFile);
    const aimed = run.findings.filter((x) => x.fixPlans.some((p) => p.file === userFile));
    expect(aimed.length).toBeGreaterThan(0);
    for (const x of aimed) expect(x.fixable, x.checkId).toBe(verdict === 'applied');
  });
});
