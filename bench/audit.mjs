// Audit of the bundled demo home + project, whole process, against `node -e 0` in the same run.
// Budget (DESIGN.md): a typical home + project audits in ≤ 1 s.
import * as path from 'node:path';
import { compareProcesses, fmt, timeProcess } from './_lib.mjs';

const repo = path.resolve(import.meta.dirname, '..');
const cli = path.join(repo, 'dist', 'cli.js');
const args = [
  cli,
  'audit',
  '--home',
  'examples/demo-home',
  '--project',
  'examples/demo-home/work/app',
  '--format',
  'json',
];

const r = compareProcesses({
  runs: 15,
  subject: () => timeProcess(process.execPath, args, { cwd: repo }),
  baseline: () => timeProcess(process.execPath, ['-e', '0']),
});
console.log(
  `audit demo home: median ${fmt(r.subject)} | node -e 0: ${fmt(r.baseline)} | ratio ${r.ratio.toFixed(2)}x | budget 1000 ms: ${r.subject <= 1000 ? 'OK' : 'OVER'}`,
);
