// `audit --fix` end to end on a copy of the demo home: dry run changes nothing and leaks nothing; a real
// run backs up, keeps comments, clears the fixable findings, and a second run changes nothing.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO, runCli } from '../helpers/cli.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'agentwarden-fix-'));
const home = path.join(tmp, 'home');
fs.cpSync(path.join(REPO, 'examples/demo-home'), home, { recursive: true });
for (const f of ['.claude.json', '.claude/.credentials.json', '.claude/settings.json', 'work/app/.env']) {
  fs.chmodSync(path.join(home, f), 0o644);
}
const project = path.join(home, 'work/app');
const userSettings = path.join(home, '.claude/settings.json');
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const audit = (...extra: string[]) => runCli(['audit', '--home', home, '--project', project, ...extra]);
const fixableIds = (stdout: string) =>
  JSON.parse(stdout)
    .findings.filter((f: { fixable: boolean }) => f.fixable)
    .map((f: { checkId: string }) => f.checkId);

describe('audit --fix', () => {
  it('--dry-run prints a redacted diff and writes nothing', () => {
    const before = fs.readFileSync(userSettings, 'utf8');
    const r = audit('--fix', '--dry-run', '--format', 'json');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('"cleanupPeriodDays": 14');
    expect(r.stderr).not.toMatch(/FAKEdemoKEYforAGENTWARDEN\w{20}/);
    expect(fs.readFileSync(userSettings, 'utf8')).toBe(before);
    expect(fs.readdirSync(path.dirname(userSettings)).some((f) => f.includes('agentwarden-bak'))).toBe(false);
  });

  it('applies the safe fixes with backups, keeps the layout of the file, and is idempotent', () => {
    const original = fs.readFileSync(userSettings, 'utf8');
    expect(fixableIds(audit('--format', 'json').stdout).length).toBeGreaterThan(0);

    const first = audit('--fix', '--format', 'json');
    expect(first.code).toBe(0);
    expect(fixableIds(first.stdout)).toEqual([]);
    const fixed = fs.readFileSync(userSettings, 'utf8');
    expect(
      fixed.startsWith('{\n  "$schema": "https://json.schemastore.org/claude-code-settings.json",\n'),
    ).toBe(true);
    expect(fixed).toContain('"disableBypassPermissionsMode": "disable"');
    expect(fs.statSync(path.join(home, '.claude.json')).mode & 0o777).toBe(0o600);
    const backups = fs
      .readdirSync(path.dirname(userSettings))
      .filter((f) => f.startsWith('settings.json.agentwarden-bak'));
    expect(backups).toHaveLength(1);
    expect(fs.readFileSync(path.join(path.dirname(userSettings), backups[0] as string), 'utf8')).toBe(
      original,
    );

    const second = audit('--fix', '--format', 'json');
    expect(second.code).toBe(0);
    expect(fs.readFileSync(userSettings, 'utf8')).toBe(fixed);
    expect(
      fs.readdirSync(path.dirname(userSettings)).filter((f) => f.includes('agentwarden-bak')),
    ).toHaveLength(1);
  });
});
