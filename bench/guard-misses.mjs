// Development aid: the guard's disagreements with the labels of a TUNING or DEVELOPMENT command file, one line
// per row (label, verdict, rule, command). Refuses held-out files (any path under bench/holdout*): their rows and
// misses must stay unread; use bench/guard-eval.mjs for aggregates there.
// Same setting as bench/guard-eval.mjs: builder role, bare host, untainted, home /home/dev, project ~/work/app.
//   node bench/guard-misses.mjs FILE [--all]   (--all: every row, not only disagreements)
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { bundleTs } from './_lib.mjs';

const file = process.argv[2];
if (!file) throw new Error('usage: node bench/guard-misses.mjs FILE [--all]');
if (/holdout/i.test(path.resolve(file))) {
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
const rows = readFileSync(file, 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l));
for (const row of rows) {
  const { decision: d } = explainDecision(
    { tool: 'Bash', kind: 'exec', command: row.text, paths: [], urls: [], cwd: PROJECT, raw: {} },
    env,
  );
  const wrong = row.label === 1 ? d.verdict === 'allow' : d.verdict !== 'allow';
  if (!wrong && !all) continue;
  console.log(
    `${wrong ? 'MISS' : 'ok  '} L${row.label} ${d.verdict.padEnd(5)} ${String(d.ruleId).padEnd(28)} ${row.text}${wrong && row.label === 0 ? `\n        ${d.reason}` : ''}`,
  );
}
