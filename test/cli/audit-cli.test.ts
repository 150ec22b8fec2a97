import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { allChecks } from '../../src/checks/index.js';
import { requireSomeChecks } from '../../src/cli/audit.js';
import { materialize } from '../../src/core/fixture.js';
import { REPO, runCli } from '../helpers/cli.js';

const clean = materialize({ files: { 'src/index.ts': 'export {};\n' } });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'agentwarden-cli-'));
afterAll(() => {
  clean.cleanup();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const target = ['--home', clean.home, '--project', clean.project];

function expectOneLineError(r: { code: number; stderr: string }, pattern: RegExp) {
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

describe('agentwarden audit (built CLI)', () => {
  it('prints a JSON report with schemaVersion 1 and exits 0 without --fail-on', () => {
    const r = runCli(['audit', ...target, '--format', 'json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.schemaVersion).toBe(1);
    expect(report.tool.name).toBe('agentwarden');
    expect(report.target).toMatchObject({ home: clean.home, project: clean.project });
    expect(report.summary.checksRun).toBeGreaterThan(0);
    expect(Object.keys(report.summary.bySeverity)).toEqual(['info', 'low', 'medium', 'high', 'critical']);
  });

  it('audits the --home given, not the invoking user’s $CLAUDE_CONFIG_DIR', () => {
    const mine = materialize({ files: { '~/.claude/settings.json': '{"cleanupPeriodDays": 90}' } });
    try {
      const env = { HOME: mine.home, CLAUDE_CONFIG_DIR: path.join(mine.home, '.claude') };
      const r = runCli(['audit', ...target, '--format', 'json', '--fix', '--dry-run'], { env });
      expect(r.code).toBe(0);
      const files: string[] = JSON.parse(r.stdout).findings.flatMap((f: { file?: string }) => f.file ?? []);
      expect(files.filter((f) => f.startsWith(mine.home))).toEqual([]);
      expect(r.stderr).not.toContain(mine.home);
      expect(r.stderr).toContain(path.join(clean.home, '.claude', 'settings.json'));
      // Auditing one's own home keeps one's own config dir.
      const own = runCli(['audit', '--home', mine.home, '--project', clean.project, '--format', 'json'], {
        env,
      });
      expect(JSON.parse(own.stdout).findings.map((f: { checkId: string }) => f.checkId)).toContain(
        'claude/transcript-retention',
      );
    } finally {
      mine.cleanup();
    }
  });

  it('exits 1 with --fail-on when findings reach the threshold, 0 when they do not', () => {
    const demo = ['--home', 'examples/demo-home', '--project', 'examples/demo-home/work/app'];
    expect(runCli(['audit', ...demo, '--format', 'json', '--fail-on', 'high']).code).toBe(1);
    const report = JSON.parse(runCli(['audit', ...target, '--format', 'json']).stdout);
    const hasCritical = report.findings.some((f: { severity: string }) => f.severity === 'critical');
    expect(runCli(['audit', ...target, '--format', 'json', '--fail-on', 'critical']).code).toBe(
      hasCritical ? 1 : 0,
    );
  });

  it('writes the report to --output and says where on stderr', () => {
    const out = path.join(tmp, 'report.sarif');
    const r = runCli(['audit', ...target, '--format', 'sarif', '--output', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(out);
    expect(JSON.parse(fs.readFileSync(out, 'utf8')).version).toBe('2.1.0');
  });

  it('gives one-line errors and exit 2 for bad usage', () => {
    expectOneLineError(runCli(['audit', ...target, '--format', 'yaml']), /--format yaml: unknown format/);
    expectOneLineError(runCli(['audit', ...target, '--fail-on', 'severe']), /--fail-on severe/);
    expectOneLineError(
      runCli(['audit', '--home', '/no/such/dir']),
      /--home \/no\/such\/dir: directory does not exist/,
    );
    expectOneLineError(runCli(['audit', ...target, '--only', 'claude,nope']), /--only nope: unknown area/);
    expectOneLineError(runCli(['audit', ...target, '--dry-run']), /--dry-run only makes sense with --fix/);
    expectOneLineError(runCli(['audit', '--bogus']), /unknown option/);
    expectOneLineError(runCli(['frobnicate']), /unknown command/);
  });

  it('refuses --only that selects no check (exit 2), so a CI gate cannot pass on nothing', () => {
    const onlyClaude = allChecks.filter((c) => c.area === 'claude');
    expect(() => requireSomeChecks(onlyClaude, ['deploy'])).toThrow(
      /--only deploy: no checks in this area yet, so nothing would be audited/,
    );
    expect(() => requireSomeChecks(onlyClaude, ['deploy', 'claude'])).not.toThrow();
    expect(() => requireSomeChecks(onlyClaude, undefined)).not.toThrow();
    const claude = runCli(['audit', ...target, '--only', 'claude', '--format', 'json']);
    expect(claude.stderr).toBe('');
  });

  it('refuses --output into a missing directory with one line, before auditing', () => {
    const out = path.join(tmp, 'missing-dir', 'report.json');
    expectOneLineError(
      runCli(['audit', ...target, '--format', 'json', '--output', out]),
      /--output .*report\.json: directory .*missing-dir does not exist \(create it first\)/,
    );
    expect(fs.existsSync(path.dirname(out))).toBe(false);
  });

  it('never prints colour when not on a terminal', () => {
    const r = runCli(['audit', '--home', 'examples/demo-home', '--project', 'examples/demo-home/work/app'], {
      env: {},
    });
    expect(r.stdout).not.toContain('\u001b[');
  });

  it('shows help and version', () => {
    expect(runCli(['--help']).stdout).toContain('audit');
    expect(runCli(['--version']).stdout.trim()).toBe(
      JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')).version,
    );
  });
});
