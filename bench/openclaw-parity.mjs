// Side by side on the OpenClaw fixture homes (test/checks/openclaw/homes.ts): what the real
// `openclaw security audit --json` (openclaw@2026.9.6 on Node 24, see _openclaw.mjs) finds, and whether
// agentwarden's `audit --only openclaw,skills` (dist/cli.js, same home, same env) reports the same problem
// (mapping: src/checks/openclaw/builtin-parity.ts); then what only agentwarden reports.
//   node bench/openclaw-parity.mjs [--deep] [--home insecure|hardened|…] [--json FILE]
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compare, findOpenclaw, loadTs, runBuiltin, runOurs, snapshotCli } from './_openclaw.mjs';

const arg = (name) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
};
const deep = process.argv.includes('--deep');
const onlyHome = arg('--home');
const jsonOut = arg('--json') && path.resolve(arg('--json'));

const install = findOpenclaw();
if (!install) process.exit(2);
if (!snapshotCli('openclaw-parity')) {
  console.error('run `npm run build` first (dist/cli.js is missing)');
  process.exit(2);
}
const ts = await loadTs('openclaw-parity');

const HOMES = [
  ['insecure', ts.insecureHome],
  ['hardened', ts.hardenedHome],
  ['legacy-clawdbot', ts.legacyClawdbotHome],
  ['profile', ts.profileHome],
  ['invalid-config', ts.invalidConfigHome],
  ['include', ts.includeHome],
  ['proxy-tools', ts.proxyToolsHome],
];

const report = [];
const total = { builtin: 0, found: 0, na: 0 };
for (const [name, home] of HOMES.filter(([n]) => !onlyHome || n === onlyHome)) {
  const f = ts.materialize(home);
  try {
    const extra = home.env ?? {};
    const b = runBuiltin(ts, install, f, extra, { deep });
    const ours = runOurs(ts, f, extra);
    if (!ours.findings) throw new Error(`agentwarden audit failed on ${name}: ${ours.stderr}`);
    let rows = [];
    console.log(`\n== ${name} ==`);
    if (!b.out) {
      console.log(
        `  built-in: no JSON (exit ${b.code}): ${b.stderr.trim().split('\n').slice(-2).join(' | ')}`,
      );
    } else if (b.out.ok === false) {
      const issues = (b.out.issues ?? []).map((i) => `${i.path}: ${i.message}`);
      const invalid = ours.findings.filter((x) => x.checkId === 'openclaw/config-invalid');
      console.log(
        `  built-in: refused the config (exit ${b.code}) and audited nothing: ${issues.join('; ')}`,
      );
      console.log(
        `  agentwarden: openclaw/config-invalid x${invalid.length} (lines ${invalid.map((x) => x.line).join(', ')}), and ${ours.findings.length - invalid.length} other findings`,
      );
      rows = [
        {
          builtin: 'config.invalid',
          severity: 'error',
          status: invalid.length ? 'found' : 'MISSED',
          ours: [],
        },
      ];
    } else {
      console.log(`  built-in ${b.ms} ms (exit ${b.code}) | agentwarden ${ours.ms} ms`);
      rows = compare(ts, b.out.findings ?? [], ours.findings);
      for (const r of rows)
        console.log(
          `  ${r.status.padEnd(8)} ${r.severity.padEnd(8)} ${r.builtin.padEnd(55)} ${r.ours.join(', ') || (r.note ? `(${r.note})` : '')}`,
        );
    }
    const explained = new Set(rows.flatMap((r) => r.ours));
    const count = (id) => ours.findings.filter((x) => x.checkId === id).length;
    const onlyOurs = [...new Set(ours.findings.map((x) => x.checkId))]
      .filter((id) => !explained.has(id))
      .sort();
    console.log(
      `  only agentwarden: ${onlyOurs.map((id) => (count(id) > 1 ? `${id}x${count(id)}` : id)).join(', ') || '-'}`,
    );
    const sev = {};
    for (const x of ours.findings) sev[x.severity] = (sev[x.severity] ?? 0) + 1;
    const found = rows.filter((r) => r.status === 'found').length;
    const na = rows.filter((r) => r.status === 'n/a').length;
    console.log(
      `  built-in findings ${rows.length}: found by agentwarden ${found}, not applicable ${na}, missed ${rows.length - found - na} | agentwarden by severity ${JSON.stringify(sev)}`,
    );
    total.builtin += rows.length;
    total.found += found;
    total.na += na;
    report.push({
      home: name,
      builtinExit: b.code,
      builtinMs: b.ms,
      oursMs: ours.ms,
      rows,
      onlyOurs,
      severities: sev,
    });
  } finally {
    f.cleanup();
  }
}
const mapped = ts.BUILTIN_PARITY.filter((e) => e.ours.length > 0).length;
console.log(
  `\nparity table: ${mapped} of ${ts.BUILTIN_PARITY.length} built-in check ids map to an agentwarden check; the other ${ts.BUILTIN_PARITY.length - mapped} say why not (docs/openclaw-parity.md)`,
);
console.log(
  `all homes: built-in findings ${total.builtin}, found by agentwarden ${total.found}, not applicable ${total.na}, missed ${total.builtin - total.found - total.na}`,
);
if (jsonOut) fs.writeFileSync(jsonOut, `${JSON.stringify(report, null, 2)}\n`);
