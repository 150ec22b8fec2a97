// Injection detector: precision/recall on data/injection.jsonl and throughput with a plain indexOf scan as the
// same-run baseline. The model (scripts/train-injection-model.mjs) trains on the TUNING half of the corpus
// (sha256(id) first byte even); the figure to quote is the HELD-OUT half, never trained or tuned on.
// `--holdout` / `--holdout2` add the aggregate on bench/holdout/injection.jsonl / bench/holdout2/injection.jsonl
// (evaluation sets written apart from the detector and never inspected): counts and rates only, never a row.
// Usage: node bench/injection-detector.mjs [--holdout] [--holdout2] [--errors tune|rules-tune|skills-tune]
import { existsSync, readFileSync } from 'node:fs';
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

const { detectInjection, injectionScore } = await loadTs(
  new URL('../src/scanners/injection/detect.ts', import.meta.url).pathname,
);
const rows = readCorpus('injection.jsonl');
const fpr = (s) => (s.fp / (s.fp + s.tn || 1)).toFixed(3);

const results = {};
const detector = (text) => detectInjection(text).injection;
for (const h of ['tune', 'held-out']) {
  results[h] = score(
    rows.filter((r) => half(r) === h),
    detector,
  );
  console.log(`detectInjection ${h.padEnd(8)} ${fmt(results[h])} fpr=${fpr(results[h])}`);
}
// The rules alone at 0.5, as the detector stood before the model (for comparison).
for (const h of ['tune', 'held-out']) {
  results[`rules-${h}`] = score(
    rows.filter((r) => half(r) === h),
    (text) => injectionScore(text) >= 0.5,
  );
  console.log(
    `rules only@0.5  ${h.padEnd(8)} ${fmt(results[`rules-${h}`])} fpr=${fpr(results[`rules-${h}`])}`,
  );
}

// The instruction-file check (CLAUDE.md, skills) ignores the off-task category and reports rule score >= 0.6:
// measured on skills.jsonl (label 1 = malicious skill), which exercises the poisoning rules.
const skills = readCorpus('skills.jsonl');
for (const h of ['tune', 'held-out']) {
  const predict = (text) => injectionScore(text, { ignoreCategories: ['off-task'] }) >= 0.6;
  results[`skills-${h}`] = score(
    skills.filter((r) => half(r) === h),
    predict,
  );
  console.log(`skills.jsonl instruction-file mode ${h.padEnd(8)} ${fmt(results[`skills-${h}`])}`);
}

// Only ever the tuning half: rows of the held-out half or the holdout set are not for reading.
if (
  process.argv.includes('--errors') &&
  !/tune$/.test(process.argv[process.argv.indexOf('--errors') + 1] ?? '')
)
  throw new Error('--errors takes a tuning-half result: tune, rules-tune or skills-tune');
printErrorsIfAsked(results, 'tune', 300);

compareThroughput({
  label: 'detectInjection',
  detect: (t) => detectInjection(t),
  keyword: 'ignore',
  texts: [
    ['corpus (injection.jsonl)', repeatTo(rows.map((r) => r.text).join('\n'), 2_000_000)],
    ['typical (source and docs from node_modules)', sourceText(4_000_000)],
  ],
  targetMBs: 5,
  rounds: 3,
});

// Unseen sets: counts and rates only, never a row.
for (const [flag, dir] of [
  ['--holdout', 'holdout'],
  ['--holdout2', 'holdout2'],
]) {
  if (!process.argv.includes(flag)) continue;
  const file = new URL(`./${dir}/injection.jsonl`, import.meta.url).pathname;
  if (!existsSync(file)) {
    console.log(`${dir}: bench/${dir}/injection.jsonl not present`);
    continue;
  }
  const unseen = readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
  const s = score(unseen, detector);
  console.log(
    `${dir} (unseen) n=${s.n} tp=${s.tp} fp=${s.fp} fn=${s.fn} tn=${s.tn} precision=${s.precision.toFixed(3)} recall=${s.recall.toFixed(3)} fpr=${fpr(s)}`,
  );
}
