import type { Finding } from '../core/finding.js';
import type { AuditReport } from '../core/report.js';
import {
  capitalize,
  displayLocation,
  displayPath,
  groupBySeverity,
  guidance,
  plural,
  type RuleCatalogue,
  SEVERITIES_DESC,
  showControlChars,
  splitFixBlock,
} from './_common.js';

// The characters that can start inline Markdown/GFM syntax: emphasis and strikethrough (`*` `_` `~`), code,
// links (`[` `]`), raw HTML and entities (`<` `>` `&`), table cells (`|`), e-mail autolinks (`@`) and a
// heading's closing `#`. Line-start syntax (`-`, `=`, `1.`) cannot occur: every field follows a label.
const MARKDOWN_SPECIAL = /[\\`*_[\]#|<>~&@]/g;
// GFM also links bare `www.` and `scheme://` text; one escape inside each pattern is enough to stop it.
const BARE_AUTOLINK = /(www)\.|:(?=\/\/)/gi;

/** User text as one inert line of Markdown: no markup, links, HTML or table breaks survive. */
export function escapeMarkdown(text: string): string {
  return showControlChars(text)
    .replace(/\r?\n/g, ' ')
    .replace(MARKDOWN_SPECIAL, (ch) => `\\${ch}`)
    .replace(BARE_AUTOLINK, (_match, www: string | undefined) => (www ? `${www}\\.` : '\\:'));
}

/** User text as inline code: shown literally, with a fence no backtick run inside can close. */
export function markdownCode(text: string): string {
  const flat = showControlChars(text).replace(/\r?\n/g, ' ');
  const longestRun = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** A fenced block longer than any backtick run inside, so evidence can never close it early. */
function fenced(text: string): string {
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  return `${fence}text\n${showControlChars(text)}\n${fence}`;
}

/** A fix on one line, or, when it is a block to copy, in a fenced block that keeps its lines. */
function fixLines(label: string, fix: string, fixable: boolean, indent: string): string[] {
  const auto = fixable ? ' (automatic with `--fix`)' : '';
  const split = splitFixBlock(fix);
  if (!split) return [`${label} ${escapeMarkdown(fix)}${auto}`];
  const lead = split.lead ? ` ${escapeMarkdown(split.lead)}` : '';
  const block = fenced(split.block)
    .split('\n')
    .map((l) => `${indent}  ${l}`);
  return [`${label}${lead}${auto}`, '', ...block, ''];
}

function renderFinding(f: Finding, n: number, home: string, rules: RuleCatalogue): string {
  const lines = [`### ${n}. ${escapeMarkdown(f.title)}`, ''];
  const where = displayLocation(f, home);
  if (where !== undefined) lines.push(`- **Where:** ${markdownCode(where)}`);
  lines.push(`- **What:** ${escapeMarkdown(f.message)}`);
  const { why, fix } = guidance(f, rules);
  if (why) lines.push(`- **Why:** ${escapeMarkdown(why)}`);
  if (fix) lines.push(...fixLines('- **Fix:**', fix, f.fixable, ''));
  for (const item of f.items ?? []) {
    const at = displayLocation(item, home);
    lines.push(
      `- ${markdownCode(item.checkId)}${at ? ` at ${markdownCode(at)}` : ''}: ${escapeMarkdown(item.message)}`,
    );
    if (item.fix) lines.push(...fixLines('  - **Fix:**', item.fix, item.fixable, '    '));
  }
  const refs = [...f.seedRefs, ...f.frameworks].map(escapeMarkdown).join(', ');
  lines.push(`- **Check:** ${markdownCode(f.checkId)}${refs ? ` · ${refs}` : ''}`);
  if (f.evidence)
    lines.push('', '<details><summary>Evidence</summary>', '', fenced(f.evidence), '', '</details>');
  return lines.join('\n');
}

/** For pull requests and issues: a summary table, then the findings grouped by severity. */
export function renderMarkdown(report: AuditReport, rules: RuleCatalogue): string {
  const home = report.target.home;
  const { bySeverity, checksRun, durationMs } = report.summary;
  const out = [
    `# ${escapeMarkdown(report.tool.name)} audit report`,
    '',
    `Home ${markdownCode(home)} · project ${markdownCode(displayPath(report.target.project, home))} · ` +
      `host ${escapeMarkdown(report.target.host)} · ${escapeMarkdown(report.tool.name)} ${escapeMarkdown(report.tool.version)}`,
    '',
    '| Severity | Findings |',
    '| --- | ---: |',
    ...SEVERITIES_DESC.map((s) => `| ${capitalize(s)} | ${bySeverity[s] ?? 0} |`),
    `| **Total** | **${report.findings.length}** |`,
    '',
    `${plural(checksRun, 'check')} ran in ${durationMs} ms.`,
  ];
  if (report.findings.length === 0) {
    out.push('', '**No findings.** Nothing to fix.');
    return `${out.join('\n')}\n`;
  }
  let n = 0;
  for (const group of groupBySeverity(report.findings)) {
    out.push('', `## ${capitalize(group.severity)} (${group.findings.length})`);
    for (const f of group.findings) out.push('', renderFinding(f, ++n, home, rules));
  }
  return `${out.join('\n')}\n`;
}
