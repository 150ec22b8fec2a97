// Builds the train/val splits of the retired held-out sets (bench/holdout … holdout5), which stopped being held
// out on 2026-12-06: line 1, 3, 5 … of each file go to train, line 2, 4, 6 … to val. Each row keeps its fields and
// gains `set` (the folder it came from). Run: node bench/dev/retired/split.mjs
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

const bench = path.resolve(import.meta.dirname, '../..');
const SETS = ['holdout', 'holdout2', 'holdout3', 'holdout4', 'holdout5'];
const out = {};
for (const set of SETS)
  for (const file of readdirSync(path.join(bench, set)).filter((f) => f.endsWith('.jsonl'))) {
    const kind = file.replace('.jsonl', '');
    const lines = readFileSync(path.join(bench, set, file), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '');
    lines.forEach((line, i) => {
      const key = `${kind}-${i % 2 === 0 ? 'train' : 'val'}`;
      out[key] ??= [];
      out[key].push(JSON.stringify({ ...JSON.parse(line), set }));
    });
  }
for (const [key, rows] of Object.entries(out)) {
  writeFileSync(path.join(import.meta.dirname, `${key}.jsonl`), `${rows.join('\n')}\n`);
  console.log(key, rows.length);
}
