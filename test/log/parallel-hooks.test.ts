// Issue 16: under 250 parallel hook calls, entries were lost to lock timeouts. Every entry now reaches the
// log: through the lock, or through the spool when the lock stays taken (chained by the next writer, or by
// `log verify`).
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildSync } from 'esbuild';
import { afterEach, describe, expect, it } from 'vitest';
import { mergeSpool, spoolDir, verifyActivityLog } from '../../src/log/activity-log.js';
import { cli, decisionOf, hookAsync, type Machine, toolPayload, useMachines } from '../guard/_cli.js';

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  dirs = [];
});

function exitCode(args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

/** Runs `count` tasks with at most `limit` at a time; results in task order. */
async function pooled<T>(count: number, limit: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      out[i] = await task(i);
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return out;
}

/**
 * Calls of the built-hook test. Each is a whole Node process: 250 of them take minutes on a busy two-core
 * machine, so the ordinary run makes fewer and `AGENTWARDEN_LOAD_CALLS=250` makes the count.
 */
const HOOK_CALLS = Number(process.env.AGENTWARDEN_LOAD_CALLS) || 60;

describe('250 entries from parallel writers', () => {
  it('50 processes appending 5 entries each at once, half of them too impatient for the lock: exactly 250 entries, chain intact', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-par-log-'));
    dirs.push(dir);
    const file = path.join(dir, 'state', 'activity.jsonl');
    const bundle = path.join(dir, 'activity-log.mjs');
    buildSync({
      entryPoints: [path.resolve('src/log/activity-log.ts')],
      bundle: true,
      format: 'esm',
      platform: 'node',
      outfile: bundle,
      logLevel: 'warning',
    });
    // What the hook appends, from a fresh process each; odd writers give up on the lock at once, so the
    // spool is certain to be used and merged.
    const script = `
      const { appendActivity } = await import(${JSON.stringify(pathToFileURL(bundle).href)});
      const n = Number(process.argv[2]);
      for (let i = 0; i < 5; i++) {
        const r = appendActivity(process.argv[1], { ts: new Date().toISOString(), session: 's' + n,
          event: 'PreToolUse', tool: 'Bash', verdict: 'allow', ruleId: 'r', reason: 'x', summary: 'call ' + n + '.' + i },
          n % 2 ? { lockTimeoutMs: 0 } : {});
        if (!r.ok) { console.error(r.error); process.exit(1); }
      }`;
    const codes = await Promise.all(
      Array.from({ length: 50 }, (_, n) => exitCode(['--input-type=module', '-e', script, file, String(n)])),
    );
    expect(codes).toEqual(Array(50).fill(0));
    expect(mergeSpool(file)).toBe(true);
    const text = fs.readFileSync(file, 'utf8');
    expect(verifyActivityLog(text)).toEqual({ ok: true, lines: 250 });
    const calls = text
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l).summary as string);
    expect(new Set(calls).size).toBe(250);
    expect(fs.readdirSync(spoolDir(file))).toEqual([]);
  }, 120_000);
});

describe('the built hook under parallel calls', () => {
  const newMachine = useMachines();

  it(`${HOOK_CALLS} hook calls, 25 at a time, each deciding in its own process: as many entries, log verify intact`, async () => {
    const m: Machine = newMachine();
    // In-process decisions: every call takes the log's lock itself (the warm helper would serialise them).
    m.env.AGENTWARDEN_HOOK_SERVER = 'off';
    const runs = await pooled(HOOK_CALLS, 25, (i) =>
      hookAsync(toolPayload(m, 'Read', { file_path: path.join(m.project, `f${i}.txt`) }, `s${i % 7}`), m),
    );
    expect(runs.map((r) => [r.status, decisionOf(r)]).filter(([s, d]) => s !== 0 || d !== 'none')).toEqual(
      [],
    );
    const verify = cli(['log', 'verify'], m);
    expect(verify.status).toBe(0);
    expect(verify.stdout).toContain(`intact: ${HOOK_CALLS} entries`);
  }, 600_000);
});
