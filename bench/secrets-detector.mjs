// Secret detector: precision/recall on data/secrets.jsonl (tuning half and held-out half, split by
// sha256(id)) and throughput on the whole corpus, with a plain indexOf scan as the same-run baseline.
// Usage: node bench/secrets-detector.mjs [--errors tune|held-out]
import {
  compareThroughput,
  fmt,
  half,
  loadTs,
  printErrorsIfAsked,
  readCorpus,
  repeatTo,
  score,
  sourceText,
} from './_detector-bench.mjs';

const { findSecrets } = await loadTs(new URL('../src/scanners/secrets/detect.ts', import.meta.url).pathname);
const rows = readCorpus('secrets.jsonl');
const predict = (text) => findSecrets(text).length > 0;

const results = {};
for (const h of ['tune', 'held-out']) {
  results[h] = score(
    rows.filter((r) => half(r) === h),
    predict,
  );
  console.log(`${h.padEnd(8)} ${fmt(results[h])}`);
}
console.log(`all      ${fmt(score(rows, predict))}`);

printErrorsIfAsked(results, 'tune', 200);

compareThroughput({
  label: 'findSecrets',
  detect: findSecrets,
  keyword: 'key',
  texts: [
    [
      'dense (secrets corpus, every line a secret or near miss)',
      repeatTo(rows.map((r) => r.text).join('\n')),
    ],
    ['typical (source and docs from node_modules)', sourceText()],
  ],
  targetMBs: 50,
});
