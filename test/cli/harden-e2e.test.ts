// From an unprotected home to a hardened one with agentwarden's own commands: `audit --fix`, then
// `guard install`; afterwards nothing at medium or above remains, and the guard answers.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'agentwarden-harden-'));
const home = path.join(root, 'home');
const project = path.join(home, 'work', 'app');
fs.mkdirSync(path.join(project, 'src'), { recursive: true });
fs.writeFileSync(path.join(project, 'src', 'index.ts'), 'export {};\n');
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const env = { HOME: home };
const where = ['--home', home, '--project', project];
const severities = (stdout: string): string[] =>
  JSON.parse(stdout).findings.map((f: { severity: string; checkId: string }) => `${f.severity} ${f.checkId}`);

describe('hardening an empty home', () => {
  it('audit --fix then guard install leave only low findings', () => {
    const before = severities(runCli(['audit', ...where, '--format', 'json'], { env }).stdout);
    // The baseline advice of an empty home is medium: nothing there makes it urgent (issue 9).
    expect(before.some((s) => s.startsWith('medium claude/security-baseline'))).toBe(true);

    expect(runCli(['audit', ...where, '--fix', '--format', 'json'], { env }).code).toBe(0);
    const install = runCli(['guard', 'install', ...where], { env });
    expect(install.code).toBe(0);
    expect(install.stdout).not.toContain('FAIL');

    const after = severities(
      runCli(['audit', ...where, '--format', 'json', '--fail-on', 'medium'], { env }).stdout,
    );
    expect(after.every((s) => s.startsWith('low ') || s.startsWith('info '))).toBe(true);
    expect(runCli(['audit', ...where, '--fail-on', 'medium'], { env }).code).toBe(0);

    const verdict = runCli(['guard', 'test', '--jsonl', '-', ...where], {
      env,
      input: `${JSON.stringify({ command: 'cat ~/.ssh/id_rsa', cwd: project })}\n`,
    });
    expect(JSON.parse(verdict.stdout).verdict).toBe('deny');
  });
});
