import * as fs from 'node:fs';
import { mergeSpool } from './activity-log.js';
import { type ChainProblem, checkChain } from './chain.js';
import { logFiles, readPrunedAnchor } from './files.js';

export type LogVerification =
  | { status: 'intact' | 'tampered'; files: string[]; lines: number; problems: ChainProblem[] }
  | { status: 'unreadable'; error: string };

/**
 * Verifies the whole log: rotated files oldest first, then the live file, as one chain. A log pruned by
 * retention starts from the hash retention recorded. Finds edited, truncated, reordered and removed entries.
 */
export function verifyLog(file: string): LogVerification {
  // Entries spooled while the lock was busy belong to the log: chain them in before checking it.
  mergeSpool(file);
  const files = logFiles(file);
  if (files.length === 0) return { status: 'unreadable', error: `${file}: no activity log there` };
  const segments: { file: string; text: string }[] = [];
  for (const f of files) {
    try {
      segments.push({ file: f, text: fs.readFileSync(f, 'utf8') });
    } catch (err) {
      return { status: 'unreadable', error: `${f}: ${(err as NodeJS.ErrnoException).code ?? 'unreadable'}` };
    }
  }
  const { lines, problems } = checkChain(segments, readPrunedAnchor(file, files[0]));
  return { status: problems.length ? 'tampered' : 'intact', files, lines, problems };
}
