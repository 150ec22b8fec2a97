// Shell analysis speed: `analyze()` per command (p50/p99 over the labelled corpus, in process), the one-off
// load of web-tree-sitter + the bash grammar, and a whole process that loads the analyser, analyses one command
// and exits, against `node -e 0` in the same run. Goal: analyze() well under 0.5 ms on typical commands.
// The analyser is bundled from src/ with esbuild into node_modules/.cache (so the wasm packages resolve as
// they do from dist/). Corpus rows are only analysed, never run.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { build } from 'esbuild';
import { fmt, percentile, sharedDir, timeProcess } from './_lib.mjs';

const repo = path.resolve(import.meta.dirname, '..');
const outDir = path.join(repo, 'node_modules', '.cache', 'agentwarden-bench');
const dataDir = process.env.AGENTWARDEN_DATA ?? path.join(sharedDir(), 'data');
const RUNS = Number(process.env.AGENTWARDEN_BENCH_RUNS ?? 15);
mkdirSync(outDir, { recursive: true });
const bundle = path.join(outDir, 'shell.mjs');
await build({
  entryPoints: [path.join(repo, 'src/scanners/shell/index.ts')],
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.12',
  outfile: bundle,
  external: ['web-tree-sitter', 'tree-sitter-bash'],
  logLevel: 'warning',
});

const ctx = { cwd: '/home/dev/work/app', home: '/home/dev', project: '/home/dev/work/app' };
const commands = readFileSync(path.join(dataDir, 'commands.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l).text);

// Whole process first, before this process has loaded anything.
const runner = path.join(outDir, 'shell-once.mjs');
writeFileSync(
  runner,
  `import { loadShellAnalyzer } from './shell.mjs';\nconst a = await loadShellAnalyzer();\na.analyze(process.argv[2], ${JSON.stringify(ctx)});\n`,
);
const sample = 'git commit -m "fix: parser" && npm test -- --run | tee out.log';
const base = [];
const whole = [];
for (let i = 0; i < RUNS; i++) {
  base.push(timeProcess(process.execPath, ['-e', '0']).ms);
  whole.push(timeProcess(process.execPath, [runner, sample]).ms);
}

const mod = await import(bundle);
const t0 = performance.now();
const analyzer = await mod.loadShellAnalyzer();
const loadMs = performance.now() - t0;

/** Per command, the median of three runs (one sample per command would mostly measure GC pauses). */
function timeAll(list, analyze) {
  for (const c of list.slice(0, 200)) analyze(c); // warm-up
  const times = [];
  for (const c of list) {
    const runs = [];
    for (let round = 0; round < 3; round++) {
      const s = performance.now();
      analyze(c);
      runs.push(performance.now() - s);
    }
    times.push(percentile(runs, 50));
  }
  return times;
}

const full = timeAll(commands, (c) => analyzer.analyze(c, ctx));
const simpleList = commands.filter((c) => mod.isTriviallySimple(c));
const simple = timeAll(simpleList, (c) => mod.simpleShellAnalyzer.analyze(c, ctx));
const ms = (v) => `${v.toFixed(3)} ms`;

console.log(`commands: ${commands.length} (${simpleList.length} trivially simple)`);
console.log(`load web-tree-sitter + grammar (in process): ${fmt(loadMs)}`);
console.log(
  `analyze(), full analyser, all corpus rows: p50 ${ms(percentile(full, 50))}  p99 ${ms(percentile(full, 99))}  max ${ms(Math.max(...full))}`,
);
console.log(
  `analyze(), wasm-free analyser, trivially simple rows: p50 ${ms(percentile(simple, 50))}  p99 ${ms(percentile(simple, 99))}`,
);
const ratio = percentile(whole, 50) / percentile(base, 50);
console.log(
  `process (load + analyze one command + exit): ${fmt(percentile(whole, 50))} vs node -e 0 ${fmt(percentile(base, 50))} = ${ratio.toFixed(2)}x`,
);
const p99 = percentile(full, 99);
if (p99 > 0.5) {
  console.log(`analyze() p99 ${ms(p99)} is over the 0.5 ms goal`);
  process.exitCode = 1;
}
