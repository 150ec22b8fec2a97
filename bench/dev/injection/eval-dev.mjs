// Injection detector on the development sets (bench/dev/injection/*.jsonl) and the shared corpus: aggregate
// precision / recall / FPR per set, and per `kind`/`style`/`carrier`/`lang` where rows carry one. Dev sets may be
// inspected (`--errors SET` prints that set's misses); held-out sets are never read here.
// Usage: node bench/dev/injection/eval-dev.mjs [--errors dev5-val] [--by kind]
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
};
const argv = process.argv.slice(2);
const errorsOf = argv.includes('--errors') ? argv[argv.indexOf('--errors') + 1] : undefined;
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

const only = argv.includes('--sets') ? argv[argv.indexOf('--sets') + 1].split(',') : undefined;
for (const [name, rows] of Object.entries(sets)) {
  if (only && !only.includes(name)) continue;
  if (!rows.length) continue;
  const scores = rows.map((r) => detectInjection(r.text));
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
