// policy.decide() in process, per call, against a baseline measured in the same run: JSON.parse of the same
// hook payload (work every hook call does anyway). Budget (DESIGN.md): p99 <= 0.5 ms.
// The policy and shell analyser are bundled with esbuild into a cache dir inside node_modules, so the bench
// needs no build step of the project and measures the same code the CLI bundles.
import { mkdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { percentile, sharedDir } from './_lib.mjs';

const repo = path.resolve(import.meta.dirname, '..');
const outdir = path.join(repo, 'node_modules', '.cache', 'agentwarden-bench-decide');
mkdirSync(outdir, { recursive: true });
await build({
  stdin: {
    contents: [
      `export * from ${JSON.stringify(path.join(repo, 'src/policy/index.ts'))};`,
      `export { loadShellAnalyzer } from ${JSON.stringify(path.join(repo, 'src/scanners/shell/index.ts'))};`,
      `export { agentHookFiles } from ${JSON.stringify(path.join(repo, 'src/adapters/registry.ts'))};`,
    ].join('\n'),
    resolveDir: repo,
    loader: 'ts',
    sourcefile: 'bench-decide-entry.ts',
  },
  outfile: path.join(outdir, 'policy.mjs'),
  bundle: true,
  format: 'esm',
  platform: 'node',
  mainFields: ['module', 'main'],
  target: 'node20.12',
  external: ['web-tree-sitter', 'tree-sitter-bash'],
  define: { __AGENTWARDEN_VERSION__: '"bench"' },
  banner: {
    js: "import { createRequire as __awCreateRequire } from 'node:module';\nconst require = __awCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
const { agentHookFiles, decide, defaultPolicy, initialSessionState, loadShellAnalyzer } = await import(
  pathToFileURL(path.join(outdir, 'policy.mjs')).href
);

const HOME = '/home/dev';
const PROJECT = '/home/dev/work/app';
const dataDir = process.env.AGENTWARDEN_DATA ?? path.join(sharedDir(), 'data');
const ROUNDS = Number(process.env.AGENTWARDEN_BENCH_ROUNDS ?? 5);

const shell = await loadShellAnalyzer();
const env = {
  policy: defaultPolicy({ home: HOME, env: {}, platform: 'linux', hookFiles: agentHookFiles(HOME, {}) }),
  shell,
  session: initialSessionState(),
  home: HOME,
  project: PROJECT,
  sandboxed: false,
};
const action = (tool, kind, extra) => ({ tool, kind, paths: [], urls: [], cwd: PROJECT, raw: {}, ...extra });

// Every command of the corpus, plus the other tools' typical calls.
const commands = readFileSync(path.join(dataDir, 'commands.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l).text);
const actions = [
  ...commands.map((command) => action('Bash', 'exec', { command })),
  action('Read', 'read', { paths: [`${PROJECT}/src/index.ts`] }),
  action('Read', 'read', { paths: [`${HOME}/.ssh/id_rsa`] }),
  action('Edit', 'write', { paths: [`${PROJECT}/src/index.ts`] }),
  action('Write', 'write', { paths: [`${HOME}/.claude/settings.json`] }),
  action('WebFetch', 'network', { urls: ['https://developer.mozilla.org/en-US/docs/Web'] }),
  action('WebFetch', 'network', { urls: ['https://blog.somewhere.dev/post?id=3'] }),
  action('mcp__github__create_issue', 'mcp', { mcp: { server: 'github', tool: 'create_issue' } }),
  action('Grep', 'search', { paths: [PROJECT] }),
];
const payloads = actions.map((a) =>
  JSON.stringify({
    session_id: 'bench',
    cwd: PROJECT,
    hook_event_name: 'PreToolUse',
    tool_name: a.tool,
    tool_input: a,
  }),
);

// The policy's own cost: the same decisions with each command's shell analysis computed beforehand.
const ctx = { cwd: PROJECT, home: HOME, project: PROJECT };
const analyses = new Map(commands.map((c) => [c, shell.analyze(c, ctx)]));
const policyOnlyEnv = { ...env, shell: { analyze: (command) => analyses.get(command) } };

function timeEach(fn) {
  const times = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (let i = 0; i < actions.length; i++) {
      const t0 = process.hrtime.bigint();
      fn(i);
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  }
  return times;
}

// Warm-up, so every side is measured with optimised code.
timeEach((i) => decide(actions[i], env));
timeEach((i) => decide(actions[i], policyOnlyEnv));
timeEach((i) => JSON.parse(payloads[i]));

const baseline = timeEach((i) => JSON.parse(payloads[i]));
const policyOnly = timeEach((i) => decide(actions[i], policyOnlyEnv));
const pipeline = timeEach((i) => decide(actions[i], env));
const bash = (xs) => xs.filter((_, i) => actions[i % actions.length].tool === 'Bash');
const other = (xs) => xs.filter((_, i) => actions[i % actions.length].tool !== 'Bash');

const us = (ms) => `${(ms * 1000).toFixed(1)} us`;
const p = (xs, q) => percentile(xs, q);
const line = (name, xs) =>
  console.log(`  ${name.padEnd(34)} p50 ${us(p(xs, 50)).padStart(10)}  p99 ${us(p(xs, 99)).padStart(10)}`);
console.log(
  `decide(): ${actions.length} actions (${commands.length} Bash from commands.jsonl) x ${ROUNDS} rounds | load average ${loadavg()[0].toFixed(1)}`,
);
line('policy only (analysis precomputed)', policyOnly);
line('  Bash', bash(policyOnly));
line('  other tools', other(policyOnly));
line('with shell analysis', pipeline);
line('  Bash', bash(pipeline));
line('baseline JSON.parse(payload)', baseline);
// What each call needs without preemption (shared machines): every action's fastest round.
const fastest = (xs) => actions.map((_, i) => Math.min(...xs.filter((_, j) => j % actions.length === i)));
const fastestPipeline = fastest(pipeline);
console.log(
  `  with shell analysis, each action's fastest of ${ROUNDS} rounds: p50 ${us(p(fastestPipeline, 50))}, p99 ${us(p(fastestPipeline, 99))}, max ${us(Math.max(...fastestPipeline))}`,
);
console.log(`  ratio p99 policy only / JSON.parse:   ${(p(policyOnly, 99) / p(baseline, 99)).toFixed(1)}x`);
console.log(`  ratio p99 with analysis / JSON.parse: ${(p(pipeline, 99) / p(baseline, 99)).toFixed(1)}x`);
const budget = 0.5;
const verdict = (xs) => (p(xs, 99) <= budget ? 'met' : 'NOT met');
console.log(
  `  budget p99 <= ${budget} ms: policy only ${verdict(policyOnly)}, with shell analysis ${verdict(pipeline)}`,
);
process.exitCode = p(policyOnly, 99) <= budget ? 0 : 1;
