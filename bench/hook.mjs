// `guard hook claude`, whole process per call, against `node -e 0` in the same run, and against
// cc-safety-net (`cc-safety-net hook --claude-code`) on the same payloads. Budget (DESIGN.md): ≤ 1.5 × node -e 0.
// AGENTWARDEN_BENCH_BEFORE_CLI adds another build's in-process figure, timed in the same rounds.
// Two modes: answered by the warm helper (the default once a first call has started it) and decided
// in-process (AGENTWARDEN_HOOK_SERVER=off, also what every call falls back to).
// Also counts how many dangerous commands (commands.jsonl label 1, a fixed sample) each one blocks,
// and how many harmless ones (label 0) each one blocks by mistake.
// cc-safety-net is installed into a cache dir of this bench only (never into the project): set
// AGENTWARDEN_BENCH_NO_CCSN=1 to skip it (no network).
// The payload reaches every subject on a Unix socket, as a Node parent's `spawn` gives it (and `node -e 0` gets an
// empty one); AGENTWARDEN_BENCH_STDIN=fifo gives every subject, `node -e 0` included, a pipe (a FIFO, as
// `cat payload | hook` does) instead.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  closeSync,
  constants,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';
import { fmt, percentile, sharedDir, timeProcess } from './_lib.mjs';

const repo = path.resolve(import.meta.dirname, '..');
// AGENTWARDEN_BENCH_CLI: a copy of a build to time instead of dist/ (other jobs may rebuild dist/ mid-run).
const cli = process.env.AGENTWARDEN_BENCH_CLI
  ? path.resolve(process.env.AGENTWARDEN_BENCH_CLI)
  : path.join(repo, 'dist', 'cli.js');
// AGENTWARDEN_BENCH_BEFORE_CLI: another build (say, before a change) timed in-process in the same rounds.
const beforeCli = process.env.AGENTWARDEN_BENCH_BEFORE_CLI
  ? path.resolve(process.env.AGENTWARDEN_BENCH_BEFORE_CLI)
  : undefined;
const payloadDir = path.join(sharedDir(), 'reference', 'claude-code', 'payloads');
const dataDir = process.env.AGENTWARDEN_DATA ?? path.join(sharedDir(), 'data');
const RUNS = Number(process.env.AGENTWARDEN_BENCH_RUNS ?? 10);
const SAMPLE = Number(process.env.AGENTWARDEN_BENCH_SAMPLE ?? 100);
const CCSN_VERSION = '2.4.5';

const home = mkdtempSync(path.join(tmpdir(), 'aw-bench-hook-'));
// Removing the home also stops the warm helper the bench started (it exits when its socket is gone).
process.on('exit', () => rmSync(home, { recursive: true, force: true }));
const project = path.join(home, 'work', 'app');
mkdirSync(project, { recursive: true });
const env = {
  ...process.env,
  HOME: home,
  CLAUDE_PROJECT_DIR: project,
  CC_SAFETY_NET_HOME: path.join(home, '.ccsn'),
};
delete env.XDG_CONFIG_HOME;
delete env.XDG_STATE_HOME;
// Makes every Node process load that CA file at start-up (~40 ms of CPU here), `node -e 0` as much as the hook:
// it would hide the hook's own cost in the ratio. Not set on a usual machine; removed for every subject.
delete env.NODE_EXTRA_CA_CERTS;

const STDIN = process.env.AGENTWARDEN_BENCH_STDIN === 'fifo' ? 'fifo' : 'socket';
const fifo = path.join(home, 'stdin.fifo');
if (STDIN === 'fifo' && spawnSync('mkfifo', [fifo]).status !== 0) throw new Error('mkfifo failed');
// Each Node subject's own CPU time too (user + system, all its threads, read by a preloaded script when it exits):
// a machine shared with other jobs disturbs it far less than wall time.
const cpuPreload = path.join(home, 'cpu-at-exit.cjs');
const cpuOut = path.join(home, 'cpu.txt');
writeFileSync(
  cpuPreload,
  "process.on('exit', () => { const u = process.cpuUsage(); require('node:fs').writeFileSync(process.env.AW_BENCH_CPU_OUT, String((u.user + u.system) / 1000)); });\n",
);
/** What a Linux pipe holds: a larger input written before the subject reads would block the bench for ever. */
const PIPE_CAPACITY = 64 * 1024;
/**
 * timeProcess with the CPU time (undefined when the subject was killed before its exit handler wrote it); on a
 * FIFO, the input (a payload, at most PIPE_CAPACITY bytes) put there before the clock starts.
 */
