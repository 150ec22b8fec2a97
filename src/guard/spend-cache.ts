import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { nodeFileSystem } from '../core/files.js';
import { openclawStateDir } from '../core/openclaw-paths.js';
import { claudeConfigDir } from '../core/paths.js';
import { openRegularFile, readStateFile } from '../core/safe-read.js';
import { withFileLock } from '../log/lock.js';
import { claudeUsageFromLine } from '../respond/spend/claude-transcripts.js';
import { recentFiles } from '../respond/spend/lines.js';
import { openclawUsageFromLine } from '../respond/spend/openclaw-sessions.js';
import { type ModelPrice, mergePrices } from '../respond/spend/prices.js';
import { periodStarts } from '../respond/spend/summary.js';
import { priceUsage, type UsageRecord } from '../respond/spend/usage.js';

/*
 * The guard checks budgets on every tool call, but a month of transcripts can be gigabytes. So spend is
 * kept in two files in the state dir: a small summary read on every call (fresh for `ttlMs`), and an index
 * of what each transcript held, by size and mtime, so a refresh reads only the lines appended since.
 */

export interface SpendTotals {
  todayUSD: number;
  monthUSD: number;
  /** False while a first reading of large transcripts is still catching up (it continues on the next call). */
  complete: boolean;
}

/** One billed response: dedup key, time (ms), cost (USD), output tokens (the larger count of a duplicate wins). */
type IndexedRecord = [key: string, at: number, costUSD: number, output: number];

interface IndexedFile {
  ino: number;
  size: number;
  mtimeMs: number;
  /** Bytes read: up to the last complete line. */
  offset: number;
  records: IndexedRecord[];
}

interface SpendIndex {
  version: 1;
  /** The month the records are for and the prices they were costed with: either changing starts afresh. */
  monthStart: number;
  pricesKey: string;
  files: Record<string, IndexedFile>;
}

interface SpendSummary extends SpendTotals {
  version: 1;
  computedAt: number;
  dayStart: number;
  monthStart: number;
  pricesKey: string;
}

export interface SpendCacheOptions {
  home: string;
  env: Readonly<Record<string, string | undefined>>;
  stateDir: string;
  now: Date;
  priceOverrides?: Readonly<Record<string, Partial<ModelPrice>>>;
  /** How long a summary is trusted. */
  ttlMs?: number;
  /** How long one refresh may read before it saves its progress and answers with what it has. */
  readBudgetMs?: number;
}

const CHUNK = 1 << 20;
const NEWLINE = 0x0a;

/** The summary is a few numbers; the index holds one small record per billed response of the month. */
const MAX_SUMMARY_BYTES = 64 * 1024;
const MAX_INDEX_BYTES = 64 * 1024 * 1024;

/** A cache file's value; anything unreadable (a link, a fifo, too large, not JSON) is no cache at all. */
function readJson<T>(file: string, maxBytes: number): T | undefined {
  const read = readStateFile(file, maxBytes);
  if (read.status !== 'found') return undefined;
  try {
    return JSON.parse(read.text) as T;
  } catch {
    return undefined;
  }
}

function writeJson(file: string, value: unknown): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(value), { mode: 0o600 });
  fs.renameSync(tmp, file);
}

type LineParser = (line: Record<string, unknown>) => { key: string; record: UsageRecord } | undefined;

interface Source {
  file: string;
  parse: LineParser;
}

function sources(o: SpendCacheOptions, since: number): Source[] {
  const claudeRoot = path.join(claudeConfigDir(o.home, o.env), 'projects');
  const claude = recentFiles(claudeRoot, '.jsonl', since, 3).map((file) => {
    const project = path.relative(claudeRoot, file).split(path.sep)[0] ?? '';
    return { file, parse: (line: Record<string, unknown>) => claudeUsageFromLine(line, project) };
  });
  const agentsDir = path.join(openclawStateDir(o.home, o.env, nodeFileSystem), 'agents');
  const openclaw = recentFiles(agentsDir, '.jsonl', since, 2).flatMap((file) => {
    const parts = path.relative(agentsDir, file).split(path.sep);
    if (parts.length !== 3 || parts[1] !== 'sessions') return [];
    const where = { agentId: parts[0] ?? '', session: path.basename(file, '.jsonl') };
    return [{ file, parse: (line: Record<string, unknown>) => openclawUsageFromLine(line, where) }];
  });
  return [...claude, ...openclaw];
}

/** The usage records of the complete lines from `offset` on; returns the offset after the last one. */
function readFrom(
  fd: number,
  offset: number,
  size: number,
  parse: LineParser,
  price: (r: UsageRecord) => number,
  out: IndexedRecord[],
): number {
  let pos = offset;
  let carry = Buffer.alloc(0);
  let consumed = offset;
  const buf = Buffer.allocUnsafe(CHUNK);
  while (pos < size) {
    const n = fs.readSync(fd, buf, 0, Math.min(CHUNK, size - pos), pos);
    if (n <= 0) break;
    pos += n;
    const data = carry.length ? Buffer.concat([carry, buf.subarray(0, n)]) : buf.subarray(0, n);
    let start = 0;
    for (let nl = data.indexOf(NEWLINE); nl !== -1; nl = data.indexOf(NEWLINE, start)) {
      const line = data.subarray(start, nl);
      start = nl + 1;
      // Most lines carry no usage; parsing every line of a 500 MB transcript is what this cache avoids.
      if (!line.includes('"usage"')) continue;
      let value: unknown;
      try {
        value = JSON.parse(line.toString('utf8'));
      } catch {
        continue;
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) continue;
      const found = parse(value as Record<string, unknown>);
      if (found) out.push([found.key, found.record.at, price(found.record), found.record.output]);
    }
    consumed += start;
    carry = Buffer.from(data.subarray(start));
  }
  return consumed;
}

