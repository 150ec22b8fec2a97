import * as fs from 'node:fs';
import * as path from 'node:path';
import { readStateFile } from '../core/safe-read.js';
import { withFileLock } from '../log/lock.js';
import { sha256 } from '../log/sha256.js';

/**
 * How one kind of session state is read back and combined. State only ever grows (taint goes from false
 * to true, sources are added), so `merge` is a union and no interleaving of writers can lose a taint.
 */
export interface SessionStateCodec<S> {
  /** A parsed file's value, or undefined when it is not a state this version understands. */
  parse(value: unknown): S | undefined;
  merge(a: S, b: S): S;
  equal(a: S, b: S): boolean;
}

export type SessionLoad<S> =
  | { status: 'found'; state: S }
  | { status: 'missing' }
  | { status: 'unreadable'; error: string };

/** A file name that cannot escape the sessions dir; a changed id gets a hash so two ids never collide. */
export function sessionFileName(sessionId: string): string {
  const safe = sessionId.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 100);
  if (safe === sessionId && safe !== '') return `${safe}.json`;
  const digest = sha256(sessionId).slice(0, 12);
  return `${safe || 'session'}-${digest}.json`;
}

export function sessionFile(dir: string, sessionId: string): string {
  return path.join(dir, sessionFileName(sessionId));
}

/**
 * Far above any real state (taint keeps 5 sources, loop history 256 events): a larger file is not ours and is
 * judged unreadable, like a symlink, fifo or device put in its place.
 */
const MAX_STATE_BYTES = 1024 * 1024;

export function loadSessionState<S>(
  dir: string,
  sessionId: string,
  codec: SessionStateCodec<S>,
): SessionLoad<S> {
  const file = sessionFile(dir, sessionId);
  const read = readStateFile(file, MAX_STATE_BYTES);
  if (read.status === 'missing') return read;
  if (read.status === 'refused') return { status: 'unreadable', error: `session state: ${read.error}` };
  const { text } = read;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { status: 'unreadable', error: `session state ${file} is not valid JSON` };
  }
  const state = codec.parse(value);
  return state === undefined
    ? { status: 'unreadable', error: `session state ${file} has an unexpected shape` }
    : { status: 'found', state };
}

export type SaveResult<S> = { ok: true; state: S; written: boolean } | { ok: false; error: string };

/**
 * Merges `observed` into the session's file: under a per-session lock, re-read what is on disk, union it
 * with ours, and replace the file atomically (temp file + rename), so a reader sees the old or the new
 * state, never half of one. Without the lock (timeout) the merge still runs; the rename then is last-writer
 * wins, and since every writer writes a superset of what it read, a `tainted: true` is never replaced by false.
 */
export function saveSessionState<S>(
  dir: string,
  sessionId: string,
  observed: S,
  codec: SessionStateCodec<S>,
): SaveResult<S> {
  const file = sessionFile(dir, sessionId);
  const write = (): { state: S; written: boolean } => {
    const current = loadSessionState(dir, sessionId, codec);
    const merged = current.status === 'found' ? codec.merge(current.state, observed) : observed;
    if (current.status === 'found' && codec.equal(current.state, merged))
      return { state: merged, written: false };
    const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
    try {
      fs.writeFileSync(tmp, `${JSON.stringify(merged)}\n`, { mode: 0o600 });
      fs.renameSync(tmp, file);
    } catch (err) {
      fs.rmSync(tmp, { force: true });
      throw err;
    }
    return { state: merged, written: true };
  };
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const locked = withFileLock(`${file}.lock`, write, { timeoutMs: 500 });
    const result = locked ? locked.value : write();
    return { ok: true, ...result };
  } catch (err) {
    return { ok: false, error: `cannot write session state ${file}: ${(err as Error).message}` };
  }
}
