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
} from './_common.js';

// Every ASCII character that can start Markdown/GFM syntax inside a line: emphasis, code, links and autolinks
// (`:` `@` `.` break URL, e-mail and www detection), HTML and entities (`<` `&`), tables (`|`), strikethrough,
// a heading's closing `#`. Line-start syntax (`-`, `=`, `1.`) cannot occur: every field follows a label.
const MARKDOWN_SPECIAL = /[\\`*_{}[\]()#+.!|<>~&:@]/g;

/** User text as one inert line of Markdown: no markup, links, HTML or table breaks survive. */
export function escapeMarkdown(text: string): string {
  return showControlChars(text)
    .replace(/\r?\n/g, ' ')
    .replace(MARKDOWN_SPECIAL, (ch) => `\\${ch}`);
}

/** A fenced block longer than any backtick run inside, so evidence can never close it early. */
function fenced(text: string): string {
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  return `${fence}text\n${showControlChars(text)}\n${fence}`;
}

function renderFinding(f: Finding, n: number, home: string, rules: RuleCatalogue): string {
  const lines = [`### ${n}. ${escapeMarkdown(f.title)}`, ''];
  const where = displayLocation(f, home);
  if (where !== undefined) lines.push(`- **Where:** ${escapeMarkdown(where)}`);
  lines.push(`- **What:** ${escapeMarkdown(f.message)}`);
  const { why, fix } = guidance(f, rules);
  if (why) lines.push(`- **Why:** ${escapeMarkdown(why)}`);
  if (fix) lines.push(`- **Fix:** ${escapeMarkdown(fix)}${f.fixable ? ' (automatic with `--fix`)' : ''}`);
  const refs = [...f.seedRefs, ...f.frameworks].map(escapeMarkdown).join(', ');
  lines.push(`- **Check:** \`${f.checkId}\`${refs ? ` · ${refs}` : ''}`);
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
    `Home ${escapeMarkdown(home)} · project ${escapeMarkdown(displayPath(report.target.project, home))} · ` +
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
