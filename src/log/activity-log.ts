import * as fs from 'node:fs';
import * as path from 'node:path';
import { redactText } from '../core/redact.js';
import { readStateFile } from '../core/safe-read.js';
import { checkChain, sha256 } from './chain.js';
import { DEFAULT_ROTATION, type LogRotation, rotateLog } from './files.js';
import { withFileLock } from './lock.js';

export { sha256 };

/** One guard decision as the caller describes it. Every string is redacted before it is written. */
export interface ActivityEntry {
  ts: string;
  session: string;
  event: string;
  tool: string;
  verdict: string;
  ruleId: string;
  reason: string;
  summary: string;
}

/**
 * One line of the log. `prev` is the sha256 of the previous line's exact text (null on the first line);
 * `hash` is the sha256 of this line's JSON without the `hash` field. Editing, removing or reordering a
 * line breaks the chain at that point.
 */
export interface ActivityRecord extends ActivityEntry {
  prev: string | null;
  hash: string;
}

/** `record` is what was written; a spooled entry (the lock stayed taken) has no place in the chain yet. */
export type AppendResult =
  | { ok: true; record: ActivityRecord }
  | { ok: true; spooled: true }
  | { ok: false; error: string };

// A single write() smaller than PIPE_BUF is what keeps lines whole even for a writer that ignores the lock.
const MAX_LINE_BYTES = 4000;
const FIELD_LIMITS: Record<keyof ActivityEntry, number> = {
  ts: 40,
  session: 100,
  event: 40,
  tool: 100,
  verdict: 16,
  ruleId: 100,
  reason: 400,
  summary: 240,
};

const FIELD_SEPARATOR = '\u0000';

/**
 * Redacts every field in one detector pass (the hook is a fresh process, where each detector call costs
 * ~0.4 ms of cold regex work). A mask that swallowed a separator falls back to one pass per field.
 */
function redactFields(values: string[]): string[] {
  const joined = values.map((v) => v.replaceAll(FIELD_SEPARATOR, ' ')).join(FIELD_SEPARATOR);
  const parts = redactText(joined).split(FIELD_SEPARATOR);
  return parts.length === values.length ? parts : values.map((v) => redactText(v));
}

function clip(text: string, limit: number): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is being removed
  const flat = text.replace(/[\u0000-\u001f\u007f]+/g, ' ');
  return flat.length > limit ? `${flat.slice(0, limit - 1)}…` : flat;
}

function sanitize(entry: ActivityEntry, shrink: number): ActivityEntry {
  const keys = Object.keys(FIELD_LIMITS) as (keyof ActivityEntry)[];
  const redacted = redactFields(keys.map((key) => String(entry[key] ?? '')));
  const out = {} as ActivityEntry;
  keys.forEach((key, i) => {
    out[key] = clip(redacted[i] ?? '', Math.max(8, Math.floor(FIELD_LIMITS[key] / shrink)));
  });
  return out;
}

/** Serialises a record: fixed key order, `hash` last, so a verifier can recompute it from the parsed line. */
export function formatRecord(
  entry: ActivityEntry,
  prev: string | null,
): { line: string; record: ActivityRecord } {
  const body = {
    ts: entry.ts,
    session: entry.session,
    event: entry.event,
    tool: entry.tool,
    verdict: entry.verdict,
    ruleId: entry.ruleId,
    reason: entry.reason,
    summary: entry.summary,
    prev,
  };
  const hash = sha256(JSON.stringify(body));
  const record = { ...body, hash };
  return { line: JSON.stringify(record), record };
}

/** The last line of the file (without its newline) and whether the file ends with a newline. */
function readLastLine(fd: number): { line: string | undefined; endsWithNewline: boolean } {
  const size = fs.fstatSync(fd).size;
  if (size === 0) return { line: undefined, endsWithNewline: true };
  const chunks: Buffer[] = [];
  let pos = size;
  let endsWithNewline: boolean | undefined;
  while (pos > 0) {
    const len = Math.min(8192, pos);
    pos -= len;
    const buf = Buffer.alloc(len);
    fs.readSync(fd, buf, 0, len, pos);
    chunks.unshift(buf);
    let text = Buffer.concat(chunks);
    if (endsWithNewline === undefined) endsWithNewline = text[text.length - 1] === 10;
    if (endsWithNewline) text = text.subarray(0, text.length - 1);
    const nl = text.lastIndexOf(10);
    if (nl !== -1) return { line: text.subarray(nl + 1).toString('utf8'), endsWithNewline };
    if (pos === 0) return { line: text.toString('utf8'), endsWithNewline };
  }
  return { line: undefined, endsWithNewline: true };
}

