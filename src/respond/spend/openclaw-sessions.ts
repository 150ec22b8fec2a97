import * as path from 'node:path';
import { nodeFileSystem } from '../../core/files.js';
import { openclawStateDir } from '../../core/openclaw-paths.js';
import { type ReadStats, UsageDeduper } from './claude-transcripts.js';
import { forEachLine, recentFiles } from './lines.js';
import { tokens, type UsageRecord } from './usage.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function timeOf(value: unknown): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  return typeof value === 'string' ? Date.parse(value) : Number.NaN;
}

/**
 * The usage of one line of an OpenClaw session file: `{type:"message", timestamp, message:{role:"assistant",
 * model, provider?, usage:{input, output, cacheRead, cacheWrite, cost?:{total}}}}`. Our reference documents
 * where these files are, not their lines; this shape is the one OpenClaw's public session logs show.
 */
export function openclawUsageFromLine(
  line: Json,
  where: { agentId: string; session: string },
): { key: string; record: UsageRecord } | undefined {
  if (line.type !== 'message' || !isObject(line.message)) return undefined;
  const message = line.message;
  if (message.role !== 'assistant' || !isObject(message.usage)) return undefined;
  const usage = message.usage;
  const at = timeOf(line.timestamp ?? message.timestamp);
  if (Number.isNaN(at)) return undefined;
  const cost = isObject(usage.cost) ? tokens(usage.cost.total) : 0;
  const id = typeof line.id === 'string' ? line.id : typeof message.id === 'string' ? message.id : '';
  const requestId = typeof line.requestId === 'string' ? line.requestId : '';
  return {
    key: id || requestId ? `${where.session}\u0000${id}\u0000${requestId}` : '\u0000',
    record: {
      agent: 'openclaw',
      at,
      project: `openclaw:${where.agentId}`,
      session: where.session,
      model: typeof message.model === 'string' ? message.model : 'unknown',
      input: tokens(usage.input),
      output: tokens(usage.output),
      cacheWrite: tokens(usage.cacheWrite),
      cacheWrite1h: 0,
      cacheRead: tokens(usage.cacheRead),
      ...(cost > 0 && { recordedCostUSD: cost }),
    },
  };
}

/**
 * Responses billed at or after `since` from `<state>/agents/<id>/sessions/*.jsonl`. OpenClaw 2026.9 also
 * keeps session rows in `agents/<id>/agent/openclaw-agent.sqlite`, whose schema is not documented: not read.
 */
export async function readOpenclawUsage(
  home: string,
  env: Readonly<Record<string, string | undefined>>,
  since: number,
  stats: ReadStats,
): Promise<UsageRecord[]> {
  const agentsDir = path.join(openclawStateDir(home, env, nodeFileSystem), 'agents');
  const deduper = new UsageDeduper();
  for (const file of recentFiles(agentsDir, '.jsonl', since, 2)) {
    const parts = path.relative(agentsDir, file).split(path.sep);
    if (parts.length !== 3 || parts[1] !== 'sessions') continue;
    const where = { agentId: parts[0] ?? '', session: path.basename(file, '.jsonl') };
    stats.files++;
    try {
      await forEachLine(file, (text) => {
        stats.lines++;
        if (!text.includes('"usage"')) return;
        let line: unknown;
        try {
          line = JSON.parse(text);
        } catch {
          stats.malformed++;
          return;
        }
        if (!isObject(line)) return;
        const found = openclawUsageFromLine(line, where);
        if (found && found.record.at >= since) deduper.add(found.key, found.record);
      });
    } catch (err) {
      stats.unreadable.push(`${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
  }
  return deduper.records();
}
