import * as fs from 'node:fs';
import type { ActivityRecord } from './activity-log.js';
import { logFiles } from './files.js';

/** A parsed log line and where it is. Lines that are not records are skipped (`log verify` reports them). */
export interface LocatedRecord {
  record: ActivityRecord;
  file: string;
  line: number;
}

function isRecord(value: unknown): value is ActivityRecord {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return ['ts', 'session', 'tool', 'verdict', 'ruleId'].every((k) => typeof v[k] === 'string');
}

export function parseRecord(line: string): ActivityRecord | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return isRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Every record of the log in order, across rotated files. Files last written before `since` are skipped
 * unread (a rotated file's mtime is its last entry's time).
 */
export function* readRecords(file: string, since?: Date): Generator<LocatedRecord> {
  for (const f of logFiles(file)) {
    if (since && f !== file && fs.statSync(f).mtimeMs < since.getTime()) continue;
    const lines = fs.readFileSync(f, 'utf8').split('\n');
    for (const [i, line] of lines.entries()) {
      const record = line ? parseRecord(line) : undefined;
      if (record) yield { record, file: f, line: i + 1 };
    }
  }
}

/** The last `n` records, reading older files only when the newer ones hold fewer. */
export function lastRecords(file: string, n: number): ActivityRecord[] {
  const out: ActivityRecord[] = [];
  for (const f of logFiles(file).reverse()) {
    const lines = fs.readFileSync(f, 'utf8').split('\n');
    for (let i = lines.length - 1; i >= 0 && out.length < n; i--) {
      const record = lines[i] ? parseRecord(lines[i] ?? '') : undefined;
      if (record) out.push(record);
    }
    if (out.length >= n) break;
  }
  return out.reverse();
}