function refresh(o: SpendCacheOptions, index: SpendIndex, monthStart: number, deadline: number): boolean {
  const table = mergePrices(o.priceOverrides);
  const price = (r: UsageRecord) => priceUsage(r, table).costUSD;
  const files: Record<string, IndexedFile> = {};
  let complete = true;
  for (const { file, parse } of sources(o, monthStart)) {
    const known = index.files[file];
    if (Date.now() > deadline) {
      complete = false;
      if (known) files[file] = known;
      continue;
    }
    // A transcript swapped for a fifo or a link to /dev/zero would stall the hook: such a file is skipped.
    const opened = openRegularFile(file);
    if (opened.status !== 'open') continue;
    const { fd, stat: st } = opened;
    try {
      if (known && known.ino === st.ino && known.size === st.size && known.mtimeMs === st.mtimeMs) {
        files[file] = known;
        continue;
      }
      // Transcripts only grow: read from where we stopped, unless the file was replaced or cut.
      const appended = known !== undefined && known.ino === st.ino && st.size >= known.offset;
      const records = appended ? [...known.records] : [];
      const offset = readFrom(fd, appended ? known.offset : 0, st.size, parse, price, records);
      files[file] = {
        ino: st.ino,
        size: st.size,
        mtimeMs: st.mtimeMs,
        offset,
        records: records.filter((r) => r[1] >= monthStart),
      };
    } finally {
      fs.closeSync(fd);
    }
  }
  index.files = files;
  return complete;
}

/** Totals with one record per response (a resumed session copies earlier lines into its new file). */
function totals(index: SpendIndex, dayStart: number, now: number): { todayUSD: number; monthUSD: number } {
  const byKey = new Map<string, IndexedRecord>();
  let todayUSD = 0;
  let monthUSD = 0;
  const add = (r: IndexedRecord) => {
    if (r[1] > now) return;
    monthUSD += r[2];
    if (r[1] >= dayStart) todayUSD += r[2];
  };
  for (const f of Object.values(index.files))
    for (const r of f.records) {
      if (r[0] === '\u0000') add(r);
      else {
        const seen = byKey.get(r[0]);
        if (!seen || r[3] > seen[3]) byKey.set(r[0], r);
      }
    }
  for (const r of byKey.values()) add(r);
  return { todayUSD, monthUSD };
}

/**
 * Spend today and this month, for budgets. Read from the summary while it is fresh; otherwise brought up to
 * date from the transcripts under a lock (one process refreshes; the others answer with the last summary).
 */
export function cachedSpend(o: SpendCacheOptions): SpendTotals {
  const nowMs = o.now.getTime();
  const starts = periodStarts(o.now);
  const dayStart = starts.today.getTime();
  const monthStart = starts.month.getTime();
  const pricesKey = createHash('sha256')
    .update(JSON.stringify(o.priceOverrides ?? {}))
    .digest('hex')
    .slice(0, 16);
  const summaryFile = path.join(o.stateDir, 'spend-summary.json');
  const indexFile = path.join(o.stateDir, 'spend-index.json');
  const last = readJson<SpendSummary>(summaryFile, MAX_SUMMARY_BYTES);
  const current =
    last?.version === 1 &&
    last.dayStart === dayStart &&
    last.monthStart === monthStart &&
    last.pricesKey === pricesKey
      ? last
      : undefined;
  if (current?.complete && nowMs - current.computedAt < (o.ttlMs ?? 60_000) && current.computedAt <= nowMs)
    return { todayUSD: current.todayUSD, monthUSD: current.monthUSD, complete: true };
  fs.mkdirSync(o.stateDir, { recursive: true, mode: 0o700 });
  const locked = withFileLock(
    `${indexFile}.lock`,
    (): SpendTotals => {
      const stored = readJson<SpendIndex>(indexFile, MAX_INDEX_BYTES);
      const index: SpendIndex =
        stored?.version === 1 && stored.monthStart === monthStart && stored.pricesKey === pricesKey
          ? stored
          : { version: 1, monthStart, pricesKey, files: {} };
      const complete = refresh(o, index, monthStart, Date.now() + (o.readBudgetMs ?? 1000));
      const sums = totals(index, dayStart, nowMs);
      writeJson(indexFile, index);
      const summary: SpendSummary = {
        version: 1,
        computedAt: nowMs,
        dayStart,
        monthStart,
        pricesKey,
        ...sums,
        complete,
      };
      writeJson(summaryFile, summary);
      return { ...sums, complete };
    },
    { timeoutMs: 50 },
  );
  if (locked) return locked.value;
  // Another call is refreshing: its predecessor's figures are at most a refresh old.
  return current
    ? { todayUSD: current.todayUSD, monthUSD: current.monthUSD, complete: current.complete }
    : { todayUSD: 0, monthUSD: 0, complete: false };
}