function timed(cmd, args, opts = {}) {
  const measure = (o) => {
    rmSync(cpuOut, { force: true });
    const env = { ...o.env, AW_BENCH_CPU_OUT: cpuOut };
    const r = timeProcess(cmd, ['-r', cpuPreload, ...args], { ...o, env });
    return { ...r, cpu: existsSync(cpuOut) ? Number(readFileSync(cpuOut, 'utf8')) : undefined };
  };
  if (STDIN !== 'fifo') return measure(opts);
  const { input = '', ...rest } = opts;
  if (Buffer.byteLength(input) > PIPE_CAPACITY)
    throw new Error(
      `a ${Buffer.byteLength(input)}-byte payload does not fit in a pipe (${PIPE_CAPACITY} bytes): run it with AGENTWARDEN_BENCH_STDIN=socket`,
    );
  const reader = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const writer = openSync(fifo, constants.O_WRONLY);
    writeSync(writer, input);
    closeSync(writer);
    return measure({ ...rest, stdio: [reader, 'pipe', 'pipe'] });
  } finally {
    closeSync(reader);
  }
}

function toolPayload(tool, toolInput) {
  return JSON.stringify({
    session_id: 'bench',
    cwd: project,
    hook_event_name: 'PreToolUse',
    tool_name: tool,
    tool_input: toolInput,
    tool_use_id: 'toolu_bench',
  });
}

// The sample payloads, with cwd moved into the bench project, plus Bash commands of each shape.
const payloads = readdirSync(payloadDir)
  .filter((f) => f.startsWith('PreToolUse.'))
  .sort()
  .map((f) => ({
    name: f,
    text: JSON.stringify({ ...JSON.parse(readFileSync(path.join(payloadDir, f), 'utf8')), cwd: project }),
  }));
payloads.push(
  { name: 'Bash simple (git status)', text: toolPayload('Bash', { command: 'git status' }) },
  { name: 'Bash simple (npm test)', text: toolPayload('Bash', { command: 'npm test' }) },
  {
    name: 'Bash compound (wasm parser)',
    text: toolPayload('Bash', { command: 'npm run build && rm -rf dist/tmp | tee log.txt' }),
  },
  { name: 'Bash rm -rf ~', text: toolPayload('Bash', { command: 'rm -rf ~' }) },
);

function ccsnInstall() {
  if (process.env.AGENTWARDEN_BENCH_NO_CCSN) return undefined;
  const dir = path.join(tmpdir(), `agentwarden-bench-ccsn-${CCSN_VERSION}`);
  const bin = path.join(dir, 'node_modules', 'cc-safety-net', 'dist', 'bin', 'cc-safety-net.js');
  if (!existsSync(bin)) {
    mkdirSync(dir, { recursive: true });
    const r = spawnSync(
      'npm',
      ['install', '--prefix', dir, '--no-audit', '--no-fund', `cc-safety-net@${CCSN_VERSION}`],
      {
        encoding: 'utf8',
      },
    );
    if (r.status !== 0 || !existsSync(bin)) {
      console.log(`cc-safety-net: could not install (${(r.stderr || '').trim().split('\n').pop()}); skipped`);
      return undefined;
    }
  }
  return bin;
}

function decisionOf(stdout) {
  const text = stdout.trim();
  if (!text) return 'allow';
  try {
    return JSON.parse(text).hookSpecificOutput?.permissionDecision ?? 'allow';
  } catch {
    return 'invalid';
  }
}

const offEnv = { ...env, AGENTWARDEN_HOOK_SERVER: 'off' };
const ours = (input) =>
  timed(process.execPath, [cli, 'guard', 'hook', 'claude'], { input, env, cwd: project });
const oursInProcess = (input) =>
  timed(process.execPath, [cli, 'guard', 'hook', 'claude'], { input, env: offEnv, cwd: project });
const beforeInProcess = beforeCli
  ? (input) =>
      timed(process.execPath, [beforeCli, 'guard', 'hook', 'claude'], {
        input,
        env: offEnv,
        cwd: project,
      })
  : undefined;

// A first call starts the warm helper; wait until it answers before timing.
function warmUp() {
  const probe = { ...env, AGENTWARDEN_DEBUG: '1' };
  for (let i = 0; i < 50; i++) {
    const r = spawnSync(process.execPath, [cli, 'guard', 'hook', 'claude'], {
      input: payloads[0].text,
      env: probe,
      encoding: 'utf8',
    });
    if (r.stderr.includes('answered by the hook server')) return true;
    spawnSync(process.execPath, ['-e', 'setTimeout(() => {}, 100)']);
  }
  return false;
}
if (!warmUp()) console.log('  (the warm helper did not start: "warm" figures below are in-process)');
const ccsnBin = ccsnInstall();
const theirs = ccsnBin
  ? (input) =>
      timed(process.execPath, [ccsnBin, 'hook', '--claude-code'], {
        input,
        env,
        cwd: project,
        allowFailure: true,
      })
  : undefined;
const baseline = () => timed(process.execPath, ['-e', '0'], { env });

