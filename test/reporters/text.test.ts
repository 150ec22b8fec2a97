import { describe, expect, it } from 'vitest';
import { renderReport } from '../../src/reporters/index.js';
import { finding, HOME, mixedReport, RULES, report } from './_report.js';

// biome-ignore lint/suspicious/noControlCharactersInRegex: looking for ANSI escapes is the point.
const ANSI = /\u001b\[/;

describe('text reporter', () => {
  it('groups by severity, critical first, whatever order the findings came in', () => {
    const out = renderReport(mixedReport(), 'text', { color: false, rules: RULES });
    const headers = out.split('\n').filter((l) => /^(CRITICAL|HIGH|MEDIUM|LOW|INFO) \(\d+\)$/.test(l));
    expect(headers).toEqual(['CRITICAL (1)', 'HIGH (1)', 'MEDIUM (1)', 'LOW (1)', 'INFO (1)']);
    expect(out.indexOf('claude/critical-thing')).toBeLessThan(out.indexOf('claude/project-mcp-autoapprove'));
    expect(out.indexOf('host/low-thing')).toBeLessThan(out.indexOf('claude/info-thing'));
  });

  it('shows each finding with tag, title, ~/ path:line:col, message, why and fix', () => {
    const out = renderReport(mixedReport(), 'text', { color: false, rules: RULES });
    expect(out).toContain('  [HIGH] Title of claude/project-mcp-autoapprove');
    expect(out).toContain('    ~/work/app/.claude/settings.json:3:5\n');
    expect(out).toContain('    Message of claude/project-mcp-autoapprove');
    expect(out).toContain('why: A cloned repository can start any MCP server it declares.');
    expect(out).toContain('fix: Remove enableAllProjectMcpServers from settings.json. (--fix)');
    // Outside home the path stays absolute.
    expect(out).toContain('    /etc/ssh/sshd_config:4\n');
    expect(out).toContain('  project  ~/work/app');
  });

  it('gives the why of a check once, at its first finding', () => {
    const two = report([
      finding({ checkId: 'claude/project-mcp-autoapprove', severity: 'high', file: `${HOME}/a.json` }),
      finding({ checkId: 'claude/project-mcp-autoapprove', severity: 'high', file: `${HOME}/b.json` }),
    ]);
    const out = renderReport(two, 'text', { color: false, rules: RULES });
    expect(out.match(/why: A cloned repository/g)).toHaveLength(1);
    expect(out.match(/fix: /g)).toHaveLength(2);
  });

  it('ends with a summary line: counts by severity, checks run, duration', () => {
    const out = renderReport(mixedReport(), 'text', { color: false, rules: RULES });
    expect(out.trimEnd().split('\n').at(-1)).toBe(
      '5 findings: 1 critical, 1 high, 1 medium, 1 low, 1 info · 12 checks in 34 ms',
    );
  });

  it('has no ANSI codes without colour, even when evidence carries an escape sequence', () => {
    const hostile = report([
      finding({
        checkId: 'claude/x',
        severity: 'high',
        message: 'looks fine\u001b[2K\u001b[1Aall clear',
        evidence: 'evil\u001b]0;title\u0007 \u202edeliver',
        file: `${HOME}/a\u001b[31mb.json`,
      }),
    ]);
    const out = renderReport(hostile, 'text', { color: false, rules: RULES });
    expect(out).not.toMatch(ANSI);
    expect(out).not.toContain('\u001b');
    expect(out).not.toContain('\u202e');
    expect(out).toContain('looks fine\\x1b[2K\\x1b[1Aall clear');
    expect(out).toContain('\\u202edeliver');
  });

  it('colours only when asked', () => {
    expect(renderReport(mixedReport(), 'text', { color: true, rules: RULES })).toMatch(ANSI);
    expect(renderReport(mixedReport(), 'text', { color: false, rules: RULES })).not.toMatch(ANSI);
  });

  it('indents multi-line messages under their finding', () => {
    const out = renderReport(
      report([finding({ checkId: 'claude/x', severity: 'low', message: 'first\nsecond' })]),
      'text',
      { color: false, rules: RULES },
    );
    expect(out).toContain('    first\n    second\n');
  });

  it('says clearly when there is nothing to report', () => {
    const out = renderReport(report([]), 'text', { color: false, rules: RULES });
    expect(out).toContain('No findings: 12 checks in 34 ms found nothing to report.');
    expect(out).not.toMatch(/CRITICAL|\[HIGH\]/);
  });
});

describe('json reporter', () => {
  it('is the AuditReport, pretty-printed', () => {
    const r = mixedReport();
    const out = renderReport(r, 'json', { color: true, rules: RULES });
    expect(JSON.parse(out)).toEqual(r);
    expect(out).toContain('\n  "schemaVersion": 1,\n');
  });
});
