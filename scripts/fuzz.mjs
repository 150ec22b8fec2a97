// `npm run fuzz [-- --seed S --minutes M]`: the fuzz and property suites at the issue's sizes (issue 16) —
// 300 mutated homes, 1,000 mutated hook payloads, 250 parallel hook calls — with a fixed seed, or for M minutes
// per property. Budgets live in test/fuzz/_budget.ts; a failure prints the seed and path that replay it.
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const value = (name) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const env = { ...process.env, FUZZ_FULL: '1', AGENTWARDEN_LOAD_CALLS: '250' };
const seed = value('seed');
const minutes = value('minutes');
if (seed !== undefined) env.FUZZ_SEED = seed;
if (minutes !== undefined) env.FUZZ_MINUTES = minutes;
const suites = ['test/fuzz', 'test/log/parallel-hooks.test.ts', 'test/core/linear-match.test.ts'];
console.log(
  `fuzz: seed ${env.FUZZ_SEED ?? 'default'}, ${minutes ? `${minutes} min per property` : "the issue's sizes"}`,
);
const r = spawnSync('npx', ['vitest', 'run', ...suites], { stdio: 'inherit', env });
process.exitCode = r.status ?? 1;
