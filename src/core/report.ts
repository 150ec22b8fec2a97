import type { Finding } from './finding.js';
import type { Severity } from './severity.js';

export const SCHEMA_VERSION = 1;

export interface AuditReport {
  schemaVersion: typeof SCHEMA_VERSION;
  tool: { name: string; version: string };
  target: { home: string; project: string; host: string };
  findings: Finding[];
  summary: {
    bySeverity: Record<Severity, number>;
    checksRun: number;
    durationMs: number;
  };
}

export function buildReport(
  target: AuditReport['target'],
  tool: AuditReport['tool'],
  run: { findings: (Finding & { fixPlans?: unknown })[]; checksRun: number; durationMs: number },
  bySeverity: Record<Severity, number>,
): AuditReport {
  return {
    schemaVersion: SCHEMA_VERSION,
    tool,
    target,
    findings: run.findings.map(({ fixPlans: _omit, ...f }) => f),
    summary: { bySeverity, checksRun: run.checksRun, durationMs: run.durationMs },
  };
}
