// Audits each real compose fixture (test/fixtures/real/compose/<owner+repo>/) with the deploy checks and prints
// findings per folder by severity, and each finding (check, file:line, severity) for judging against LABELS.md.
// Usage: npm run build && node bench/real-compose.mjs [--list]
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const repo = path.resolve(import.meta.dirname, '..');
const root = path.join(repo, 'test/fixtures/real/compose');
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-real-compose-'));
const list = process.argv.includes('--list');
const totals = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
let crashes = 0;
let folders = 0;
for (const name of fs
  .readdirSync(root)
  .filter((n) => n.includes('+'))
  .sort()) {
  folders++;
  const r = spawnSync(
    process.execPath,
    [
      path.join(repo, 'dist/cli.js'),
      'audit',
      '--home',
      home,
      '--project',
      path.join(root, name),
      '--only',
      'deploy',
      '--format',
      'json',
    ],
    { encoding: 'utf8', env: { PATH: process.env.PATH, HOME: home }, timeout: 60_000 },
  );
  let report;
  try {
    report = JSON.parse(r.stdout);
  } catch {
    crashes++;
    console.log(`${name}: no report (exit ${r.status}): ${r.stderr.trim().split('\n')[0]}`);
    continue;
  }
  // Findings without a file describe this machine (no Docker engine here), not the fixture.
  const found = report.findings.filter((f) => f.file);
  const by = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const f of found) by[f.severity]++;
  for (const k of Object.keys(totals)) totals[k] += by[k];
  console.log(
    `${name}: ${found.length} findings (${Object.entries(by)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')})`,
  );
  if (list)
    for (const f of found)
      console.log(
        `  ${f.severity.padEnd(8)} ${f.checkId} ${path.relative(path.join(root, name), f.file)}:${f.line ?? '-'}`,
      );
}
const all = Object.values(totals).reduce((a, b) => a + b, 0);
console.log(
  `\n${folders} folders, ${all} findings (${(all / folders).toFixed(1)} per folder): ${Object.entries(totals)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ')}; ${crashes} without a report`,
);
fs.rmSync(home, { recursive: true, force: true });