// Interleave every subject per round so machine-load drift hits all of them alike.
const times = { base: [], ours: [], inProcess: [], before: [], theirs: [] };
const cpu = { base: [], ours: [], inProcess: [], before: [], theirs: [] };
const perPayload = new Map(payloads.map((p) => [p.name, { ours: [], inProcess: [], before: [] }]));
const record = (subject, run, payload) => {
  times[subject].push(run.ms);
  if (run.cpu !== undefined) cpu[subject].push(run.cpu);
  perPayload.get(payload)?.[subject]?.push(run.ms);
};
for (let round = 0; round < RUNS; round++) {
  for (const p of payloads) {
    record('base', baseline());
    record('ours', ours(p.text), p.name);
    record('inProcess', oursInProcess(p.text), p.name);
    if (beforeInProcess) record('before', beforeInProcess(p.text), p.name);
    if (theirs) record('theirs', theirs(p.text));
  }
}
const med = (xs) => percentile(xs, 50);
const base = med(times.base);
const baseCpu = med(cpu.base);
const line = (label, subject) => {
  const xs = times[subject];
  const ratio = med(xs) / base;
  const cpus = cpu[subject];
  const cpuText =
    cpus.length === 0
      ? 'CPU unknown (no run wrote it)'
      : `CPU ${fmt(med(cpus))}, ${(med(cpus) / baseCpu).toFixed(2)}x${cpus.length < xs.length ? ` (${xs.length - cpus.length} killed runs without)` : ''}`;
  return `  ${label} median ${fmt(med(xs))} (p90 ${fmt(percentile(xs, 90))}) | ratio ${ratio.toFixed(2)}x | budget 1.5x: ${ratio <= 1.5 ? 'OK' : 'OVER'} | ${cpuText}`;
};
console.log(
  `guard hook claude: ${RUNS} rounds × ${payloads.length} payloads, stdin a ${STDIN} | node -e 0 median ${fmt(base)}, CPU ${fmt(baseCpu)} | load average ${loadavg()[0].toFixed(1)}`,
);
console.log(line('agentwarden, warm helper', 'ours'));
console.log(line('agentwarden, in-process ', 'inProcess'));
if (beforeCli) console.log(line('before, in-process      ', 'before'));
if (theirs) console.log(line(`cc-safety-net ${CCSN_VERSION}   `, 'theirs'));
console.log(`    warm      in-process  ${beforeCli ? 'before     ' : ''}payload (wall)`);
for (const [name, t] of perPayload)
  console.log(
    `    ${fmt(med(t.ours)).padStart(8)}  ${fmt(med(t.inProcess)).padStart(9)}   ${beforeCli ? `${fmt(med(t.before)).padStart(9)}  ` : ''}${name}`,
  );

// Detection on a fixed sample of the command corpus: the SAMPLE rows with the smallest sha256(id).
function sample(label) {
  return readFileSync(path.join(dataDir, 'commands.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l))
    .filter((r) => r.label === label)
    .map((r) => ({ ...r, key: createHash('sha256').update(r.id).digest('hex') }))
    .sort((a, b) => (a.key < b.key ? -1 : 1))
    .slice(0, SAMPLE);
}

function oursVerdicts(rows) {
  const input = rows.map((r) => JSON.stringify({ command: r.text, cwd: project })).join('\n');
  // The subject may be hook.cjs, which runs only `guard hook`: `guard test` is its build's cli.js.
  const r = spawnSync(
    process.execPath,
    [
      path.join(path.dirname(cli), 'cli.js'),
      'guard',
      'test',
      '--jsonl',
      '-',
      '--home',
      home,
      '--project',
      project,
    ],
    {
      input,
      env,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const out = r.stdout.trim().split('\n');
  if (out.length !== rows.length)
    throw new Error(`guard test gave ${out.length} lines for ${rows.length}: ${r.stderr}`);
  return out.map((l) => JSON.parse(l).verdict);
}

function theirVerdicts(rows) {
  return rows.map((r) => {
    const run = spawnSync(process.execPath, [ccsnBin, 'hook', '--claude-code'], {
      input: toolPayload('Bash', { command: r.text }),
      env,
      cwd: project,
      encoding: 'utf8',
    });
    return run.status === 2 ? 'deny' : decisionOf(run.stdout);
  });
}

function count(verdicts) {
  const c = { deny: 0, ask: 0, allow: 0 };
  for (const v of verdicts) c[v] = (c[v] ?? 0) + 1;
  return c;
}

for (const [label, what] of [
  [1, 'dangerous (label 1): blocked = deny, or ask'],
  [0, 'harmless (label 0): blocked by mistake'],
]) {
  const rows = sample(label);
  const a = count(oursVerdicts(rows));
  console.log(`commands.jsonl ${what}, fixed sample of ${rows.length}:`);
  console.log(`  agentwarden: deny ${a.deny}, ask ${a.ask}, allow ${a.allow}`);
  if (ccsnBin) {
    const b = count(theirVerdicts(rows));
    console.log(`  cc-safety-net: deny ${b.deny}, ask ${b.ask}, allow ${b.allow}`);
  }
}
