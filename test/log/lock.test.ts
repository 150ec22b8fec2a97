import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appendActivity, mergeSpool, spoolDir, verifyActivityLog } from '../../src/log/activity-log.js';
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
  const entry = (summary: string) => ({
    ts: 't',
    session: 's',
    event: 'PreToolUse',
    tool: 'Bash',
    verdict: 'allow',
    ruleId: 'r',
    reason: 'x',
    summary,
  });

  it('spools the entry after its bounded wait, and the next append chains it ahead of its own', () => {
    const file = path.join(tempDir(), 'activity.jsonl');
    appendActivity(file, entry('first'));
    // Held by a live pid (ours), so it is neither stale nor abandoned: the writer waits its full budget.
    fs.writeFileSync(`${file}.lock`, String(process.pid));
    const started = Date.now();
    expect(appendActivity(file, entry('while locked'), { lockTimeoutMs: 200 })).toEqual({
      ok: true,
      spooled: true,
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    expect(fs.readdirSync(spoolDir(file))).toHaveLength(1);
    fs.rmSync(`${file}.lock`);
    expect(appendActivity(file, entry('after')).ok).toBe(true);
    const text = fs.readFileSync(file, 'utf8');
    expect(
      text
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l).summary),
    ).toEqual(['first', 'while locked', 'after']);
    expect(verifyActivityLog(text)).toEqual({ ok: true, lines: 3 });
    expect(fs.readdirSync(spoolDir(file))).toEqual([]);
  });

  it('mergeSpool chains waiting entries without a new one, and creates no log when nothing waits', () => {
    const file = path.join(tempDir(), 'activity.jsonl');
    expect(mergeSpool(file)).toBe(true);
    expect(fs.existsSync(file)).toBe(false);
    fs.writeFileSync(`${file}.lock`, String(process.pid));
    appendActivity(file, entry('a'), { lockTimeoutMs: 50 });
    appendActivity(file, entry('b'), { lockTimeoutMs: 50 });
    expect(mergeSpool(file, { lockTimeoutMs: 50 })).toBe(false);
    fs.rmSync(`${file}.lock`);
    expect(mergeSpool(file)).toBe(true);
    const text = fs.readFileSync(file, 'utf8');
    expect(
      text
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l).summary),
    ).toEqual(['a', 'b']);
    expect(verifyActivityLog(text).ok).toBe(true);
  });

  it('re-sanitises a planted spool entry and skips one that is not an entry', () => {
    const file = path.join(tempDir(), 'activity.jsonl');
    fs.mkdirSync(spoolDir(file));
    fs.writeFileSync(
      path.join(spoolDir(file), '000000000000001-1-0000000a.json'),
      JSON.stringify({ ...entry(`line\nbreak ${'y'.repeat(5000)}`), extra: 1 }),
    );
    fs.writeFileSync(path.join(spoolDir(file), '000000000000002-1-0000000b.json'), '[1,2]');
    expect(appendActivity(file, entry('own')).ok).toBe(true);
    const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]?.length).toBeLessThan(4000);
    expect(JSON.parse(lines[0] ?? '').summary).not.toContain('\n');
    expect(fs.readdirSync(spoolDir(file))).toEqual([]);
  });

  it('breaks a lock that is a symlink to /dev/zero instead of reading it', () => {
    const file = path.join(tempDir(), 'activity.jsonl');
    fs.symlinkSync('/dev/zero', `${file}.lock`);
    backdate(`${file}.lock`, 1000);
    expect(appendActivity(file, entry('x'), { lockTimeoutMs: 2000 })).toMatchObject({ ok: true, record: {} });
  });
});

describe('the activity log file itself', () => {
  it('is refused, not written through, when it is a symlink or a fifo', () => {
    const dir = tempDir();
    const linked = path.join(dir, 'linked.jsonl');
    fs.symlinkSync('/dev/null', linked);
    expect(
      appendActivity(linked, {
        ts: 't',
        session: '',
        event: 'e',
        tool: '',
        verdict: 'v',
        ruleId: 'r',
        reason: '',
        summary: '',
      }).ok,
    ).toBe(false);
    const fifo = path.join(dir, 'fifo.jsonl');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const r = appendActivity(fifo, {
      ts: 't',
      session: '',
      event: 'e',
      tool: '',
      verdict: 'v',
      ruleId: 'r',
      reason: '',
      summary: '',
    });
    expect(r).toMatchObject({ ok: false });
    if (!r.ok) expect(r.error).toContain('not a regular file');
  });
});
