// A fix that holds a block to copy (the CLAUDE.md rules) keeps its lines in Markdown and HTML; grouped
// findings list their items with place and fix.
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/reporters/html.js';
import { renderMarkdown } from '../../src/reporters/markdown.js';
import { renderSarif } from '../../src/reporters/sarif.js';
import { renderText } from '../../src/reporters/text.js';
import { finding, RULES, report } from './_report.js';

const RULES_FIX =
  'Add this section to ~/.claude/CLAUDE.md:\n\n## Security Rules\n\n1. **Secrets**: never\n2. **Files**: only';

const withBlock = finding({ checkId: 'claude/missing-security-rules', severity: 'low', fix: RULES_FIX });
const grouped = finding({
  checkId: 'claude/security-baseline',
  severity: 'medium',
  file: '/home/alice/.claude/settings.json',
  items: [
    {
      checkId: 'claude/sandbox-disabled',
      severity: 'low',
      message: 'sandbox.enabled is false here',
      file: '/home/alice/.claude/settings.json',
      line: 7,
      fix: 'Set "sandbox": {"enabled": true}',
      fixable: false,
    },
    {
      checkId: 'claude/transcript-retention',
      severity: 'medium',
      message: 'cleanupPeriodDays is not set',
      fix: 'Set "cleanupPeriodDays": 14',
      fixable: true,
    },
  ],
});

describe('multi-line fixes and grouped items', () => {
  it('markdown: the lead sentence, then the block fenced with its lines', () => {
    const out = renderMarkdown(report([withBlock]), RULES);
    expect(out).toContain('- **Fix:** Add this section to \\~/.claude/CLAUDE.md:\n');
    expect(out).toContain(
      '  ```text\n  ## Security Rules\n  \n  1. **Secrets**: never\n  2. **Files**: only\n  ```',
    );
  });

  it('html: the block in a pre with its lines, escaped', () => {
    const out = renderHtml(report([withBlock]), RULES);
    expect(out).toContain(
      '<pre class="fix"><code>## Security Rules\n\n1. **Secrets**: never\n2. **Files**: only</code></pre>',
    );
  });

  it('a one-line fix stays inline', () => {
    const out = renderHtml(
      report([finding({ checkId: 'x/y', severity: 'low', fix: 'Do one thing.' })]),
      RULES,
    );
    expect(out).toContain('<dd>Do one thing.</dd>');
    expect(out).not.toContain('<pre class="fix">');
  });

  it('every format lists a grouped finding’s items with their check id, place and fix', () => {
    const r = report([grouped]);
    const md = renderMarkdown(r, RULES);
    expect(md).toContain(
      '- `claude/sandbox-disabled` at `~/.claude/settings.json:7`: sandbox.enabled is false here',
    );
    expect(md).toContain('  - **Fix:** Set "sandbox": {"enabled": true}');
    const html = renderHtml(r, RULES);
    expect(html).toContain('<li><code>claude/transcript-retention</code>: cleanupPeriodDays is not set');
    expect(html).toContain('Fix: Set &quot;cleanupPeriodDays&quot;: 14 (automatic with --fix)');
    const sarif = JSON.parse(renderSarif(r, RULES)).runs[0].results[0];
    expect(sarif.relatedLocations.map((l: { message: { text: string } }) => l.message.text)).toEqual([
      'claude/sandbox-disabled: sandbox.enabled is false here\nFix: Set "sandbox": {"enabled": true}',
      'claude/transcript-retention: cleanupPeriodDays is not set\nFix: Set "cleanupPeriodDays": 14',
    ]);
    expect(sarif.relatedLocations[0].physicalLocation.region).toEqual({ startLine: 7 });
    expect(sarif.properties.items.map((i: { checkId: string }) => i.checkId)).toEqual([
      'claude/sandbox-disabled',
      'claude/transcript-retention',
    ]);
    const text = renderText(r, false, RULES);
    expect(text).toContain('    - sandbox.enabled is false here (~/.claude/settings.json:7)');
    expect(text).toContain('      fix: Set "cleanupPeriodDays": 14 (--fix)');
  });
});
