// agentwarden's OpenClaw audit (dist/cli.js audit --only openclaw) on the public configurations in
// test/fixtures/real/openclaw (SOURCES.md; judged by hand in LABELS.md), each as the config of an otherwise
// empty home: `openclaw.json` as ~/.openclaw/openclaw.json, a legacy `clawdbot.json` as ~/.clawdbot/clawdbot.json,
// a `moltbot.json` through $OPENCLAW_CONFIG_PATH.
// Prints findings per config and severity, crashes (no JSON report, a non-0/1 exit, or a check that could not
// complete), and with --builtin also runs the real `openclaw security audit --json` (see _openclaw.mjs) on the
// same home: whether OpenClaw accepts the config at all (agreement with openclaw/config-invalid) and which of
// its findings ours reports. Built-in results are cached by config hash (a run takes 10-70 s).
//   node bench/real-openclaw.mjs [--builtin] [--json FILE] [--match SUBSTRING] [--name clawdbot.json]
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compare, findOpenclaw, loadTs, repo, runBuiltin, runOurs, snapshotCli } from './_openclaw.mjs';

const arg = (name) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
};
const withBuiltin = process.argv.includes('--builtin');
const jsonOut = arg('--json') && path.resolve(arg('--json'));
const match = arg('--match');
const onlyName = arg('--name');
const corpus = path.join(repo, 'test', 'fixtures', 'real', 'openclaw');
const cacheDir = path.join(
  process.env.AGENTWARDEN_E2E_CACHE ?? '/tmp/agentwarden-e2e',
  'real-openclaw-builtin',
);

if (!snapshotCli('real-openclaw')) {
  console.error('run `npm run build` first (dist/cli.js is missing)');
  process.exit(2);
}
const install = withBuiltin ? findOpenclaw() : undefined;
if (withBuiltin && !install) process.exit(2);
const ts = await loadTs('real-openclaw');

// Where each file name goes: OpenClaw reads a legacy clawdbot.json from ~/.clawdbot; it has no moltbot.json,
// so that one is given as $OPENCLAW_CONFIG_PATH (how such a file reaches OpenClaw 2026.9.6 at all).
const LAYOUT = {
  'openclaw.json': ['~/.openclaw', '~/.openclaw/openclaw.json'],
  'clawdbot.json': ['~/.clawdbot', '~/.clawdbot/clawdbot.json'],
  'moltbot.json': ['~/moltbot', '~/moltbot/moltbot.json', 'OPENCLAW_CONFIG_PATH'],
};
const configs = fs
  .readdirSync(corpus)
  .flatMap((dir) =>
    Object.keys(LAYOUT)
      .filter((n) => fs.existsSync(path.join(corpus, dir, n)))
      .map((n) => [dir, n]),
  )
  .filter(([dir, name]) => (!match || dir.includes(match)) && (!onlyName || name === onlyName))
  .sort(([a], [b]) => a.localeCompare(b));

function cachedBuiltin(text, f, env, name) {
  const keyed = name === 'openclaw.json' ? text : `${name}\n${text}`;
  const key = createHash('sha256').update(keyed).digest('hex').slice(0, 24);
  const file = path.join(cacheDir, `${key}.json`);
  if (fs.existsSync(file)) return { ...JSON.parse(fs.readFileSync(file, 'utf8')), cached: true };
  const b = runBuiltin(ts, install, f, env);
  const keep = { code: b.code, out: b.out, ms: b.ms, stderrTail: b.stderr.trim().split('\n').slice(-3) };
  fs.mkdirSync(cacheDir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(keep));
  return keep;
}

