import type { AuditReport } from '../core/report.js';

export const REPORT_FORMATS = ['text', 'json', 'sarif', 'markdown', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function isReportFormat(value: string): value is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(value);
}

// PLACEHOLDER until the reporters land: JSON only.
export function renderReport(report: AuditReport, _format: ReportFormat, _opts: { color: boolean }): string {
  return JSON.stringify(report, null, 2);
}
