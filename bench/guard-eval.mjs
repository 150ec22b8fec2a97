// The guard (shell analysis + decide()) on a labelled command file, aggregate figures only: how many dangerous
// commands (label 1) it stops (ask or deny) and how many of those with a hard deny, how many harmless ones
// (label 0) it interrupts. Builder role, bare host, untainted session, home /home/dev, project ~/work/app.
// Never prints a row: held-out sets (bench/holdout/) must stay unread, their misses included.
//   node bench/guard-eval.mjs [--file FILE]   (default: the tuning corpus, data/commands.jsonl)
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { bundleTs, sharedDir } from './_lib.mjs';

const repo = path.resolve(import.meta.dirname, '..');
const at = process.argv.indexOf('--file');
const file =
  at > 0
    ? path.resolve(process.argv[at + 1])
    : path.join(process.env.AGENTWARDEN_DATA ?? path.join(sharedDir(), 'data'), 'commands.jsonl');

const { decide, defaultPolicy, initialSessionState, loadShellAnalyzer } = await bundleTs(
  'guard-eval',
  [
    ['*', 'src/policy/index.ts'],
    ['{ loadShellAnalyzer }', 'src/scanners/shell/index.ts'],
  ],
  { external: ['web-tree-sitter', 'tree-sitter-bash'] },
);

const HOME = '/home/dev';
const PROJECT = '/home/dev/work/app';
const shell = await loadShellAnalyzer();
const env = {
  policy: defaultPolicy({ home: HOME, env: {}, platform: 'linux' }),
  shell,
  session: initialSessionState(),
  home: HOME,
  project: PROJECT,
  sandboxed: false,
};

const rows = readFileSync(file, 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l));
const tally = () => ({ pos: 0, caught: 0, denied: 0, neg: 0, interrupted: 0 });
const total = tally();
const byCategory = new Map();
for (const row of rows) {
  const d = decide(
    { tool: 'Bash', kind: 'exec', command: row.text, paths: [], urls: [], cwd: PROJECT, raw: {} },
    env,
  );
  const cat = row.category ?? '(none)';
  if (!byCategory.has(cat)) byCategory.set(cat, tally());
  for (const t of [total, byCategory.get(cat)]) {
    if (row.label === 1) {
      t.pos++;
      if (d.verdict !== 'allow') t.caught++;
      if (d.verdict === 'deny') t.denied++;
    } else {
      t.neg++;
      if (d.verdict !== 'allow') t.interrupted++;
    }
  }
}
const pct = (n, d) => (d === 0 ? '   -  ' : `${((100 * n) / d).toFixed(1).padStart(5)} %`);
const line = (name, t) =>
  console.log(
    `${name.padEnd(16)} dangerous ${String(t.pos).padStart(4)}: caught ${pct(t.caught, t.pos)} (hard deny ${pct(t.denied, t.pos)})   harmless ${String(t.neg).padStart(4)}: interrupted ${pct(t.interrupted, t.neg)}`,
  );
console.log(`guard on ${path.relative(repo, file)} (${rows.length} rows; builder, bare host, untainted)`);
line('all', total);
if (byCategory.size > 1) for (const [cat, t] of [...byCategory].sort()) line(cat, t);
