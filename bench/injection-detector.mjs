// Injection detector: precision/recall on data/injection.jsonl (tuning half and held-out half, split by
// sha256(id)) at score >= 0.5 (all rules), and throughput with a plain indexOf scan as the same-run baseline.
// Usage: node bench/injection-detector.mjs [--errors tune@0.5|held-out@0.5|skills-tune|skills-held-out]
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

const showErrors = process.argv.indexOf('--errors');
if (showErrors > 0) {
  for (const e of results[process.argv[showErrors + 1] ?? 'tune@0.5'].errors)
    console.log(e.kind, e.row.id, JSON.stringify(e.row.text.slice(0, 300)));
}

const baselineScan = (t) => {
  let n = 0;
  for (let i = t.indexOf('ignore'); i !== -1; i = t.indexOf('ignore', i + 1)) n++;
  return n;
};
for (const [name, text] of [
  ['corpus (injection.jsonl)', repeatTo(rows.map((r) => r.text).join('\n'), 2_000_000)],
  ['typical (source and docs from node_modules)', sourceText(4_000_000)],
]) {
  const baseline = throughput(text, baselineScan, 3);
  const detector = throughput(text, (t) => findInjections(t), 3);
  console.log(
    `${name}: ${(text.length / 1e6).toFixed(1)} MB, findInjections=${detector.toFixed(1)} MB/s, ` +
      `baseline indexOf('ignore')=${baseline.toFixed(0)} MB/s, ratio=${(detector / baseline).toFixed(4)} (target >= 5 MB/s)`,
  );
}
