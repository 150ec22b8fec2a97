/** Removes agent transcripts past a retention limit (by modification time) and says how much space that frees. */
import * as fs from 'node:fs';
import { agentStateFiles } from './agent-files.js';

export interface PruneResult {
  removed: { file: string; bytes: number; ageDays: number }[];
  bytesFreed: number;
}

const DAY_MS = 86_400_000;

/** `14d`, `2w`, `36h` → milliseconds; undefined when it is not a duration. */
export function parseDuration(text: string): number | undefined {
  const m = /^(\d+)\s*([hdw])$/i.exec(text.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = (m[2] ?? 'd').toLowerCase();
  return n * (unit === 'h' ? 3_600_000 : unit === 'w' ? 7 * DAY_MS : DAY_MS);
}

export function pruneTranscripts(
  home: string,
  olderThanMs: number,
  opts: {
    dryRun?: boolean;
    now?: Date;
    claudeDir?: string;
    env?: Readonly<Record<string, string | undefined>>;
  } = {},
): PruneResult {
  const now = (opts.now ?? new Date()).getTime();
  const removed: PruneResult['removed'] = [];
  for (const { file, kind } of agentStateFiles(home, opts.claudeDir, opts.env)) {
    if (kind !== 'transcript') continue;
    const st = fs.statSync(file, { throwIfNoEntry: false });
    if (!st || now - st.mtimeMs < olderThanMs) continue;
    if (!opts.dryRun) fs.rmSync(file, { force: true });
    removed.push({ file, bytes: st.size, ageDays: Math.floor((now - st.mtimeMs) / DAY_MS) });
  }
  return { removed, bytesFreed: removed.reduce((n, r) => n + r.bytes, 0) };
}
