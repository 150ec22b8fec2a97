import type { Area, Check } from './check.js';
import type { AuditContext } from './context.js';
import type { AuditFinding, RawFinding } from './finding.js';
import { compareSeverityDesc, SEVERITIES, type Severity } from './severity.js';

export interface AuditRun {
  findings: AuditFinding[];
  checksRun: number;
  durationMs: number;
}

export function toAuditFinding(check: Check, raw: RawFinding): AuditFinding {
  return {
    checkId: check.id,
    severity: raw.severity ?? check.severity,
    title: check.title,
    message: raw.message,
    ...(raw.file !== undefined && { file: raw.file }),
    ...(raw.line !== undefined && { line: raw.line }),
    ...(raw.column !== undefined && { column: raw.column }),
    ...(raw.evidence !== undefined && { evidence: raw.evidence }),
    fix: raw.fix ?? check.docs.fix,
    fixable: check.fixable && (raw.fixPlans?.length ?? 0) > 0 && raw.fixRefused === undefined,
    seedRefs: check.seedRefs,
    frameworks: check.frameworks,
    fixPlans: raw.fixPlans ?? [],
    ...(raw.items !== undefined && { items: raw.items }),
  };
}

/** A check's raw findings, computed once per audit: a grouping check reads other checks' results. */
export function checkFindings(check: Check, ctx: AuditContext): Promise<RawFinding[]> {
  return ctx.memo(`check-findings:${check.id}`, async () => check.run(ctx));
}

/**
 * Runs one check; a check that throws becomes an info finding instead of taking the audit down.
 * dropBaseline: a grouping check (groupsBaseline) runs too and reports the baseline findings as its items.
 */
export async function runCheck(
  check: Check,
  ctx: AuditContext,
  opts: { dropBaseline?: boolean } = {},
): Promise<AuditFinding[]> {
  try {
    const raws = await checkFindings(check, ctx);
    return raws
      .filter((raw) => !(opts.dropBaseline && raw.baseline))
      .map((raw) => toAuditFinding(check, raw));
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return [
      toAuditFinding(check, {
        severity: 'info',
        message: `The check could not complete: ${reason.split('\n')[0]}`,
        fix: 'Report this as a bug in agentwarden, with the file named above if any.',
      }),
    ];
  }
}

export function sortFindings<T extends AuditFinding>(findings: T[]): T[] {
  return findings.sort(
    (a, b) =>
      compareSeverityDesc(a.severity, b.severity) ||
      a.checkId.localeCompare(b.checkId) ||
      (a.file ?? '').localeCompare(b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0),
  );
}

export async function runAudit(ctx: AuditContext, checks: Check[], only?: Area[]): Promise<AuditRun> {
  const started = performance.now();
  const selected = only?.length ? checks.filter((c) => only.includes(c.area)) : checks;
  const dropBaseline = selected.some((c) => c.groupsBaseline);
  const results = await Promise.all(selected.map((c) => runCheck(c, ctx, { dropBaseline })));
  return {
    findings: sortFindings(results.flat()),
    checksRun: selected.length,
    durationMs: Math.round(performance.now() - started),
  };
}

export function countBySeverity(findings: { severity: Severity }[]): Record<Severity, number> {
  const out = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) out[f.severity]++;
  return out;
}
