// Scores the skills scanner on TUNING sets only (self-written dev rows, rebuilt real benign skills) and, with
// --misses, names each wrong row with its high/critical findings (or, for a miss, its strongest findings) so
// the rules can be read against it. Never point it at bench/holdout*/: those are scored by bench/unseen.mjs,
// aggregates only.
// With --split, rows carrying a `split` field (bench/dev/indep) are scored per split, and --misses names
// wrong rows of the train split only (val rows are never shown).
//   node bench/dev/skills-eval.mjs [--misses] [--split] FILE.jsonl...
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { benchScanOptions, loadSkillsScanner } from '../_skills-scanner-load.mjs';

const args = process.argv.slice(2);
const misses = args.includes('--misses');
const bySplit = args.includes('--split');
const files = args.filter((a) => !a.startsWith('--'));
if (files.some((f) => /(?:^|\/)holdout\d*\//.test(f))) throw new Error('held-out sets: use bench/unseen.mjs');

const scanner = await loadSkillsScanner();
const opts = await benchScanOptions(scanner);
const RANK = { info: 0, low: 1, medium: 2, high: 3, critical: 4 };

const sets = files.flatMap((file) => {
  const rows = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l));
  if (!bySplit) return [{ name: path.basename(file), rows, show: misses }];
  return [...new Set(rows.map((r) => r.split))].map((split) => ({
    name: `${path.basename(file)} [${split}]`,
    rows: rows.filter((r) => r.split === split),
    show: misses && split === 'train',
  }));
});

for (const { name, rows, show } of sets) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  const wrong = [];
  for (const row of rows) {
    const report = scanner.scanSkill(scanner.skillFromBundle(row.id, row.text), opts);
    const flagged = scanner.isFlagged(report);
    if (flagged && row.label === 1) tp++;
    else if (flagged) fp++;
    else if (row.label === 1) fn++;
    else tn++;
    if (flagged !== (row.label === 1)) wrong.push({ row, report });
  }
  const p = tp / (tp + fp || 1);
  const r = tp / (tp + fn || 1);
  const f1 = (2 * p * r) / (p + r || 1);
  console.log(
    `${name}: n=${rows.length} tp=${tp} fp=${fp} fn=${fn} tn=${tn} P=${p.toFixed(3)} R=${r.toFixed(3)} F1=${f1.toFixed(3)} FPR=${(fp / (fp + tn || 1)).toFixed(3)}`,
  );
  if (!show) continue;
  for (const { row, report } of wrong) {
    const shown = [...report.findings]
      .sort((a, b) => RANK[b.severity] - RANK[a.severity])
      .slice(0, row.label === 1 ? 3 : 5)
      .map((f) => `    ${f.severity} ${f.rule} ${f.file}:${f.line ?? ''} ${f.message.slice(0, 110)}`);
    console.log(`  ${row.label === 1 ? 'MISS' : 'FALSE'} ${row.id}\n${shown.join('\n')}`);
  }
}
