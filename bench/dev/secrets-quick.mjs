// Quick accuracy pass for the secret detector (no throughput): prints the errors of the shared corpus's TUNING
// half only (sha256(id) first byte even, as bench/secrets-detector.mjs splits it) when --errors is given, and
// aggregates only for the other half and the bench/dev sets. It reads no held-out file and has no option to.
// Usage: node bench/dev/secrets-quick.mjs [--errors]
import { readFileSync } from 'node:fs';
import { fmt, half, loadTs, readCorpus, score } from '../_detector-bench.mjs';

const { findSecrets } = await loadTs(
  new URL('../../src/scanners/secrets/detect.ts', import.meta.url).pathname,
);
const predict = (text) => findSecrets(text).length > 0;
const rows = readCorpus('secrets.jsonl');
for (const h of ['tune', 'held-out']) {
  const s = score(
    rows.filter((r) => half(r) === h),
    predict,
  );
  console.log(
    `${h === 'tune' ? 'tuning half' : 'other half '} ${fmt(s)} fpr=${(s.fp / (s.fp + s.tn || 1)).toFixed(3)}`,
  );
  if (h === 'tune' && process.argv.includes('--errors'))
    for (const e of s.errors) {
      const hits = findSecrets(e.row.text).map((x) => x.ruleId);
      console.log(e.kind, e.row.id, hits.join(','), JSON.stringify(e.row.text.slice(0, 220)));
    }
}
for (const file of [
  'secrets-context.jsonl',
  'secrets-benign.jsonl',
  'secrets-dev2.jsonl',
  'secrets-dev3.jsonl',
]) {
  const dev = readFileSync(new URL(`./${file}`, import.meta.url), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
  const s = score(dev, predict);
  console.log(`dev ${file} ${fmt(s)} fpr=${(s.fp / (s.fp + s.tn || 1)).toFixed(3)}`);
  if (process.argv.includes('--errors') && file === 'secrets-dev3.jsonl')
    for (const e of s.errors) console.log(' ', e.kind, JSON.stringify(e.row.text.slice(0, 200)));
}
