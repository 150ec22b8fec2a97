import * as path from 'node:path';
import { isRecord } from '../../core/document/document.js';
import { claudeConfigDir } from '../../core/paths.js';
import { recentFiles } from './lines.js';
import { tokens, type UsageRecord } from './usage.js';
import { type ReadStats, readUsageFile, UsageDeduper } from './usage-files.js';

/**
 * The usage an assistant line carries. Claude Code writes one line per content block of a response, each
 * with the response's `message.id`, `requestId` and usage, and a resumed session copies earlier lines into
 * its new file: the caller keeps one record per key.
 */
export function claudeUsageFromLine(
  line: Record<string, unknown>,
  fallbackProject: string,
): { key: string; record: UsageRecord } | undefined {
  if (line.type !== 'assistant' || !isRecord(line.message)) return undefined;
  const message = line.message;
  const usage = message.usage;
  if (!isRecord(usage)) return undefined;
  const at = typeof line.timestamp === 'string' ? Date.parse(line.timestamp) : Number.NaN;
  if (Number.isNaN(at)) return undefined;
  // `cache_creation` splits writes by lifetime; without it they are all priced as five-minute writes.
  const split = isRecord(usage.cache_creation) ? usage.cache_creation : undefined;
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
    await readUsageFile(file, since, (line) => claudeUsageFromLine(line, projectDir), deduper, stats);
  }
  return deduper.records();
}
