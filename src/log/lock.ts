import * as fs from 'node:fs';
import { readStateFile } from '../core/safe-read.js';

export interface LockOptions {
  /**
   * Give up after this long. Holders keep the lock for well under a millisecond of work, but on a loaded
   * machine a holder can be preempted for a long while; the default stays well inside the hook's 15 s.
   */
  timeoutMs?: number;
  /** A lock older than this is broken even when its owner seems alive (a pid reused after a crash). */
  staleMs?: number;
}

const sleepCell = new Int32Array(new SharedArrayBuffer(4));

function sleepSync(ms: number): void {
  Atomics.wait(sleepCell, 0, 0, ms);
}

/**
 * False only when the lock file certainly names no running process on this machine: its pid has exited, or
 * it is not a lock file this code writes (a symlink, fifo or device put in its place, which must not be read).
 */
function ownerMayBeAlive(lockPath: string): boolean {
  const read = readStateFile(lockPath, 32);
  if (read.status === 'missing') return true; // released: retry rather than break
  if (read.status === 'refused') return false;
  const pid = Number.parseInt(read.text, 10);
  if (!Number.isInteger(pid) || pid <= 0) return true; // being written
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function tryCreate(lockPath: string): boolean {
  let fd: number;
  try {
    fd = fs.openSync(lockPath, 'wx', 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    fs.writeSync(fd, String(process.pid));
  } finally {
    fs.closeSync(fd);
  }
  return true;
}

/**
 * Runs `fn` while holding an exclusive lock file (`O_CREAT|O_EXCL`, atomic on local filesystems) that names
 * its owner's pid, so a lock left by a crashed process is broken at once rather than after `staleMs`.
 * Synchronous on purpose: the hook does a few small writes and exits; a sync lock keeps ordering obvious.
 * Callers do their expensive work before calling this: the lock must be held only for the critical part.
 * Returns `undefined` when the lock could not be taken in time.
 */
export function withFileLock<T>(
  lockPath: string,
  fn: () => T,
  opts: LockOptions = {},
): { value: T } | undefined {
  const timeoutMs = opts.timeoutMs ?? 5000;
  const staleMs = opts.staleMs ?? 10_000;
  const deadline = Date.now() + timeoutMs;
  let delay = 1;
  while (!tryCreate(lockPath)) {
    try {
      // lstat: the lock's own age, not that of whatever a link put in its place points to.
      const age = Date.now() - fs.lstatSync(lockPath).mtimeMs;
      // A lock younger than a few ms may not have its pid written yet.
      if (age > staleMs || (age > 50 && !ownerMayBeAlive(lockPath))) {
        fs.rmSync(lockPath, { force: true });
        continue;
      }
    } catch {
      continue; // released between our open and stat
    }
    if (Date.now() >= deadline) return undefined;
    // Jitter keeps twenty waiters from waking in step and colliding again.
    sleepSync(delay * (0.5 + Math.random()));
    delay = Math.min(delay * 2, 25);
  }
  try {
    return { value: fn() };
  } finally {
    fs.rmSync(lockPath, { force: true });
  }
}