/** A prev hash's length: sizing a line with it leaves room for whichever prev the lock finds. */
const PLACEHOLDER_PREV = '0'.repeat(64);

/**
 * Redacts and clips an entry until its line fits one write. Done before the lock is taken: redaction is
 * the slow part (cold regexes in a fresh hook process, seconds when the CPU is busy) and every other
 * writer would wait for it.
 */
export function prepareEntry(entry: ActivityEntry): ActivityEntry {
  let shrink = 1;
  let clean = sanitize(entry, shrink);
  while (Buffer.byteLength(formatRecord(clean, PLACEHOLDER_PREV).line) + 2 > MAX_LINE_BYTES) {
    shrink *= 2;
    clean = sanitize(entry, shrink);
  }
  return clean;
}

export interface AppendOptions extends Partial<LogRotation> {
  now?: Date;
  /** How long to wait for the lock before spooling the entry instead. */
  lockTimeoutMs?: number;
}

/**
 * How long an append waits for the log's lock. Holders keep it for a fraction of a millisecond, but with
 * hundreds of hook processes on two cores a holder can be descheduled for seconds, and the hook must answer
 * before its watchdog: past this wait the entry is spooled (below) rather than waited for or dropped.
 */
const LOCK_WAIT_MS = 1500;

// The log file is opened without following a final symlink and never blocks on a fifo; it must be a
// regular file, or an entry "written" to /dev/null or a pipe would be lost without an error.
const { O_RDWR, O_CREAT, O_APPEND, O_NOFOLLOW = 0, O_NONBLOCK = 0 } = fs.constants;
const LOG_OPEN_FLAGS = O_RDWR | O_CREAT | O_APPEND | O_NOFOLLOW | O_NONBLOCK;

function openLog(file: string): number {
  const fd = fs.openSync(file, LOG_OPEN_FLAGS, 0o600);
  if (!fs.fstatSync(fd).isFile()) {
    fs.closeSync(fd);
    throw new Error('not a regular file');
  }
  return fd;
}

/*
 * The spool: where an entry goes when the lock cannot be had in time. Each entry is its own file, written
 * under a temporary name and renamed into place, so it appears whole or not at all and needs no lock. The
 * next append, under the lock, chains every spooled entry (oldest first) ahead of its own, then removes
 * them. Chosen over lock-free appends because the chain then stays one strict sequence that `log verify`
 * checks as before; an entry waits in the spool at most until the next decision is logged.
 */
export function spoolDir(file: string): string {
  return `${file}.spool`;
}

const SPOOL_ENTRY = /^\d{15}-\d+-[0-9a-f]{8}\.json$/;

function spoolEntry(file: string, entry: ActivityEntry): void {
  const dir = spoolDir(file);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  // Unique, not secret (the `wx` write refuses a clash): Math.random spares the hook loading node:crypto.
  const nonce = Math.floor(Math.random() * 0x1_0000_0000)
    .toString(16)
    .padStart(8, '0');
  const name = `${String(Date.now()).padStart(15, '0')}-${process.pid}-${nonce}.json`;
  const tmp = path.join(dir, `.${name}.tmp`);
  fs.writeFileSync(tmp, JSON.stringify(entry), { mode: 0o600, flag: 'wx' });
  fs.renameSync(tmp, path.join(dir, name));
}

function parseSpooled(text: string): ActivityEntry | undefined {
  try {
    const value = JSON.parse(text) as Record<string, unknown>;
    const keys = Object.keys(FIELD_LIMITS) as (keyof ActivityEntry)[];
    if (!value || keys.some((k) => typeof value[k] !== 'string')) return undefined;
    // Sanitised again: anyone who can write the state dir can write here.
    return prepareEntry(Object.fromEntries(keys.map((k) => [k, value[k]])) as unknown as ActivityEntry);
  } catch {
    return undefined;
  }
}

/** The spooled entries, oldest first, with the files to remove once they are written. */
function readSpool(file: string): { entries: ActivityEntry[]; files: string[] } {
  const dir = spoolDir(file);
  let names: string[];
  try {
    names = fs
      .readdirSync(dir)
      .filter((n) => SPOOL_ENTRY.test(n))
      .sort();
  } catch {
    return { entries: [], files: [] };
  }
  const entries: ActivityEntry[] = [];
  const files: string[] = [];
  for (const name of names) {
    const spooled = path.join(dir, name);
    const read = readStateFile(spooled, MAX_LINE_BYTES * 4);
    const entry = read.status === 'found' ? parseSpooled(read.text) : undefined;
    if (entry) entries.push(entry);
    files.push(spooled);
  }
  return { entries, files };
}

