import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

// Fake values in real formats, made up for these tests.
const STRIPE = 'sk_live_xWFsyMYQPn3CLccmCOoQKP2T';
const GITHUB = 'ghp_fQ0MWHf0pCkeber6s4L6aa7XoNjAuHxcsfwp';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-secrets-scan-'));
});
afterEach(() => {
  for (const f of fs.readdirSync(dir)) fs.rmSync(path.join(dir, f), { recursive: true, force: true });
});

const write = (name: string, text: string) => fs.writeFileSync(path.join(dir, name), text);

describe('agentwarden secrets scan', () => {
  it('reports file:line with masked values only, exit 1', () => {
    write('config.ts', `const a = 1;\nconst stripe = "${STRIPE}";\n`);
    const r = runCli(['secrets', 'scan', '--all', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${path.join(dir, 'config.ts')}:2:`);
    expect(r.stdout).toContain('stripe-secret-key');
    expect(r.stdout).not.toContain(STRIPE);
  });

  it('skips .env.example and lines marked agentwarden:allow; exit 0', () => {
    write('.env.example', `STRIPE_KEY=${STRIPE}\n`);
    write('test.ts', `const k = "${STRIPE}"; // agentwarden:allow\n# agentwarden:allow\ntoken: ${GITHUB}\n`);
    const r = runCli(['secrets', 'scan', '--all', dir]);
    expect(r.stdout).toContain('No secrets found');
    expect(r.code).toBe(0);
  });

  it('--baseline writes fingerprints; the next scan accepts them', () => {
    write('a.txt', `token: ${GITHUB}\n`);
    const baseline = path.join(dir, 'baseline.json');
    expect(runCli(['secrets', 'scan', '--all', '--baseline', '--baseline-file', baseline, dir]).code).toBe(0);
    expect(JSON.parse(fs.readFileSync(baseline, 'utf8')).fingerprints).toHaveLength(1);
    expect(fs.readFileSync(baseline, 'utf8')).not.toContain(GITHUB);
    expect(
      runCli(['secrets', 'scan', '--all', '--baseline-file', baseline, path.join(dir, 'a.txt')]).code,
    ).toBe(0);
  });

  it('respects .gitignore inside a git repository unless --all', () => {
    fs.mkdirSync(path.join(dir, 'repo'));
    const repo = path.join(dir, 'repo');
    execFileSync('git', ['init', '-q', repo]);
    fs.writeFileSync(path.join(repo, '.gitignore'), 'secret.log\n');
    fs.writeFileSync(path.join(repo, 'secret.log'), `token: ${GITHUB}\n`);
    expect(runCli(['secrets', 'scan', repo]).code).toBe(0);
    expect(runCli(['secrets', 'scan', '--all', repo]).code).toBe(1);
  });

  it('stdin with -, json format', () => {
    const r = runCli(['secrets', 'scan', '--format', 'json', '-'], { input: `x\nkey=${STRIPE}\n` });
    const report = JSON.parse(r.stdout);
    expect(report.findings[0]).toMatchObject({ file: '<stdin>', line: 2, ruleId: 'stripe-secret-key' });
    expect(r.stdout).not.toContain(STRIPE);
  });

  it('--jsonl: one {id, findings} per input line, in order', () => {
    const input = `${JSON.stringify({ id: 'a', text: 'hello' })}\n${JSON.stringify({ id: 'b', text: `use ${STRIPE}` })}\n`;
    const r = runCli(['secrets', 'scan', '--jsonl'], { input });
    const rows = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows.map((x) => [x.id, x.findings.length])).toEqual([
      ['a', 0],
      ['b', 1],
    ]);
    expect(r.stdout).not.toContain(STRIPE);
  });

  it('--jsonl: a line that is not an object with text gets an error row, and the batch goes on', () => {
    const input = `null\nnot json\n${JSON.stringify({ id: 'c' })}\n${JSON.stringify({ id: 'd', text: STRIPE })}\n`;
    const r = runCli(['secrets', 'scan', '--jsonl'], { input });
    const rows = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows).toEqual([
      { id: null, error: 'no text' },
      { id: null, error: 'not JSON' },
      { id: 'c', error: 'no text' },
      expect.objectContaining({
        id: 'd',
        findings: [expect.objectContaining({ ruleId: 'stripe-secret-key' })],
      }),
    ]);
    expect(r.stderr).toBe('');
  });

  it('binary files and invalid UTF-8 do not crash', () => {
    fs.writeFileSync(path.join(dir, 'bin.dat'), Buffer.from([0, 1, 2, 255, 0, 7]));
    fs.writeFileSync(path.join(dir, 'bad.txt'), Buffer.from([0xff, 0xfe, 0x41, 0x0a]));
    expect(runCli(['secrets', 'scan', '--all', dir]).code).toBe(0);
  });
});
