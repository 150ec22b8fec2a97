// Runs every benchmark in this directory (bench/*.mjs except this file, the `_`-private helpers and the tools
// that score a file they are given), one after the other so they do not slow each other down. Exit 1 if any of
// them failed.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';

const dir = import.meta.dirname;
/** Tools, not benchmarks: each needs a file, and a held-out set is scored deliberately, once per version. */
const TOOLS = new Set(['guard-misses.mjs', 'unseen.mjs']);
const benches = readdirSync(dir)
  .filter((f) => f.endsWith('.mjs') && f !== 'run.mjs' && !f.startsWith('_') && !TOOLS.has(f))
  .sort();
let failed = 0;
for (const file of benches) {
  console.log(`\n== bench/${file}`);
  const r = spawnSync(process.execPath, [path.join(dir, file)], { stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    console.log(`bench/${file} failed (exit ${r.status ?? r.signal})`);
  }
}
process.exitCode = failed > 0 ? 1 : 0;
