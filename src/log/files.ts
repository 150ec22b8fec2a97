import * as fs from 'node:fs';
import * as path from 'node:path';

/** Rotation and retention; the user policy's `log` key sets them. */
export interface LogRotation {
  /** The live file is rotated once it is this large. */
  maxBytes: number;
  /** Rotated files older than this are deleted (0: never). */
  retentionDays: number;
}

export const DEFAULT_ROTATION: Readonly<LogRotation> = { maxBytes: 10 * 1024 * 1024, retentionDays: 90 };

const DAY_MS = 86_400_000;

function parts(file: string): { dir: string; stem: string; ext: string } {
  const ext = path.extname(file);
  return { dir: path.dirname(file), stem: path.basename(file, ext), ext };
}

/** `activity-20261126T120000123Z.jsonl`: names sort in time order. */
function stampOf(date: Date): string {
  return date.toISOString().replace(/[-:.]/g, '');
}

function rotatedPattern(file: string): RegExp {
  const { stem, ext } = parts(file);
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${esc(stem)}-(\\d{8}T\\d{9}Z)(?:-(\\d+))?${esc(ext)}$`);
}

/** When a rotated file was rotated, from its name. */
function rotatedAt(name: string, pattern: RegExp): number {
  const m = pattern.exec(name)?.[1] ?? '';
  const iso = `${m.slice(0, 4)}-${m.slice(4, 6)}-${m.slice(6, 8)}T${m.slice(9, 11)}:${m.slice(11, 13)}:${m.slice(13, 15)}.${m.slice(15, 18)}Z`;
  return Date.parse(iso);
}

/** Rotated files, oldest first (absolute paths). */
export function rotatedFiles(file: string): string[] {
  const { dir } = parts(file);
  const pattern = rotatedPattern(file);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  // Same-millisecond rotations get `-1`, `-2`…: order by stamp, then that number.
  const key = (n: string) => {
    const m = pattern.exec(n);
    return `${m?.[1]}-${(m?.[2] ?? '').padStart(6, '0')}`;
  };
  return names
    .filter((n) => pattern.test(n))
    .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))
    .map((n) => path.join(dir, n));
}

/** Every file of the log in chain order: rotated files oldest first, then the live file if it exists. */
export function logFiles(file: string): string[] {
  return [...rotatedFiles(file), ...(fs.existsSync(file) ? [file] : [])];
}

/**
 * Where retention records the hash the oldest remaining file must start from, so `log verify` can tell
 * pruned history from a removed head.
 */
export function prunedAnchorFile(file: string): string {
  const { dir, stem } = parts(file);
  return path.join(dir, `${stem}.pruned.json`);
}

/** The hash the oldest kept file must start from, when that file is still the oldest one (else null). */
export function readPrunedAnchor(file: string, oldest: string | undefined): string | null {
  try {
    const value = JSON.parse(fs.readFileSync(prunedAnchorFile(file), 'utf8')) as Record<string, unknown>;
    const applies = oldest !== undefined && value.file === path.basename(oldest);
    return applies && typeof value.prev === 'string' ? value.prev : null;
  } catch {
    return null;
  }
}

function linkOf(line: string | undefined): unknown {
  try {
    return line === undefined ? undefined : (JSON.parse(line) as { prev?: unknown }).prev;
  } catch {
    return undefined;
  }
}

function firstLine(file: string): string | undefined {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(8192);
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    const text = buf.subarray(0, n).toString('utf8');
    const nl = text.indexOf('\n');
    return nl === -1 ? undefined : text.slice(0, nl);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Moves the live file aside under a time-stamped name (the caller holds the log's lock and starts the new
 * file with a link to the old one's last line), then applies retention.
 */
export function rotateLog(file: string, now: Date, retentionDays: number): string {
  const { dir, stem, ext } = parts(file);
  let target = path.join(dir, `${stem}-${stampOf(now)}${ext}`);
  for (let n = 1; fs.existsSync(target); n++) target = path.join(dir, `${stem}-${stampOf(now)}-${n}${ext}`);
  fs.renameSync(file, target);
  pruneRotated(file, now, retentionDays);
  return target;
}

/** Deletes rotated files older than `retentionDays`, recording the hash the oldest kept file starts from. */
export function pruneRotated(file: string, now: Date, retentionDays: number): string[] {
  if (!(retentionDays > 0)) return [];
  const pattern = rotatedPattern(file);
  const cutoff = now.getTime() - retentionDays * DAY_MS;
  const old = rotatedFiles(file).filter((f) => rotatedAt(path.basename(f), pattern) < cutoff);
  if (old.length === 0) return [];
  // The anchor names the file it applies to: a crash before every old file is gone leaves a log whose
  // oldest file starts from null again, which verify then expects.
  const next = logFiles(file).find((f) => !old.includes(f));
  const prev = next ? linkOf(firstLine(next)) : undefined;
  if (next && typeof prev === 'string') {
    const anchor = prunedAnchorFile(file);
    const text = `${JSON.stringify({ file: path.basename(next), prev, at: now.toISOString() })}\n`;
    fs.writeFileSync(`${anchor}.tmp`, text, { mode: 0o600 });
    fs.renameSync(`${anchor}.tmp`, anchor);
  }
  for (const f of old) fs.rmSync(f, { force: true });
  return old;
}