const SEV = ['critical', 'high', 'medium', 'low', 'info'];
const rows = [];
let crashes = 0;
console.log(
  `| config | ${SEV.join(' | ')} | rejected keys | checks that fired |${withBuiltin ? ' OpenClaw 2026.9.6 | its findings: found/n.a./missed |' : ''} ms |`,
);
console.log(`|---|${SEV.map(() => '---|').join('')}---|---|${withBuiltin ? '---|---|' : ''}---|`);
for (const [dir, name] of configs) {
  const text = fs.readFileSync(path.join(corpus, dir, name), 'utf8');
  const [stateDir, configKey, envVar] = LAYOUT[name];
  const f = ts.materialize({
    files: { [stateDir]: { dir: true, mode: 0o700 }, [configKey]: { content: text, mode: 0o600 } },
  });
  const env = envVar ? { [envVar]: path.join(f.home, configKey.slice(2)) } : {};
  try {
    const ours = runOurs(ts, f, env, 'openclaw');
    const broke =
      !ours.findings || (ours.code !== 0 && ours.code !== 1)
        ? `exit ${ours.code}: ${ours.stderr.trim().split('\n').at(-1)}`
        : ours.findings.find((x) => /could not complete/.test(x.message))?.message;
    if (broke) crashes++;
    const findings = ours.findings ?? [];
    const bySev = Object.fromEntries(SEV.map((s) => [s, findings.filter((x) => x.severity === s).length]));
    const perCheck = {};
    for (const x of findings) perCheck[x.checkId] = (perCheck[x.checkId] ?? 0) + 1;
    const invalid = perCheck['openclaw/config-invalid'] ?? 0;
    const fired = Object.entries(perCheck)
      .filter(([id]) => id !== 'openclaw/config-invalid')
      .map(([id, n]) => `${id.replace('openclaw/', '')}${n > 1 ? `×${n}` : ''}`)
      .join(', ');
    const row = { config: `${dir}/${name}`, ...bySev, rejectedKeys: invalid, perCheck, ms: ours.ms, broke };
    let builtinCells = '';
    if (install) {
      const b = cachedBuiltin(text, f, env, name);
      if (!b.out) {
        row.builtin = { status: 'no-output', code: b.code, stderr: b.stderrTail };
        builtinCells = ` no output (exit ${b.code}) | — |`;
      } else if (b.out.ok === false) {
        row.builtin = {
          status: 'refused',
          issues: (b.out.issues ?? []).map((i) => `${i.path}: ${i.message}`),
        };
        builtinCells = ` refused (${row.builtin.issues.length} issue(s)) | — |`;
      } else {
        const cmp = compare(ts, b.out.findings ?? [], findings);
        const n = (s) => cmp.filter((r) => r.status === s).length;
        row.builtin = { status: 'audited', rows: cmp };
        builtinCells = ` accepted | ${n('found')}/${n('n/a')}/${cmp.length - n('found') - n('n/a')} |`;
      }
    }
    rows.push(row);
    const label = `${dir.replace('__', '/')}${name === 'openclaw.json' ? '' : ` (${name})`}`;
    console.log(
      `| ${label}${broke ? ' **CRASH**' : ''} | ${SEV.map((s) => bySev[s]).join(' | ')} | ${invalid} | ${fired} |${builtinCells} ${ours.ms} |`,
    );
  } finally {
    f.cleanup();
  }
}

const sum = (k) => rows.reduce((a, r) => a + r[k], 0);
console.log(
  `\n${rows.length} configs, ${sum('critical') + sum('high') + sum('medium') + sum('low') + sum('info')} findings (${SEV.map((s) => `${sum(s)} ${s}`).join(', ')}); crashes: ${crashes}`,
);
if (install) {
  const refused = rows.filter((r) => r.builtin?.status === 'refused');
  const accepted = rows.filter((r) => r.builtin?.status === 'audited');
  const agree = (r) => (r.builtin.status === 'refused') === r.rejectedKeys > 0;
  console.log(
    `OpenClaw 2026.9.6 refused ${refused.length}, audited ${accepted.length}, no output ${rows.length - refused.length - accepted.length}; ` +
      `openclaw/config-invalid agrees on ${rows.filter((r) => r.builtin && r.builtin.status !== 'no-output' && agree(r)).length} ` +
      `(ours invalid, OpenClaw accepts: ${accepted.filter((r) => r.rejectedKeys > 0).length}; OpenClaw refuses, ours silent: ${refused.filter((r) => r.rejectedKeys === 0).length})`,
  );
  const all = accepted.flatMap((r) => r.builtin.rows);
  const n = (s) => all.filter((r) => r.status === s).length;
  console.log(
    `its findings on accepted configs: ${all.length}; found by agentwarden ${n('found')}, not applicable ${n('n/a')}, missed ${all.length - n('found') - n('n/a')}`,
  );
  const missed = {};
  for (const r of all.filter((x) => x.status === 'MISSED' || x.status === 'UNMAPPED'))
    missed[r.builtin] = (missed[r.builtin] ?? 0) + 1;
  if (Object.keys(missed).length) console.log(`missed by id: ${JSON.stringify(missed)}`);
}
if (jsonOut) fs.writeFileSync(jsonOut, `${JSON.stringify(rows, null, 2)}\n`);
if (crashes) process.exitCode = 1;
