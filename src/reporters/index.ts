import type { Check } from '../core/check.js';
import type { AuditReport } from '../core/report.js';
import type { RuleCatalogue } from './_common.js';
import { renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';
import { sanitizeReport } from './sanitize.js';
import { renderSarif } from './sarif.js';
import { renderText } from './text.js';

export type { RuleCatalogue, RuleDoc } from './_common.js';

export const REPORT_FORMATS = ['text', 'json', 'sarif', 'markdown', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function isReportFormat(value: string): value is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(value);
}

/** Why / fix / tags of each check, keyed by check id, for the formats that explain a finding. */
export function ruleCatalogue(checks: readonly Check[]): RuleCatalogue {
  return new Map(
    checks.map((c) => [
      c.id,
      {
        title: c.title,
        severity: c.severity,
        why: c.docs.why,
        fix: c.docs.fix,
        seedRefs: c.seedRefs,
        frameworks: c.frameworks,
      },
    ]),
  );
}

export interface RenderOptions {
  /** Colour the text format; the CLI decides (TTY, NO_COLOR, --no-color). */
  color: boolean;
  /** Metadata of the checks the report comes from (`ruleCatalogue(checks)`); reporters import no check. */
  rules: RuleCatalogue;
}

export function renderReport(report: AuditReport, format: ReportFormat, opts: RenderOptions): string {
  const safe = sanitizeReport(report);
  const { rules } = opts;
  switch (format) {
    case 'text':
      return renderText(safe, opts.color, rules);
    case 'json':
      return `${JSON.stringify(safe, null, 2)}\n`;
    case 'sarif':
      return renderSarif(safe, rules);
    case 'markdown':
      return renderMarkdown(safe, rules);
    case 'html':
      return renderHtml(safe, rules);
  }
}
