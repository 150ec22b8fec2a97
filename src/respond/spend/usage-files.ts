import { isRecord } from '../../core/document/document.js';
import { forEachLine } from './lines.js';
import type { UsageRecord } from './usage.js';

export interface ReadStats {
  files: number;
  lines: number;
  /** Lines that looked like usage records but were not valid JSON (a torn last line, a corrupt file). */
  malformed: number;
  /** Files that could not be read, with the reason. */
  unreadable: string[];
}

export function emptyStats(): ReadStats {
  return { files: 0, lines: 0, malformed: 0, unreadable: [] };
}

/** An agent's reading of one parsed line: its usage and the key that identifies the response. */
export type UsageFromLine = (
  line: Record<string, unknown>,
) => { key: string; record: UsageRecord } | undefined;

/** Keeps one record per key; of duplicates, the one with the most output (the response's final count). */
export class UsageDeduper {
  private readonly byKey = new Map<string, UsageRecord>();
  private readonly unkeyed: UsageRecord[] = [];

  add(key: string, record: UsageRecord): void {
    if (key === '\u0000') {
      this.unkeyed.push(record);
      return;
    }
    const seen = this.byKey.get(key);
    if (!seen || record.output > seen.output) this.byKey.set(key, record);
  }

  records(): UsageRecord[] {
    return [...this.byKey.values(), ...this.unkeyed];
  }
}

/**
 * Adds the responses of one JSONL session file billed at or after `since` to `deduper`, streaming it line by
 * line; a file that cannot be read is counted in `stats`, not thrown.
 */
export async function readUsageFile(
  file: string,
  since: number,
  fromLine: UsageFromLine,
  deduper: UsageDeduper,
  stats: ReadStats,
): Promise<void> {
  stats.files++;
  try {
    await forEachLine(file, (text) => {
      stats.lines++;
      // Cheap filter first: most lines carry no usage, and parsing every line of a 500 MB file is slow.
      if (!text.includes('"usage"')) return;
      let line: unknown;
      try {
        line = JSON.parse(text);
      } catch {
        stats.malformed++;
        return;
      }
      if (!isRecord(line)) return;
      const found = fromLine(line);
      if (found && found.record.at >= since) deduper.add(found.key, found.record);
    });
  } catch (err) {
    stats.unreadable.push(`${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}
