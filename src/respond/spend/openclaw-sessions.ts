import * as path from 'node:path';
import { isRecord } from '../../core/document/document.js';
import { nodeFileSystem } from '../../core/files.js';
import { openclawStateDir } from '../../core/openclaw-paths.js';
import { recentFiles } from './lines.js';
import { tokens, type UsageRecord } from './usage.js';
import { type ReadStats, readUsageFile, UsageDeduper } from './usage-files.js';

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
  line: Record<string, unknown>,
  where: { agentId: string; session: string },
): { key: string; record: UsageRecord } | undefined {
  if (line.type !== 'message' || !isRecord(line.message)) return undefined;
  const message = line.message;
  if (message.role !== 'assistant' || !isRecord(message.usage)) return undefined;
  const usage = message.usage;
  const at = timeOf(line.timestamp ?? message.timestamp);
  if (Number.isNaN(at)) return undefined;
  const cost = isRecord(usage.cost) ? tokens(usage.cost.total) : 0;
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
    await readUsageFile(file, since, (line) => openclawUsageFromLine(line, where), deduper, stats);
  }
  return deduper.records();
}
