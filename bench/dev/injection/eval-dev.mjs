// Injection detector on the development sets (bench/dev/injection/*.jsonl) and the shared corpus: aggregate
// precision / recall / FPR per set, and per `kind`/`style`/`carrier`/`lang` where rows carry one. Dev sets may be
// inspected (`--errors SET` prints that set's misses); held-out sets are never read here.
// Usage: node bench/dev/injection/eval-dev.mjs [--errors dev5-val] [--by kind]
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { half, loadTs, readCorpus } from '../../_detector-bench.mjs';

const here = (f) => new URL(f, import.meta.url).pathname;
const { detectInjection } = await loadTs(here('../../../src/scanners/injection/detect.ts'));
const read = (f) =>
  (existsSync(here(f)) ? readFileSync(here(f), 'utf8') : '')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));

const dev5 = read('dev5-handwritten.jsonl');
const dev6 = read('dev6-security-writing.jsonl');
const dev7 = read('dev7-diverse.jsonl');
const dev8 = read('dev8-multilingual.jsonl');
const dev8b = read('dev8-benign-writing.jsonl');
/** Written by an independent writer (bench/dev/INDEPENDENT.md): train may be tuned on, val is only measured. */
const indep = read('../indep/injection-indep.jsonl');
/** The retired held-out sets (bench/dev/retired/README.md): train may be tuned on, val is only measured. */
const retired = (split) => read(`../retired/injection-${split}.jsonl`);
/** The real-docs paragraphs training keeps for validation (whole source files, as in train-injection-model.mjs). */
const docValidation = (r) =>
  createHash('sha256')
    .update(`val:${r.source.split(/[+#[]/)[0]}`)
    .digest()[0] < 38;
const sets = {
  'corpus-tune': readCorpus('injection.jsonl').filter((r) => half(r) === 'tune'),
  'corpus-heldout': readCorpus('injection.jsonl').filter((r) => half(r) === 'held-out'),
  dev1: read('dev-handwritten.jsonl'),
  dev2: read('dev2-handwritten.jsonl'),
  dev3: read('dev3-handwritten.jsonl'),
  'dev4-calibrate': read('dev4-generated.jsonl').filter((r) => r.split === 'calibrate'),
  'dev4-report': read('dev4-generated.jsonl').filter((r) => r.split === 'report'),
  'dev5-train': dev5.filter((r) => r.split === 'train'),
  'dev5-val': dev5.filter((r) => r.split !== 'train'),
  'dev6-train': dev6.filter((r) => r.split === 'train'),
  'dev6-val': dev6.filter((r) => r.split !== 'train'),
  'dev7-train': dev7.filter((r) => r.split === 'train'),
  'dev7-val': dev7.filter((r) => r.split !== 'train'),
  'dev8-train': dev8.filter((r) => r.split === 'train'),
  'dev8-val': dev8.filter((r) => r.split !== 'train'),
  'dev8b-train': dev8b.filter((r) => r.split === 'train'),
  'dev8b-val': dev8b.filter((r) => r.split !== 'train'),
  /** Benign package docs training reads: a false-positive check, not an unseen figure. */
  'npm-docs': read('npm-docs.jsonl'),
  'real-docs-val': read('real-docs.jsonl').filter(docValidation),
  'indep-train': indep.filter((r) => r.split === 'train'),
  'indep-val': indep.filter((r) => r.split === 'val'),
  'retired-train': retired('train'),
  'retired-val': retired('val'),
};
const argv = process.argv.slice(2);
const errorsOf = argv.includes('--errors') ? argv[argv.indexOf('--errors') + 1] : undefined;
if (errorsOf === 'indep-val' || errorsOf === 'retired-val')
  throw new Error(`${errorsOf} is measured, never read row by row`);
const by = argv.includes('--by') ? argv[argv.indexOf('--by') + 1] : undefined;

function stats(rows, scores) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  rows.forEach((r, i) => {
    const f = scores[i].injection;
    if (f && r.label === 1) tp++;
    else if (f) fp++;
    else if (r.label === 1) fn++;
    else tn++;
  });
  const p = tp / (tp + fp || 1);
  const rc = tp / (tp + fn || 1);
  return `n=${String(rows.length).padStart(4)} P=${p.toFixed(3)} R=${rc.toFixed(3)} FPR=${(fp / (fp + tn || 1)).toFixed(3)} (tp ${tp} fp ${fp} fn ${fn} tn ${tn})`;
}

/** Sets never trained on: the pool for the threshold-free summary (separation, not the shipped threshold). */
const POOL = [
  'corpus-heldout',
  'dev4-report',
  'dev5-val',
  'dev6-val',
  'dev7-val',
  'dev8-val',
  'dev8b-val',
  'real-docs-val',
  'indep-val',
  'retired-val',
];
const pool = [];
const only = argv.includes('--sets') ? argv[argv.indexOf('--sets') + 1].split(',') : undefined;
for (const [name, rows] of Object.entries(sets)) {
  if (only && !only.includes(name)) continue;
  if (!rows.length) continue;
  const scores = rows.map((r) => detectInjection(r.text));
  if (POOL.includes(name)) pool.push({ rows, scores });
  console.log(`${name.padEnd(15)} ${stats(rows, scores)}`);
  if (by) {
    const groups = new Map();
    rows.forEach((r, i) => {
      const k = `${r.label}:${r[by] ?? '-'}`;
      if (!groups.has(k)) groups.set(k, [[], []]);
      groups.get(k)[0].push(r);
      groups.get(k)[1].push(scores[i]);
    });
    for (const [k, [rs, ss]] of [...groups].sort()) console.log(`   ${k.padEnd(28)} ${stats(rs, ss)}`);
  }
  if (errorsOf === name)
    rows.forEach((r, i) => {
      if (scores[i].injection !== (r.label === 1))
        console.log(
          `   ${r.label ? 'FN' : 'FP'} ${scores[i].score.toFixed(2)} ${r.id} ${JSON.stringify(r.text.slice(0, 200))}`,
        );
    });
}

// Mean recall over the pooled sets at the lowest threshold whose mean false-positive rate (each set weighing
// the same) is within 1 % and 2 %: how well the score separates, whatever threshold training chose.
if (pool.length) {
  const at = (t) => {
    const fpr = [];
    const rec = [];
    for (const { rows, scores } of pool) {
      const neg = rows.filter((r) => r.label !== 1);
      const pos = rows.filter((r) => r.label === 1);
      if (neg.length)
        fpr.push(rows.filter((r, i) => r.label !== 1 && scores[i].score >= t).length / neg.length);
      if (pos.length)
        rec.push(rows.filter((r, i) => r.label === 1 && scores[i].score >= t).length / pos.length);
    }
    const mean = (xs) => xs.reduce((a, b) => a + b, 0) / (xs.length || 1);
    return [mean(rec), mean(fpr)];
  };
  const ts = [...new Set(pool.flatMap(({ scores }) => scores.map((s) => s.score)))].sort((a, b) => a - b);
  for (const budget of [0.01, 0.02]) {
    const t = ts.find((x) => at(x)[1] <= budget) ?? 1;
    const [r, f] = at(t);
    console.log(
      `pool ${POOL.join('+')}: mean R ${r.toFixed(3)} at mean FPR ${f.toFixed(3)} (<= ${budget}, t ${t.toFixed(3)})`,
    );
  }
}
