// The Claude Code audit on the real-world corpus (test/fixtures/real-claude, issue 9): runs the built CLI
// (`npm run build` first) once per config with `--only claude,secrets`, user files as --home and project files
// as --project (an empty directory stands in for the side a config lacks), in a clean environment.
// Prints findings per config, generic vs config-specific, counts by check and severity, and the per-config
// table of docs/benchmarks.md. Judging is by hand against LABELS.md:
//   node bench/real-claude.mjs                 summary and the per-config table
//   node bench/real-claude.mjs --list          also every config-specific finding (check, file:line, message)
//   node bench/real-claude.mjs --json out.json also all findings as JSON, to diff two runs
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const repo = path.resolve(import.meta.dirname, '..');
const built = path.join(repo, 'dist');
const corpus = path.join(repo, 'test', 'fixtures', 'real-claude');
const args = process.argv.slice(2);
const list = args.includes('--list');
const jsonOut = args.includes('--json') ? args[args.indexOf('--json') + 1] : undefined;

if (!fs.existsSync(path.join(built, 'cli.js'))) {
  console.error(`${built}/cli.js is missing: run \`npm run build\` first`);
  process.exit(2);
}
// A copy of the build for the whole run (a rebuild meanwhile must not change or remove it); inside
// node_modules so the bundle still resolves its external packages.
const snapshot = fs.mkdtempSync(path.join(repo, 'node_modules', '.cache-real-claude-'));
fs.cpSync(built, snapshot, { recursive: true });
const cli = path.join(snapshot, 'cli.js');

/** Advice that holds on any machine lacking a protection; everything else is about the config itself. */
const GENERIC = new Set([
  'claude/security-baseline',
  'claude/missing-security-rules',
  'claude/enforcement-hook',
  'claude/credential-file-permissions',
  'claude/transcript-retention',
]);
const SEV = ['critical', 'high', 'medium', 'low', 'info'];

const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-real-claude-'));
fs.mkdirSync(path.join(empty, 'home'));
fs.mkdirSync(path.join(empty, 'project'));

const configs = fs
  .readdirSync(corpus, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

const rows = [];
const all = [];
let crashes = 0;
for (const name of configs) {
  const dir = path.join(corpus, name);
  const side = (s) => (fs.existsSync(path.join(dir, s)) ? path.join(dir, s) : path.join(empty, s));
  const r = spawnSync(
    process.execPath,
    [
      cli,
      'audit',
      '--home',
      side('home'),
      '--project',
      side('project'),
      '--only',
      'claude,secrets',
      '-f',
      'json',
    ],
    {
      encoding: 'utf8',
      env: { PATH: process.env.PATH, HOME: path.join(empty, 'home') },
      maxBuffer: 64 << 20,
    },
  );
  let findings;
  try {
    findings = JSON.parse(r.stdout).findings;
  } catch {
    crashes++;
    console.error(`${name}: no JSON report (exit ${r.status}): ${r.stderr.split('\n')[0]}`);
    continue;
  }
  crashes += findings.filter((f) => /could not complete/.test(f.message)).length;
  const specific = findings.filter((f) => !GENERIC.has(f.checkId));
  rows.push({ name, findings, specific });
  for (const f of findings)
    all.push({ config: name, ...f, file: f.file ? path.relative(corpus, f.file) : undefined });
}
fs.rmSync(empty, { recursive: true, force: true });
fs.rmSync(snapshot, { recursive: true, force: true });

const total = rows.reduce((n, r) => n + r.findings.length, 0);
const specific = rows.flatMap((r) => r.specific);
const generic = total - specific.length;
const n = rows.length;
console.log(`configs: ${n}, failed runs or checks: ${crashes}`);
console.log(
  `findings: ${total} (${(total / n).toFixed(1)} per config); generic: ${generic} (${(generic / n).toFixed(1)} per config); config-specific: ${specific.length} in ${rows.filter((r) => r.specific.length > 0).length} configs`,
);

// Generic advice: one grouped finding per settings scope, not one per protection.
const baseline = all.filter((f) => f.checkId === 'claude/security-baseline');
const bySev = (fs_) => SEV.map((s) => [s, fs_.filter((f) => f.severity === s).length]).filter(([, c]) => c);
console.log(
  `security-baseline: ${baseline.length} grouped findings (${(baseline.length / n).toFixed(1)} per config, ${baseline.reduce((k, f) => k + (f.items?.length ?? 0), 0)} items inside); severities ${JSON.stringify(Object.fromEntries(bySev(baseline)))}`,
);
for (const id of GENERIC)
  if (id !== 'claude/security-baseline') {
    const these = all.filter((f) => f.checkId === id);
    if (these.length)
      console.log(`  ${id}: ${these.length} ${JSON.stringify(Object.fromEntries(bySev(these)))}`);
  }

const byCheck = new Map();
for (const r of rows)
  for (const f of r.specific) {
    const e = byCheck.get(f.checkId) ?? { count: 0, configs: new Set(), sev: {} };
    e.count++;
    e.configs.add(r.name);
    e.sev[f.severity] = (e.sev[f.severity] ?? 0) + 1;
    byCheck.set(f.checkId, e);
  }
console.log('\nconfig-specific findings by check:');
for (const [id, e] of [...byCheck].sort((a, b) => b[1].count - a[1].count))
  console.log(`  ${id}: ${e.count} in ${e.configs.size} configs ${JSON.stringify(e.sev)}`);

const short = (s) => s[0].toUpperCase();
console.log('\n| config | all | generic | config-specific | by severity | config-specific checks |');
console.log('|---|---|---|---|---|---|');
for (const r of rows) {
  const sev = SEV.map((s) => [s, r.specific.filter((f) => f.severity === s).length])
    .filter(([, c]) => c)
    .map(([s, c]) => `${c}${short(s)}`)
    .join(' ');
  const counts = new Map();
  for (const f of r.specific) {
    const id = f.checkId.replace(/^(claude|secrets)\//, '');
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  const checks = [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([id, c]) => (c > 1 ? `${id}×${c}` : id))
    .join(', ');
  console.log(
    `| ${r.name.replace('__', '/')} | ${r.findings.length} | ${r.findings.length - r.specific.length} | ${r.specific.length} | ${sev} | ${checks} |`,
  );
}

if (list) {
  console.log('\nconfig-specific findings:');
  for (const f of all.filter((x) => !GENERIC.has(x.checkId)))
    console.log(`${f.severity}\t${f.checkId}\t${f.file}:${f.line}\t${f.message}`);
}
if (jsonOut) fs.writeFileSync(jsonOut, `${JSON.stringify(all, null, 2)}\n`);
