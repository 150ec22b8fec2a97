import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Finding } from '../core/finding.js';
import type { AuditReport } from '../core/report.js';
import { type Severity, severityRank } from '../core/severity.js';
import type { RuleCatalogue, RuleDoc } from './_common.js';
import { escapeMarkdown } from './markdown.js';

export const SARIF_SCHEMA_URI =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
export const INFORMATION_URI = 'https://www.npmjs.com/package/agentwarden';

type SarifLevel = 'error' | 'warning' | 'note';

const LEVEL: Record<Severity, SarifLevel> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

// GitHub code scanning buckets: > 9.0 critical, 7.0–8.9 high, 4.0–6.9 medium, 0.1–3.9 low. It reads the value
// as a string holding a number, as CodeQL writes it. Info findings get none, so GitHub keeps them as plain notes.
const SECURITY_SEVERITY: Record<Severity, string | undefined> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: undefined,
};

/** `claude/project-mcp-autoapprove` → `ClaudeProjectMcpAutoapprove` (SARIF wants a readable identifier). */
function ruleName(checkId: string): string {
  return checkId
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

/** Absolute paths become properly encoded file:// URIs (spaces, #, %, non-ASCII); others a relative reference. */
export function artifactUri(file: string): string {
  if (path.isAbsolute(file)) return pathToFileURL(file).href;
  return file.split(/[\\/]/).map(encodeURIComponent).join('/');
}

/** The check's metadata, or, for a check the catalogue does not know, what its worst finding says. */
function ruleDoc(checkId: string, findings: Finding[], rules: RuleCatalogue): RuleDoc {
  const known = rules.get(checkId);
  if (known) return known;
  const worst = findings.reduce((a, b) => (severityRank(b.severity) > severityRank(a.severity) ? b : a));
  return {
    title: worst.title,
    severity: worst.severity,
    why: worst.title,
    fix: worst.fix ?? '',
    seedRefs: worst.seedRefs,
    frameworks: worst.frameworks,
  };
}

// Check docs are plain prose (`Bash(*)`, `~/**`), so the Markdown help escapes them like any other text.
function sarifRule(checkId: string, doc: RuleDoc) {
  const seed = doc.seedRefs.length ? `Seed items: ${doc.seedRefs.join(', ')}.` : '';
  const text = [`Why: ${doc.why}`, doc.fix && `Fix: ${doc.fix}`, seed].filter(Boolean).join('\n\n');
  const markdown = [
    `**Why:** ${escapeMarkdown(doc.why)}`,
    doc.fix && `**Fix:** ${escapeMarkdown(doc.fix)}`,
    seed,
  ]
    .filter(Boolean)
    .join('\n\n');
  const securitySeverity = SECURITY_SEVERITY[doc.severity];
  return {
    id: checkId,
    name: ruleName(checkId),
    shortDescription: { text: doc.title },
    fullDescription: { text: doc.why },
    help: { text, markdown },
    defaultConfiguration: { level: LEVEL[doc.severity] },
    properties: {
      tags: [...new Set(['security', ...doc.seedRefs, ...doc.frameworks])],
      ...(securitySeverity !== undefined && { 'security-severity': securitySeverity }),
    },
  };
}

function sarifLocation(f: Pick<Finding, 'file' | 'line' | 'column'>, project: string) {
  if (f.file === undefined) {
    // GitHub code scanning rejects a result without a location; a machine-wide finding belongs to the
    // audited project as much as to anything, and the location's message says it is not about a file.
    return {
      physicalLocation: { artifactLocation: { uri: `${artifactUri(project).replace(/\/?$/, '/')}` } },
      message: { text: 'Not in a file: this finding is about the audited machine or account.' },
    };
  }
  const region =
    f.line !== undefined && f.line >= 1
      ? { startLine: f.line, ...(f.column !== undefined && f.column >= 1 && { startColumn: f.column }) }
      : undefined;
  return { physicalLocation: { artifactLocation: { uri: artifactUri(f.file) }, ...(region && { region }) } };
}

function sarifResult(f: Finding, ruleIndex: number, rule: RuleDoc, project: string) {
  const text = [
    f.message,
    f.evidence && `Evidence: ${f.evidence}`,
    f.fix && f.fix !== rule.fix && `Fix: ${f.fix}`,
  ]
    .filter(Boolean)
    .join('\n');
  const fingerprint = createHash('sha256')
    .update([f.checkId, f.file ?? '', f.line ?? '', f.message].join('\0'))
    .digest('hex');
  const securitySeverity = SECURITY_SEVERITY[f.severity];
  return {
    ruleId: f.checkId,
    ruleIndex,
    level: LEVEL[f.severity],
    message: { text },
    locations: [sarifLocation(f, project)],
    // A grouped finding's items: each with its own place, check id and fix, for tools that act per item.
    ...(f.items?.length && {
      relatedLocations: f.items.map((item, id) => ({
        id,
        ...sarifLocation(item, project),
        message: { text: `${item.checkId}: ${item.message}${item.fix ? `\nFix: ${item.fix}` : ''}` },
      })),
    }),
    partialFingerprints: { 'agentwarden/v1': fingerprint },
    properties: {
      severity: f.severity,
      seedRefs: f.seedRefs,
      fixable: f.fixable,
      ...(f.items?.length && { items: f.items }),
      ...(securitySeverity !== undefined && { 'security-severity': securitySeverity }),
    },
  };
}

/** SARIF 2.1.0, one run, one rule per check that fired; fit for GitHub code scanning. */
export function renderSarif(report: AuditReport, rules: RuleCatalogue): string {
  const byCheck = new Map<string, Finding[]>();
  for (const f of report.findings) {
    const list = byCheck.get(f.checkId);
    if (list) list.push(f);
    else byCheck.set(f.checkId, [f]);
  }
  const checkIds = [...byCheck.keys()].sort();
  const docs = new Map(checkIds.map((id) => [id, ruleDoc(id, byCheck.get(id) ?? [], rules)]));
  const index = new Map(checkIds.map((id, i) => [id, i]));
  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            informationUri: INFORMATION_URI,
            rules: checkIds.map((id) => sarifRule(id, docs.get(id) as RuleDoc)),
          },
        },
        results: report.findings.map((f) =>
          sarifResult(f, index.get(f.checkId) ?? -1, docs.get(f.checkId) as RuleDoc, report.target.project),
        ),
        // Checks compute columns from JavaScript string offsets.
        columnKind: 'utf16CodeUnits',
        properties: {
          checksRun: report.summary.checksRun,
          durationMs: report.summary.durationMs,
        },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
