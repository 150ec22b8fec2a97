// Skills scanner: precision/recall on data/skills.jsonl and the time to scan 1,000 generated skills (budget
// 10 s), with a plain per-line regex pass over the same skills as the same-run baseline.
// Split: a row is in the TUNING half when the LAST byte of sha256(id) is even (the rules were written looking
// only at those rows); the other half is held out and was only scored, never read. `--holdout` adds the
// aggregate on bench/holdout/skills.jsonl (written apart from the scanner, never inspected): counts and rates
// only, never a row. Rows are scanned as text, never run.
// Usage: node bench/skills-scanner.mjs [--holdout]
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { sharedDir } from './_lib.mjs';
import { benchScanOptions, loadSkillsScanner } from './_skills-scanner-load.mjs';

const scanner = await loadSkillsScanner();
const { scanSkill, skillFromBundle, isFlagged } = scanner;
const t0 = performance.now();
const opts = await benchScanOptions(scanner);
const loadMs = performance.now() - t0;
const flagged = (row) => isFlagged(scanSkill(skillFromBundle(row.id, row.text), opts));

function readRows(file) {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l));
}

function score(rows) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (const row of rows) {
    const f = flagged(row);
    if (f && row.label === 1) tp++;
    else if (f) fp++;
    else if (row.label === 1) fn++;
    else tn++;
  }
  const p = tp / (tp + fp || 1);
  const r = tp / (tp + fn || 1);
  const f1 = (2 * p * r) / (p + r || 1);
  return `n=${rows.length} tp=${tp} fp=${fp} fn=${fn} tn=${tn} precision=${p.toFixed(3)} recall=${r.toFixed(3)} F1=${f1.toFixed(3)} FPR=${(fp / (fp + tn || 1)).toFixed(3)}`;
}

const tuneHalf = (row) => createHash('sha256').update(row.id).digest().at(-1) % 2 === 0;
const data = path.join(process.env.AGENTWARDEN_DATA ?? path.join(sharedDir(), 'data'), 'skills.jsonl');
const rows = readRows(data);
console.log(`skills.jsonl tune     ${score(rows.filter(tuneHalf))}`);
console.log(`skills.jsonl held-out ${score(rows.filter((r) => !tuneHalf(r)))}`);
const holdout = path.join(import.meta.dirname, 'holdout', 'skills.jsonl');
if (process.argv.includes('--holdout')) {
  if (existsSync(holdout)) console.log(`holdout (unseen)      ${score(readRows(holdout))}`);
  else console.log('holdout: bench/holdout/skills.jsonl not found');
}

// 1,000 skills of the shapes real ones have: frontmatter, prose, shell blocks, a Python and a JS script.
function generatedSkill(i) {
  const shell = [
    'git status',
    `npm run build -- --filter pkg${i}`,
    'pytest -q --tb=short',
    `curl -s https://api.github.com/repos/o/r${i}`,
  ];
  const md =
    `---\nname: skill-${i}\ndescription: Generated skill ${i} for the benchmark\nversion: 1.${i % 10}.0\n---\n` +
    `# Skill ${i}\n\n${'This skill formats, lints and reports on the project. '.repeat(8)}\n\n` +
    `## Usage\n\n\`\`\`bash\n${shell.join('\n')}\n\`\`\`\n\n## Notes\n\nRuns locally.\n`;
  const py =
    'import json\nimport subprocess\nimport sys\n\n\ndef main():\n' +
    `    out = subprocess.run(["git", "log", "-${i % 50}"], capture_output=True, text=True)\n` +
    '    data = {"lines": out.stdout.splitlines()}\n    print(json.dumps(data))\n\n'.repeat(10) +
    'if __name__ == "__main__":\n    main()\n';
  const js = `import { readFileSync } from 'node:fs';\nconst cfg = JSON.parse(readFileSync('cfg${i}.json', 'utf8'));\n${'export function f(x) { return x.map((y) => y * 2).filter(Boolean); }\n'.repeat(20)}`;
  return `${md}--- FILE: scripts/run.py ---\n${py}--- FILE: scripts/tool.mjs ---\n${js}`;
}
const skills = Array.from({ length: 1000 }, (_, i) => ({ id: `gen-${i}`, text: generatedSkill(i) }));
const bytes = skills.reduce((n, s) => n + s.text.length, 0);

function timeIt(fn) {
  const started = performance.now();
  fn();
  return performance.now() - started;
}
const baselineRe = /curl|wget|eval|exec|base64|\.ssh/;
const baseline = () => {
  let hits = 0;
  for (const s of skills) for (const line of s.text.split('\n')) if (baselineRe.test(line)) hits++;
  return hits;
};
const scanAll = () => {
  for (const s of skills) scanSkill(skillFromBundle(s.id, s.text), opts);
};
scanAll(); // warm-up
const runs = [];
const bases = [];
for (let r = 0; r < 3; r++) {
  bases.push(timeIt(baseline));
  runs.push(timeIt(scanAll));
}
const median = (v) => [...v].sort((a, b) => a - b)[1];
const scanMs = median(runs);
const baseMs = median(bases);
console.log(
  `1,000 skills (${(bytes / 1e6).toFixed(1)} MB): ${scanMs.toFixed(0)} ms + ${loadMs.toFixed(0)} ms analyser load ` +
    `(budget 10,000 ms); ${(scanMs / baseMs).toFixed(1)}× a per-line regex pass (${baseMs.toFixed(1)} ms)`,
);
if (scanMs + loadMs > 10_000) {
  console.log('over budget');
  process.exitCode = 1;
}
