// Throughput of detectInjection now against the detector of an earlier commit, in the same process, by CPU time
// (process.cpuUsage, best of N): on the shared 2-core machine wall-clock MB/s swings 5x with other jobs, CPU
// time much less, and the ratio new/old is what to compare with the quiet-machine figure in docs/benchmarks.md.
// Usage: node bench/dev/injection/throughput-vs-commit.mjs [COMMIT] [ROUNDS]   (default c32a38b, 3)
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTs, readCorpus, repeatTo, sourceText } from '../../_detector-bench.mjs';

const [commit = 'c32a38b', roundsArg = '3'] = process.argv.slice(2);
const rounds = Number(roundsArg);
const repo = new URL('../../..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'aw-inj-old-'));
const sub = 'src/scanners/injection';
mkdirSync(join(dir, sub), { recursive: true });
const files = execFileSync('git', ['ls-tree', '--name-only', commit, `${sub}/`], {
  cwd: repo,
  encoding: 'utf8',
})
  .trim()
  .split('\n');
for (const f of files)
  writeFileSync(
    join(dir, f),
    execFileSync('git', ['show', `${commit}:${f}`], { cwd: repo, maxBuffer: 1 << 26 }),
  );
const oldD = await loadTs(join(dir, sub, 'detect.ts'));
const newD = await loadTs(join(repo, sub, 'detect.ts'));
rmSync(dir, { recursive: true, force: true });

const cpu = (f) => {
  const s = process.cpuUsage();
  f();
  const d = process.cpuUsage(s);
  return (d.user + d.system) / 1e6;
};
const scan = (D, text) => () => {
  for (let i = 0; i < text.length; i += 20000) D.detectInjection(text.slice(i, i + 20000));
};
const texts = [
  ['typical (source and docs from node_modules)', sourceText(2_000_000)],
  [
    'corpus (injection.jsonl)',
    repeatTo(
      readCorpus('injection.jsonl')
        .map((r) => r.text)
        .join('\n'),
      1_000_000,
    ),
  ],
];
for (const [name, text] of texts) {
  const mb = text.length / 1e6;
  let base = 1e9;
  let old = 1e9;
  let now = 1e9;
  for (let r = 0; r < rounds; r++) {
    base = Math.min(
      base,
      cpu(() => text.indexOf('\u0000never-there')),
    );
    old = Math.min(old, cpu(scan(oldD, text)));
    now = Math.min(now, cpu(scan(newD, text)));
  }
  console.log(
    `${name}: indexOf ${(mb / Math.max(base, 1e-6)).toFixed(0)} MB/s; ${commit} ${(mb / old).toFixed(2)} MB/s; ` +
      `now ${(mb / now).toFixed(2)} MB/s; now/${commit} ${(old / now).toFixed(2)}`,
  );
}
