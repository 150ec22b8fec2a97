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

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text for HTML content or a quoted attribute. */
export function escapeHtml(text: string): string {
  return showControlChars(text).replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch);
}

const STYLE = `
:root { color-scheme: light dark; --fg: #1f2328; --bg: #fff; --muted: #59636e; --line: #d1d9e0; --card: #f6f8fa; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6edf3; --bg: #0d1117; --muted: #9198a1; --line: #3d444d; --card: #151b23; }
}
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); }
main { max-width: 60rem; margin: 0 auto; padding: 2rem 1rem 4rem; }
h1 { margin: 0 0 .25rem; font-size: 1.6rem; }
.meta { color: var(--muted); margin: 0 0 1.5rem; overflow-wrap: anywhere; }
table.summary { border-collapse: collapse; margin: 0 0 .5rem; }
table.summary th, table.summary td { border: 1px solid var(--line); padding: .25rem .75rem; text-align: left; }
table.summary td.n { text-align: right; font-variant-numeric: tabular-nums; }
h2 { margin: 2rem 0 .75rem; padding-bottom: .25rem; border-bottom: 1px solid var(--line); font-size: 1.25rem; }
article { background: var(--card); border: 1px solid var(--line); border-left-width: 6px; border-radius: 6px; padding: .75rem 1rem; margin: 0 0 1rem; }
article h3 { margin: 0 0 .4rem; font-size: 1.05rem; }
article p { margin: .3rem 0; overflow-wrap: anywhere; }
.where code, .check code { font: 13px/1.4 ui-monospace, SFMono-Regular, Menlo, monospace; }
pre { margin: .5rem 0; padding: .5rem .75rem; background: var(--bg); border: 1px solid var(--line); border-radius: 4px; overflow-x: auto; white-space: pre-wrap; overflow-wrap: anywhere; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem .75rem; margin: .5rem 0 0; }
dt { font-weight: 600; } dd { margin: 0; overflow-wrap: anywhere; }
.check { color: var(--muted); font-size: .9rem; }
ul.items { margin: .5rem 0 0; padding-left: 1.25rem; } ul.items li { margin: .3rem 0; overflow-wrap: anywhere; }
.item-fix { color: var(--muted); }
.badge { display: inline-block; min-width: 4.8rem; padding: 0 .4rem; margin-right: .4rem; border-radius: 3px; color: #fff; font-size: .75rem; font-weight: 700; text-align: center; text-transform: uppercase; vertical-align: middle; }
.critical { border-left-color: #8b0000; } .badge.critical { background: #8b0000; }
.high { border-left-color: #cf222e; } .badge.high { background: #cf222e; }
.medium { border-left-color: #bf8700; } .badge.medium { background: #9a6700; }
.low { border-left-color: #0969da; } .badge.low { background: #0969da; }
.info { border-left-color: #6e7781; } .badge.info { background: #6e7781; }
.clean { font-size: 1.1rem; font-weight: 600; color: #1a7f37; }
`;

/** A fix inline, or, when it is a block to copy (a CLAUDE.md section, a JSON snippet), in a pre that keeps its lines. */
function fixHtml(fix: string, fixable: boolean): string {
  const auto = fixable ? ' (automatic with --fix)' : '';
  const split = splitFixBlock(fix);
  if (!split) return `${escapeHtml(fix)}${auto}`;
  return `${escapeHtml(split.lead)}${auto}<pre class="fix"><code>${escapeHtml(split.block)}</code></pre>`;
}

function renderFinding(f: Finding, home: string, rules: RuleCatalogue): string {
  const parts = [
    `<article class="${f.severity}">`,
    `<h3><span class="badge ${f.severity}">${f.severity}</span>${escapeHtml(f.title)}</h3>`,
  ];
  const where = displayLocation(f, home);
  if (where !== undefined) parts.push(`<p class="where"><code>${escapeHtml(where)}</code></p>`);
  parts.push(`<p>${escapeHtml(f.message)}</p>`);
  if (f.evidence) parts.push(`<pre><code>${escapeHtml(f.evidence)}</code></pre>`);
  const { why, fix } = guidance(f, rules);
  const dl: string[] = [];
  if (why) dl.push(`<dt>Why</dt><dd>${escapeHtml(why)}</dd>`);
  if (fix) dl.push(`<dt>Fix</dt><dd>${fixHtml(fix, f.fixable)}</dd>`);
  if (dl.length) parts.push(`<dl>${dl.join('')}</dl>`);
  if (f.items?.length) {
    parts.push('<ul class="items">');
    for (const item of f.items) {
      const at = displayLocation(item, home);
      parts.push(
        `<li><code>${escapeHtml(item.checkId)}</code>${at ? ` <code>${escapeHtml(at)}</code>` : ''}: ` +
          `${escapeHtml(item.message)}${item.fix ? `<div class="item-fix">Fix: ${fixHtml(item.fix, item.fixable)}</div>` : ''}</li>`,
      );
    }
    parts.push('</ul>');
  }
  const refs = [...f.seedRefs, ...f.frameworks].map(escapeHtml).join(', ');
  parts.push(
    `<p class="check"><code>${escapeHtml(f.checkId)}</code>${refs ? ` · ${refs}` : ''}</p>`,
    '</article>',
  );
  return parts.join('\n');
}

/** One self-contained page: inline CSS, no scripts, nothing fetched; every piece of user text escaped. */
export function renderHtml(report: AuditReport, rules: RuleCatalogue): string {
  const home = report.target.home;
  const { bySeverity, checksRun, durationMs } = report.summary;
  const title = `${report.tool.name} audit report`;
  const body = [
    `<h1>${escapeHtml(title)}</h1>`,
    `<p class="meta">home <code>${escapeHtml(home)}</code> · project <code>${escapeHtml(
      displayPath(report.target.project, home),
    )}</code> · host ${escapeHtml(report.target.host)} · ${escapeHtml(report.tool.name)} ${escapeHtml(
      report.tool.version,
    )} · ${plural(checksRun, 'check')} in ${durationMs} ms</p>`,
    '<table class="summary"><thead><tr><th>Severity</th><th>Findings</th></tr></thead><tbody>',
    ...SEVERITIES_DESC.map(
      (s) => `<tr><td><span class="badge ${s}">${s}</span></td><td class="n">${bySeverity[s] ?? 0}</td></tr>`,
    ),
    `<tr><th>Total</th><td class="n"><strong>${report.findings.length}</strong></td></tr>`,
    '</tbody></table>',
  ];
  if (report.findings.length === 0) {
    body.push('<p class="clean">No findings: nothing to fix.</p>');
  }
  for (const group of groupBySeverity(report.findings)) {
    body.push(
      `<section class="severity-${group.severity}">`,
      `<h2>${capitalize(group.severity)} (${group.findings.length})</h2>`,
      ...group.findings.map((f) => renderFinding(f, home, rules)),
      '</section>',
    );
  }
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    // Defence in depth: even if something slipped through escaping, the page may load and run nothing.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)} · ${escapeHtml(report.target.host)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body><main>',
    ...body,
    '</main></body>',
    '</html>',
    '',
  ].join('\n');
}
