import * as path from 'node:path';
import type { Finding } from '../core/finding.js';
import type { AuditReport } from '../core/report.js';
import { SEVERITIES, type Severity } from '../core/severity.js';

/** What a reporter knows about a check beyond the finding itself (from the check's metadata). */
export interface RuleDoc {
  title: string;
  severity: Severity;
  why: string;
  fix: string;
  seedRefs: string[];
  frameworks: string[];
}

export type RuleCatalogue = ReadonlyMap<string, RuleDoc>;

/** Highest first: critical, high, medium, low, info. */
export const SEVERITIES_DESC: readonly Severity[] = [...SEVERITIES].reverse();

export interface SeverityGroup {
  severity: Severity;
  findings: Finding[];
}

/** Non-empty groups, critical first; report order is kept inside a group. */
export function groupBySeverity(findings: readonly Finding[]): SeverityGroup[] {
  return SEVERITIES_DESC.map((severity) => ({
    severity,
    findings: findings.filter((f) => f.severity === severity),
  })).filter((g) => g.findings.length > 0);
}

/** `~/…` for paths under the audited home, the path itself otherwise. */
export function displayPath(file: string, home: string): string {
  if (!home) return file;
  if (file === home) return '~';
  const prefix = home.endsWith(path.sep) ? home : home + path.sep;
  return file.startsWith(prefix) ? `~/${file.slice(prefix.length)}` : file;
}

/** `~/x.json:12:5`, `~/x.json:12`, `~/x.json`, or undefined when the finding names no file. */
export function displayLocation(
  f: Pick<Finding, 'file' | 'line' | 'column'>,
  home: string,
): string | undefined {
  if (f.file === undefined) return undefined;
  let out = displayPath(f.file, home);
  if (f.line !== undefined) {
    out += `:${f.line}`;
    if (f.column !== undefined) out += `:${f.column}`;
  }
  return out;
}

// C0/C1 controls (bar tab and newline) and bidi overrides: a hostile file name or evidence could use them
// to forge terminal output (ANSI escapes) or to make text read differently from what it is.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Shows control and bidi-override characters as `\x1b` / `\u202e` instead of letting them act. */
export function showControlChars(text: string): string {
  return text.replace(INVISIBLE, (ch) => {
    const code = ch.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16)}`;
  });
}

/** `1 critical, 2 high, 0 medium, 0 low, 0 info`. */
export function severityCounts(report: AuditReport): string {
  return SEVERITIES_DESC.map((s) => `${report.summary.bySeverity[s] ?? 0} ${s}`).join(', ');
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The why / fix to show for a finding: the check's docs, the finding's own fix first. */
export function guidance(f: Finding, rules: RuleCatalogue): { why?: string; fix?: string } {
  const rule = rules.get(f.checkId);
  return { why: rule?.why, fix: f.fix ?? rule?.fix };
}

/**
 * A fix that holds a block to copy as it is laid out (a CLAUDE.md section, a JSON snippet): the sentence that
 * introduces it, and the block whose lines must be kept. Undefined for a one-line fix.
 */
export function splitFixBlock(fix: string): { lead: string; block: string } | undefined {
  const text = fix.trim();
  if (!/\r?\n/.test(text)) return undefined;
  const [first = '', ...rest] = text.split(/\r?\n/);
  if (first.trimEnd().endsWith(':')) return { lead: first, block: rest.join('\n').replace(/^\s*\n/, '') };
  return { lead: '', block: text };
}

export function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
