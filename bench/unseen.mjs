// Detectors on evaluation sets they were never tuned on: aggregate figures only, never a row. Each set is a
// JSONL file of {id, text, label} (label 1 = should be flagged); skills rows carry the skill bundle as text.
// The files are read with a JSON parser and nothing else: their rows are not for reading by anyone tuning.
//   node bench/unseen.mjs injection|secrets|skills FILE...
// (commands: node bench/guard-eval.mjs --file FILE)
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { loadTs, score } from './_detector-bench.mjs';
import { benchScanOptions, loadSkillsScanner } from './_skills-scanner-load.mjs';

const [kind, ...files] = process.argv.slice(2);
const src = (p) => new URL(`../src/${p}`, import.meta.url).pathname;

async function predictor() {
  if (kind === 'injection') {
    const { detectInjection } = await loadTs(src('scanners/injection/detect.ts'));
    return (text) => detectInjection(text).injection;
  }
  if (kind === 'secrets') {
    const { findSecrets } = await loadTs(src('scanners/secrets/detect.ts'));
    return (text) => findSecrets(text).length > 0;
  }
  if (kind === 'skills') {
    const m = await loadSkillsScanner();
    const opts = await benchScanOptions(m);
    let n = 0;
    return (text) => m.isFlagged(m.scanSkill(m.skillFromBundle(`unseen-${n++}`, text), opts));
  }
  throw new Error('usage: node bench/unseen.mjs injection|secrets|skills FILE...');
}

const predict = await predictor();
for (const file of files) {
  if (!existsSync(file)) {
    console.log(`${file}: not present`);
    continue;
  }
  const rows = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l));
  const s = score(rows, predict);
  const f1 = (2 * s.precision * s.recall) / (s.precision + s.recall || 1);
  console.log(
    `${kind} on ${path.basename(path.dirname(file))}/${path.basename(file)}: n=${s.n} tp=${s.tp} fp=${s.fp} fn=${s.fn} tn=${s.tn} ` +
      `precision=${s.precision.toFixed(3)} recall=${s.recall.toFixed(3)} F1=${f1.toFixed(3)} FPR=${(s.fp / (s.fp + s.tn || 1)).toFixed(3)}`,
  );
}
