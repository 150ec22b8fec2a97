// Development aid: the guard's disagreements with the labels of a TUNING or DEVELOPMENT command file, one line
// per row (label, verdict, rule, command). Refuses held-out files (any path under bench/holdout*): their rows and
// misses must stay unread; use bench/guard-eval.mjs for aggregates there.
// Same setting as bench/guard-eval.mjs: builder role, bare host, untainted, home /home/dev, project ~/work/app.
//   node bench/guard-misses.mjs FILE [--all]   (--all: every row, not only disagreements)
//   node bench/guard-misses.mjs -c 'CMD' ...  (explain commands)
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { bundleTs } from './_lib.mjs';

const file = process.argv[2];
if (!file) throw new Error('usage: node bench/guard-misses.mjs FILE [--all]');
if (file !== '-c' && /holdout/i.test(path.resolve(file))) {
  console.error('refused: held-out files are evaluated with bench/guard-eval.mjs, aggregates only');
  process.exit(2);
}
const all = process.argv.includes('--all');
const { explainDecision, defaultPolicy, initialSessionState, loadShellAnalyzer } = await bundleTs(
  'guard-misses',
  [
    ['*', 'src/policy/index.ts'],
    ['{ loadShellAnalyzer }', 'src/scanners/shell/index.ts'],
  ],
  { external: ['web-tree-sitter', 'tree-sitter-bash'] },
);
const HOME = '/home/dev';
const PROJECT = '/home/dev/work/app';
const env = {
  policy: defaultPolicy({ home: HOME, env: {}, platform: 'linux' }),
  shell: await loadShellAnalyzer(),
  session: initialSessionState(),
  home: HOME,
  project: PROJECT,
  sandboxed: false,
};
// `-c CMD…`: explain the given commands instead (verdict, rules fired, effects), for development.
const rows =
  file === '-c'
    ? process.argv.slice(3).map((text) => ({ text, label: -1 }))
    : readFileSync(file, 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => JSON.parse(l));
for (const row of rows) {
  const {
    decision: d,
    analysis,
    rulesFired,
  } = explainDecision(
    { tool: 'Bash', kind: 'exec', command: row.text, paths: [], urls: [], cwd: PROJECT, raw: {} },
    env,
  );
  if (row.label === -1) {
    console.log(`${d.verdict} ${d.ruleId}: ${row.text}\n  ${d.reason}`);
    for (const r of rulesFired) console.log(`  fired ${r.verdict} ${r.ruleId}`);
    for (const e of analysis?.effects ?? [])
      console.log(`  effect ${e.capability}/${e.id} ${e.risk} ${e.paths.join(',')} ${e.urls.join(',')}`);
    for (const c of analysis?.commands ?? [])
      console.log(`  cmd ${c.name} ${JSON.stringify(c.args)} via ${c.via}`);
    continue;
  }
  const wrong = row.label === 1 ? d.verdict === 'allow' : d.verdict !== 'allow';
  if (!wrong && !all) continue;
  console.log(
    `${wrong ? 'MISS' : 'ok  '} L${row.label} ${d.verdict.padEnd(5)} ${String(d.ruleId).padEnd(28)} ${row.text}${wrong && row.label === 0 ? `\n        ${d.reason}` : ''}`,
  );
}
