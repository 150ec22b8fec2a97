import pc from 'picocolors';
import type { Finding } from '../core/finding.js';
import type { AuditReport } from '../core/report.js';
import type { Severity } from '../core/severity.js';
import {
  displayLocation,
  displayPath,
  groupBySeverity,
  guidance,
  plural,
  type RuleCatalogue,
  severityCounts,
  showControlChars,
} from './_common.js';

type Colors = ReturnType<typeof pc.createColors>;

function severityTag(c: Colors, severity: Severity): string {
  const tag = `[${severity.toUpperCase()}]`;
  switch (severity) {
    case 'critical':
      return c.bold(c.red(tag));
    case 'high':
      return c.red(tag);
    case 'medium':
      return c.yellow(tag);
    case 'low':
      return c.cyan(tag);
    case 'info':
      return c.dim(tag);
  }
}

/** User text, made inert and indented so continuation lines stay under their label. */
function block(text: string, indent: string): string {
  return showControlChars(text).replace(/\r?\n/g, `\n${indent}`);
}

/** `whyShown` keeps the why of a check to its first finding: repeating a paragraph per finding buries the rest. */
function renderFinding(
  f: Finding,
  c: Colors,
  home: string,
  rules: RuleCatalogue,
  whyShown: Set<string>,
): string[] {
  const pad = '    ';
  const lines = [`  ${severityTag(c, f.severity)} ${c.bold(block(f.title, pad))}`];
  const where = displayLocation(f, home);
  if (where !== undefined) lines.push(`${pad}${c.underline(block(where, pad))}`);
  lines.push(`${pad}${block(f.message, pad)}`);
  if (f.evidence) lines.push(`${pad}${c.dim('evidence:')} ${block(f.evidence, `${pad}  `)}`);
  const { why, fix } = guidance(f, rules);
  if (why && !whyShown.has(f.checkId)) lines.push(`${pad}${c.dim('why:')} ${block(why, `${pad}  `)}`);
  whyShown.add(f.checkId);
  if (fix)
    lines.push(`${pad}${c.green('fix:')} ${block(fix, `${pad}  `)}${f.fixable ? c.dim(' (--fix)') : ''}`);
  for (const item of f.items ?? []) {
    const at = displayLocation(item, home);
    lines.push(`${pad}- ${block(item.message, `${pad}  `)}${at ? c.dim(` (${block(at, pad)})`) : ''}`);
    if (item.fix)
      lines.push(
        `${pad}  ${c.green('fix:')} ${block(item.fix, `${pad}    `)}${item.fixable ? c.dim(' (--fix)') : ''}`,
      );
    lines.push(c.dim(`${pad}  ${item.checkId}`));
  }
  const refs = [...f.seedRefs, ...f.frameworks].join(', ');
  lines.push(c.dim(`${pad}${f.checkId}${refs ? ` · ${refs}` : ''}`));
  return lines;
}

/** For people at a terminal: grouped by severity, worst first, with a one-line summary at the end. */
export function renderText(report: AuditReport, color: boolean, rules: RuleCatalogue): string {
  const c = pc.createColors(color);
  const home = report.target.home;
  const out = [
    c.bold(`${report.tool.name} ${report.tool.version} audit`),
    `  home     ${block(report.target.home, '')}`,
    `  project  ${block(displayPath(report.target.project, home), '')}`,
    `  host     ${block(report.target.host, '')}`,
    '',
  ];
  const { checksRun, durationMs } = report.summary;
  const ran = `${plural(checksRun, 'check')} in ${durationMs} ms`;
  if (report.findings.length === 0) {
    out.push(c.green(`No findings: ${ran} found nothing to report.`));
    return `${out.join('\n')}\n`;
  }
  const whyShown = new Set<string>();
  for (const group of groupBySeverity(report.findings)) {
    out.push(c.bold(`${group.severity.toUpperCase()} (${group.findings.length})`));
    for (const f of group.findings) out.push(...renderFinding(f, c, home, rules, whyShown), '');
  }
  out.push(`${c.bold(plural(report.findings.length, 'finding'))}: ${severityCounts(report)} · ${ran}`);
  return `${out.join('\n')}\n`;
}
