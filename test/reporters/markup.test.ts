import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../src/reporters/html.js';
import { renderReport } from '../../src/reporters/index.js';
import { escapeMarkdown, markdownCode } from '../../src/reporters/markdown.js';
import { finding, HOME, mixedReport, RULES, report } from './_report.js';

const HOSTILE = report([
  finding({
    checkId: 'claude/hostile',
    severity: 'high',
    title: 'Title with <b>bold</b> & "quotes"',
    message: `<script>alert("x")</script> it's **bold** [click](javascript:alert(1)) | cell <img src=x onerror=alert(1)> &amp; https://evil.example`,
    evidence: 'line1 ```\n</code></pre><script>alert(2)</script>\n````',
    fix: "Run `rm -rf ~` & don't <ask>",
    file: `${HOME}/dir with <tag> & "q"/file_[1]*.json`,
    line: 7,
  }),
]);

describe('markdown reporter', () => {
  const out = renderReport(HOSTILE, 'markdown', { color: false, rules: RULES });
  // Fenced blocks and code spans show their content literally; everything else must be inert by escaping.
  const outsideCode = out.replace(/`````text[\s\S]*?\n`````/g, '').replace(/(`+)[^`][\s\S]*?\1/g, '');

  it('escapes Markdown and HTML in messages, titles and fixes', () => {
    // An unescaped `<` (one without a backslash before it) would start raw HTML.
    expect(outsideCode).not.toMatch(/(?<!\\)<(script|img|b|tag|ask)\b/);
    expect(out).not.toContain('[click](javascript');
    expect(out).not.toContain('**bold**');
    expect(out).toContain('\\<script\\>alert("x")\\</script\\> it\'s');
    expect(out).toContain('\\*\\*bold\\*\\*');
    expect(out).toContain('\\[click\\](javascript:alert(1))');
    expect(out).toContain('\\| cell');
    expect(out).toContain('\\&amp;');
    expect(out).toContain('https\\://evil.example');
    expect(out).toContain("**Fix:** Run \\`rm -rf \\~\\` \\& don't \\<ask\\>");
    expect(out).toContain('### 1. Title with \\<b\\>bold\\</b\\> \\& "quotes"');
  });

  it('breaks bare autolinks: www., scheme:// and e-mail addresses', () => {
    expect(escapeMarkdown('see www.evil.example, WWW.x.org, ftp://h/x, a@b.example')).toBe(
      'see www\\.evil.example, WWW\\.x.org, ftp\\://h/x, a\\@b.example',
    );
  });

  it('shows paths and check ids as code, fenced against backticks inside', () => {
    expect(out).toContain('- **Where:** `~/dir with <tag> & "q"/file_[1]*.json:7`');
    expect(markdownCode('a`b``c')).toBe('```a`b``c```');
    expect(markdownCode('`x`')).toBe('`` `x` ``');
    expect(markdownCode('two\nlines')).toBe('`two lines`');
  });

  it('keeps evidence in a fence longer than any backtick run inside it', () => {
    expect(out).toContain('`````text\nline1 ```\n</code></pre><script>alert(2)</script>\n````\n`````');
    // The only raw HTML outside code is the <details> wrapper we write ourselves.
    expect(outsideCode.match(/(?<!\\)<[a-z/][^>]*>/g)).toEqual([
      '<details>',
      '<summary>',
      '</summary>',
      '</details>',
    ]);
  });

  it('keeps one line per field, so a newline cannot start a heading or list', () => {
    expect(escapeMarkdown('a\n# heading\n- item')).toBe('a \\# heading - item');
  });

  it('has a summary table and findings grouped by severity with file:line, why and fix', () => {
    const md = renderReport(mixedReport(), 'markdown', { color: false, rules: RULES });
    expect(md).toContain('| Severity | Findings |\n| --- | ---: |\n| Critical | 1 |\n| High | 1 |');
    expect(md).toContain('| **Total** | **5** |');
    const headings = md.split('\n').filter((l) => l.startsWith('## '));
    expect(headings).toEqual([
      '## Critical (1)',
      '## High (1)',
      '## Medium (1)',
      '## Low (1)',
      '## Info (1)',
    ]);
    expect(md).toContain('- **Where:** `~/work/app/.claude/settings.json:3:5`');
    expect(md).toContain('- **Why:** A cloned repository can start any MCP server it declares.');
    expect(md).toContain('- **Fix:** Remove enableAllProjectMcpServers from settings.json. (automatic');
    expect(md).toContain('- **Check:** `claude/project-mcp-autoapprove` · CC-H2\n');
  });

  it('says so when there is nothing to report', () => {
    const md = renderReport(report([]), 'markdown', { color: false, rules: RULES });
    expect(md).toContain('**No findings.**');
    expect(md).not.toContain('## ');
  });
});

describe('html reporter', () => {
  const out = renderReport(HOSTILE, 'html', { color: false, rules: RULES });

  it('escapes every piece of user text', () => {
    expect(out).not.toMatch(/<script/i);
    expect(out).not.toContain('<img');
    expect(out).not.toContain('<b>bold');
    expect(out).not.toContain('<tag>');
    expect(out).not.toContain('</code></pre><script>');
    expect(out).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; it&#39;s');
    expect(out).toContain('Title with &lt;b&gt;bold&lt;/b&gt; &amp; &quot;quotes&quot;');
    expect(out).toContain('&amp;amp;');
    expect(out).toContain('~/dir with &lt;tag&gt; &amp; &quot;q&quot;/file_[1]*.json:7');
    expect(escapeHtml(`<a href='x'>&`)).toBe('&lt;a href=&#39;x&#39;&gt;&amp;');
  });

  it('is one self-contained file: inline CSS, no scripts, nothing loaded from elsewhere', () => {
    expect(out.startsWith('<!doctype html>')).toBe(true);
    expect(out).toContain('<style>');
    expect(out).not.toMatch(/<[^<>]*\s(src|href)\s*=/i);
    expect(out).not.toMatch(/@import|url\(/i);
    expect(out).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
  });

  it('groups by severity with a summary', () => {
    const html = renderReport(mixedReport(), 'html', { color: false, rules: RULES });
    const sections = [...html.matchAll(/<section class="severity-(\w+)">/g)].map((m) => m[1]);
    expect(sections).toEqual(['critical', 'high', 'medium', 'low', 'info']);
    expect(html).toContain('<tr><th>Total</th><td class="n"><strong>5</strong></td></tr>');
    expect(html).toContain('<dt>Why</dt><dd>A cloned repository can start any MCP server it declares.</dd>');
    expect(html).toContain('<code>~/work/app/.claude/settings.json:3:5</code>');
  });

  it('says so when there is nothing to report', () => {
    const html = renderReport(report([]), 'html', { color: false, rules: RULES });
    expect(html).toContain('No findings');
    expect(html).not.toContain('<section');
  });
});