/**
 * Under the log's lock: rotates the file when it is due, then chains the spooled entries and `own` (in that
 * order) after its last line. Returns the last record written, or undefined when the lock was not had in time.
 */
function writeLocked(
  file: string,
  own: ActivityEntry[],
  opts: AppendOptions,
): { value: ActivityRecord | undefined } | undefined {
  const maxBytes = opts.maxBytes ?? DEFAULT_ROTATION.maxBytes;
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  return withFileLock(
    `${file}.lock`,
    () => {
      let fd = openLog(file);
      try {
        const last = readLastLine(fd);
        let separator = last.endsWithNewline ? '' : '\n';
        if (last.line !== undefined && fs.fstatSync(fd).size >= maxBytes) {
          // The chain carries on: the new file's first line links to the old file's last.
          if (separator) fs.writeSync(fd, separator);
          separator = '';
          fs.closeSync(fd);
          fd = -1;
          try {
            rotateLog(file, opts.now ?? new Date(), opts.retentionDays ?? DEFAULT_ROTATION.retentionDays);
          } catch {
            // The entry matters more than the rotation: it goes into the big file, rotation is tried again.
          }
          fd = openLog(file);
        }
        const spool = readSpool(file);
        let prev = last.line === undefined ? null : sha256(last.line);
        let record: ActivityRecord | undefined;
        for (const next of [...spool.entries, ...own]) {
          const formatted = formatRecord(next, prev);
          // A torn last line (crash mid-write) stays in the chain as it is; ours starts on a fresh line.
          fs.writeSync(fd, `${separator}${formatted.line}\n`);
          separator = '';
          prev = sha256(formatted.line);
          record = formatted.record;
        }
        for (const spooled of spool.files) fs.rmSync(spooled, { force: true });
        return record;
      } finally {
        if (fd >= 0) fs.closeSync(fd);
      }
    },
    { timeoutMs: opts.lockTimeoutMs ?? LOCK_WAIT_MS },
  );
}

/**
 * Appends one entry. Parallel hook calls are serialised by a lock file next to the log: reading the last
 * line and appending must not interleave, or two lines would claim the same `prev`. Only that (and, once
 * the file passes `maxBytes`, moving it aside) is done under the lock. Each line goes out in one O_APPEND
 * write under PIPE_BUF, so even a writer that ignored the lock could not tear it. When the lock cannot be had
 * in time the entry is spooled, and chained by the next append; only a failed spool write loses it, and
 * that is an error the caller reports, never a silent drop.
 */
export function appendActivity(file: string, entry: ActivityEntry, opts: AppendOptions = {}): AppendResult {
  try {
    const clean = prepareEntry(entry);
    const locked = writeLocked(file, [clean], opts);
    if (locked?.value) return { ok: true, record: locked.value };
    try {
      spoolEntry(file, clean);
    } catch (err) {
      return {
        ok: false,
        error: `activity log ${file}: entry not written, the lock ${file}.lock stayed taken and the spool failed (${(err as Error).message})`,
      };
    }
    return { ok: true, spooled: true };
  } catch (err) {
    return { ok: false, error: `cannot write activity log ${file}: ${(err as Error).message}` };
  }
}

/**
 * Chains whatever waits in the spool into the log now, for readers that want every entry (`log verify`)
 * without waiting for the next decision. False when the lock could not be had.
 */
export function mergeSpool(file: string, opts: AppendOptions = {}): boolean {
  let waiting: string[];
  try {
    waiting = fs.readdirSync(spoolDir(file)).filter((n) => SPOOL_ENTRY.test(n));
  } catch {
    return true; // no spool: nothing waits
  }
  return waiting.length === 0 || writeLocked(file, [], opts) !== undefined;
}

export type VerifyResult =
  | { ok: true; lines: number }
  | { ok: false; lines: number; line: number; error: string };

/** Checks one file's text on its own: every line's hash and its link to the line before. */
export function verifyActivityLog(text: string): VerifyResult {
  const { lines, problems } = checkChain([{ file: '', text }]);
  const first = problems[0];
  return first ? { ok: false, lines, line: first.line, error: first.message } : { ok: true, lines };
}
