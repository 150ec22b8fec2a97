import * as path from 'node:path';
import { claudeConfigDir } from '../../core/paths.js';
import { forEachLine, recentFiles } from './lines.js';
import { tokens, type UsageRecord } from './usage.js';

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

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The usage an assistant line carries. Claude Code writes one line per content block of a response, each
 * with the response's `message.id`, `requestId` and usage, and a resumed session copies earlier lines into
 * its new file: the caller keeps one record per key.
 */
export function claudeUsageFromLine(
  line: Json,
  fallbackProject: string,
): { key: string; record: UsageRecord } | undefined {
  if (line.type !== 'assistant' || !isObject(line.message)) return undefined;
  const message = line.message;
  const usage = message.usage;
  if (!isObject(usage)) return undefined;
  const at = typeof line.timestamp === 'string' ? Date.parse(line.timestamp) : Number.NaN;
  if (Number.isNaN(at)) return undefined;
  // `cache_creation` splits writes by lifetime; without it they are all priced as five-minute writes.
  const split = isObject(usage.cache_creation) ? usage.cache_creation : undefined;
  const write1h = tokens(split?.ephemeral_1h_input_tokens);
  const writeTotal = tokens(usage.cache_creation_input_tokens);
  const id = typeof message.id === 'string' ? message.id : typeof line.uuid === 'string' ? line.uuid : '';
  const requestId = typeof line.requestId === 'string' ? line.requestId : '';
  return {
    key: `${id}\u0000${requestId}`,
    record: {
      agent: 'claude-code',
      at,
      project: typeof line.cwd === 'string' && line.cwd ? line.cwd : fallbackProject,
      session: typeof line.sessionId === 'string' ? line.sessionId : '',
      model: typeof message.model === 'string' ? message.model : 'unknown',
      input: tokens(usage.input_tokens),
      output: tokens(usage.output_tokens),
      cacheWrite: Math.max(0, writeTotal - write1h),
      cacheWrite1h: write1h,
      cacheRead: tokens(usage.cache_read_input_tokens),
    },
  };
}

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

/** Every Claude Code response billed at or after `since`, from `<config>/projects/<project>/**.jsonl`. */
export async function readClaudeUsage(
  home: string,
  env: Readonly<Record<string, string | undefined>>,
  since: number,
  stats: ReadStats,
): Promise<UsageRecord[]> {
  const root = path.join(claudeConfigDir(home, env), 'projects');
  const deduper = new UsageDeduper();
  // Depth 3 reaches subagent transcripts (<project>/<session>/subagents/*.jsonl).
  for (const file of recentFiles(root, '.jsonl', since, 3)) {
    const projectDir = path.relative(root, file).split(path.sep)[0] ?? '';
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
        if (!isObject(line)) return;
        const found = claudeUsageFromLine(line, projectDir);
        if (found && found.record.at >= since) deduper.add(found.key, found.record);
      });
    } catch (err) {
      stats.unreadable.push(`${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
  }
  return deduper.records();
}
