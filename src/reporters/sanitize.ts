import type { Finding } from '../core/finding.js';
import { redactText } from '../core/redact.js';
import type { AuditReport } from '../core/report.js';

function redactOptional(value: string | undefined): string | undefined {
  return value === undefined ? undefined : redactText(value);
}

function sanitizeFinding(f: Finding): Finding {
  const out: Finding = { ...f, title: redactText(f.title), message: redactText(f.message) };
  const file = redactOptional(f.file);
  const evidence = redactOptional(f.evidence);
  const fix = redactOptional(f.fix);
  if (file !== undefined) out.file = file;
  if (evidence !== undefined) out.evidence = evidence;
  if (fix !== undefined) out.fix = fix;
  return out;
}

/**
 * The reporters' last line of defence: every string that came from the audited machine goes through the
 * one masking function before any format sees it. Checks redact evidence already; this catches what they miss.
 */
export function sanitizeReport(report: AuditReport): AuditReport {
  return {
    ...report,
    target: {
      home: redactText(report.target.home),
      project: redactText(report.target.project),
      host: redactText(report.target.host),
    },
    findings: report.findings.map(sanitizeFinding),
  };
}
