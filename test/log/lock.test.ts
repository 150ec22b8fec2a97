import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appendActivity } from '../../src/log/activity-log.js';
import { withFileLock } from '../../src/log/lock.js';

let dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-lock-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  dirs = [];
});

/** The pid of a process that has exited, so certainly not a lock owner any more. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(r.stdout.toString());
}

function backdate(file: string, ms: number): void {
  const t = new Date(Date.now() - ms);
  fs.utimesSync(file, t, t);
}

describe('withFileLock', () => {
  it('runs the function, writes its pid into the lock, and releases it', () => {
    const lock = path.join(tempDir(), 'x.lock');
    const got = withFileLock(lock, () => fs.readFileSync(lock, 'utf8'));
    expect(got).toEqual({ value: String(process.pid) });
    expect(fs.existsSync(lock)).toBe(false);
  });

  it('gives up after the timeout while a live process holds the lock', () => {
    const lock = path.join(tempDir(), 'x.lock');
    fs.writeFileSync(lock, String(process.pid));
    const started = Date.now();
    expect(withFileLock(lock, () => 1, { timeoutMs: 200 })).toBeUndefined();
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    expect(fs.existsSync(lock)).toBe(true);
  });

  it('breaks at once a lock whose owner has exited', () => {
    const lock = path.join(tempDir(), 'x.lock');
    fs.writeFileSync(lock, String(deadPid()));
    backdate(lock, 1000);
    expect(withFileLock(lock, () => 'mine', { timeoutMs: 0 })).toEqual({ value: 'mine' });
  });

  it('breaks a lock older than staleMs even when its pid runs (reused pid)', () => {
    const lock = path.join(tempDir(), 'x.lock');
    fs.writeFileSync(lock, String(process.pid));
    backdate(lock, 60_000);
    expect(withFileLock(lock, () => 'mine', { timeoutMs: 0, staleMs: 10_000 })).toEqual({ value: 'mine' });
  });
});

describe('appendActivity under a held lock', () => {
  it('fails loudly, naming the lock, rather than dropping the entry silently', () => {
    const file = path.join(tempDir(), 'activity.jsonl');
    fs.writeFileSync(`${file}.lock`, String(process.pid));
    const entry = {
      ts: 't',
      session: 's',
      event: 'PreToolUse',
      tool: 'Bash',
      verdict: 'allow',
      ruleId: 'r',
      reason: 'x',
      summary: 'ls',
    };
    // Held by a live pid (ours), so it is neither stale nor abandoned: the writer waits its full budget.
    const started = Date.now();
    const r = appendActivity(file, entry);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(`${file}.lock`);
    expect(Date.now() - started).toBeGreaterThanOrEqual(4000);
  }, 20_000);
});
