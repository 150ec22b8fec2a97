// Secret detector: precision/recall on data/secrets.jsonl (tuning half and held-out half, split by
// sha256(id)) and throughput on the whole corpus, with a plain indexOf scan as the same-run baseline.
// Usage: node bench/secrets-detector.mjs [--errors tune|held-out]
import {
  fmt,
  half,
  loadTs,
  readCorpus,
  repeatTo,
  score,
  sourceText,
  throughput,
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

const showErrors = process.argv.indexOf('--errors');
if (showErrors > 0) {
  for (const e of results[process.argv[showErrors + 1] ?? 'tune'].errors)
    console.log(e.kind, e.row.id, JSON.stringify(e.row.text.slice(0, 200)));
}

const baselineScan = (t) => {
  let n = 0;
  for (let i = t.indexOf('key'); i !== -1; i = t.indexOf('key', i + 1)) n++;
  return n;
};
for (const [name, text] of [
  ['dense (secrets corpus, every line a secret or near miss)', repeatTo(rows.map((r) => r.text).join('\n'))],
  ['typical (source and docs from node_modules)', sourceText()],
]) {
  const baseline = throughput(text, baselineScan);
  const detector = throughput(text, findSecrets);
  console.log(
    `${name}: ${(text.length / 1e6).toFixed(1)} MB, findSecrets=${detector.toFixed(1)} MB/s, ` +
      `baseline indexOf('key')=${baseline.toFixed(0)} MB/s, ratio=${(detector / baseline).toFixed(4)} (target >= 50 MB/s)`,
  );
}
