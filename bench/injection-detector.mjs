// Injection detector: precision/recall on data/injection.jsonl (tuning half and held-out half, split by
// sha256(id)) at score >= 0.5 (all rules), and throughput with a plain indexOf scan as the same-run baseline.
// Usage: node bench/injection-detector.mjs [--errors tune@0.5|held-out@0.5|skills-tune|skills-held-out]
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

const { injectionScore, findInjections } = await loadTs(
  new URL('../src/scanners/injection/detect.ts', import.meta.url).pathname,
);
const rows = readCorpus('injection.jsonl');

const results = {};
for (const threshold of [0.5]) {
  const predict = (text) => injectionScore(text) >= threshold;
  for (const h of ['tune', 'held-out']) {
    results[`${h}@${threshold}`] = score(
      rows.filter((r) => half(r) === h),
      predict,
    );
    console.log(`score>=${threshold} ${h.padEnd(8)} ${fmt(results[`${h}@${threshold}`])}`);
  }
}

// The instruction-file check (CLAUDE.md, skills) ignores the off-task category and reports score >= 0.6:
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

printErrorsIfAsked(results, 'tune@0.5', 300);

compareThroughput({
  label: 'findInjections',
  detect: (t) => findInjections(t),
  keyword: 'ignore',
  texts: [
    ['corpus (injection.jsonl)', repeatTo(rows.map((r) => r.text).join('\n'), 2_000_000)],
    ['typical (source and docs from node_modules)', sourceText(4_000_000)],
  ],
  targetMBs: 5,
  rounds: 3,
});
