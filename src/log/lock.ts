import * as fs from 'node:fs';

export interface LockOptions {
  /** Give up after this long. Hook calls are short, so waiting longer means something is stuck. */
  timeoutMs?: number;
  /** A lock older than this was left by a crashed process and is broken. */
  staleMs?: number;
}

const sleepCell = new Int32Array(new SharedArrayBuffer(4));

function sleepSync(ms: number): void {
  Atomics.wait(sleepCell, 0, 0, ms);
}

/**
 * Runs `fn` while holding an exclusive lock file (`O_CREAT|O_EXCL`, atomic on local filesystems).
 * Synchronous on purpose: the hook does a few small writes and exits; a sync lock keeps ordering obvious.
 * Returns `undefined` when the lock could not be taken in time.
 */
export function withFileLock<T>(
  lockPath: string,
  fn: () => T,
  opts: LockOptions = {},
): { value: T } | undefined {
  const timeoutMs = opts.timeoutMs ?? 1000;
  const staleMs = opts.staleMs ?? 5000;
  const deadline = Date.now() + timeoutMs;
  let delay = 1;
  for (;;) {
    try {
      fs.closeSync(fs.openSync(lockPath, 'wx', 0o600));
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    try {
      if (Date.now() - fs.statSync(lockPath).mtimeMs > staleMs) {
        fs.rmSync(lockPath, { force: true });
        continue;
      }
    } catch {
      continue; // released between our open and stat
    }
    if (Date.now() >= deadline) return undefined;
    sleepSync(delay);
    delay = Math.min(delay * 2, 20);
  }
  try {
    return { value: fn() };
  } finally {
    fs.rmSync(lockPath, { force: true });
  }
}
