import * as path from 'node:path';
import { defineCheck } from '../../core/check.js';
import type { AuditContext } from '../../core/context.js';
import { loadClaudeSettings } from '../../discover/claude-settings.js';
import { gateFixes } from './_strict-fix.js';

const MAX_DAYS = 14;
const DEFAULT_DAYS = 30;
const DAY_MS = 86_400_000;

export interface TranscriptStats {
  count: number;
  totalBytes: number;
  oldestDays: number;
}

/** Counts transcripts by stat only: they can be gigabytes and hold secrets, so they are never read. */
export function transcriptStats(ctx: AuditContext, configDir: string): TranscriptStats {
  const projectsDir = path.join(configDir, 'projects');
  let count = 0;
  let totalBytes = 0;
  let oldest = ctx.now.getTime();
  for (const dir of ctx.fs.list(projectsDir)) {
    const abs = path.join(projectsDir, dir);
    if (ctx.fs.stat(abs)?.kind !== 'dir') continue;
    for (const name of ctx.fs.list(abs)) {
      if (!name.endsWith('.jsonl')) continue;
      const info = ctx.fs.stat(path.join(abs, name));
      if (info?.kind !== 'file') continue;
      count++;
      totalBytes += info.size;
      oldest = Math.min(oldest, info.mtimeMs);
    }
  }
  return { count, totalBytes, oldestDays: Math.max(0, Math.floor((ctx.now.getTime() - oldest) / DAY_MS)) };
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n;
  let i = -1;
  do {
    v /= 1024;
    i++;
  } while (v >= 1024 && i < units.length - 1);
  return `${v.toFixed(1)} ${units[i]}`;
}

export default defineCheck({
  id: 'claude/transcript-retention',
  severity: 'medium',
  seedRefs: ['CC-M1'],
  frameworks: ['OWASP-LLM02'],
  title: 'Claude Code keeps transcripts longer than 14 days',
  docs: {
    why:
      'Every session is stored as a JSONL transcript under ~/.claude/projects, with file contents, command ' +
      'output and any secret the agent saw. Claude Code keeps them 30 days unless cleanupPeriodDays says ' +
      'otherwise; the seed asks for 7–14 days at most.',
    fix: 'Set "cleanupPeriodDays": 14 (or less) in ~/.claude/settings.json.',
  },
  fixable: true,
  examples: {
    bad: [
      {
        name: 'default retention with transcripts on disk',
        files: {
          '~/.claude/settings.json': '{}',
          '~/.claude/projects/-home-user-work-app/0d9c1f3e-1111-4a5b-9c1d-2e3f4a5b6c7d.jsonl':
            '{"type":"user","message":{"role":"user","content":"hi"}}\n',
        },
      },
      { name: 'ninety days', files: { '~/.claude/settings.json': '{\n  "cleanupPeriodDays": 90\n}\n' } },
      {
        name: 'zero, which Claude Code rejects (minimum 1), so the default 30 days apply',
        files: { '~/.claude/settings.json': '{"cleanupPeriodDays": 0}' },
      },
    ],
    good: [{ name: 'fourteen days', files: { '~/.claude/settings.json': '{"cleanupPeriodDays": 14}' } }],
  },
  run(ctx) {
    const settings = loadClaudeSettings(ctx);
    const set = settings.get(['cleanupPeriodDays']);
    const days = typeof set?.value === 'number' ? set.value : undefined;
    // Claude Code rejects anything but a whole number >= 1 (0 used to mean "keep nothing"), so the default holds.
    const valid = days !== undefined && Number.isInteger(days) && days >= 1;
    if (valid && days <= MAX_DAYS) return [];
    const stats = transcriptStats(ctx, settings.configDir);
    const onDisk =
      stats.count === 0
        ? 'No transcripts are on disk yet.'
        : `${stats.count} transcript(s) on disk, ${formatBytes(stats.totalBytes)} in total, the oldest ${stats.oldestDays} day(s) old.`;
    const target = set && set.scope !== 'managed' ? set.file : settings.userFile;
    return gateFixes(settings, [
      {
        message:
          (set === undefined
            ? `cleanupPeriodDays is not set, so transcripts are kept ${DEFAULT_DAYS} days. `
            : !valid
              ? `cleanupPeriodDays is ${JSON.stringify(set.value)}, which Claude Code rejects (it must be a whole number of at least 1), so transcripts are kept the default ${DEFAULT_DAYS} days. `
              : `cleanupPeriodDays is ${days}, so transcripts are kept ${days} days. `) + onDisk,
        ...(set ? { file: set.file, line: set.line, column: set.column } : { baseline: true as const }),
        evidence:
          set === undefined
            ? 'cleanupPeriodDays: (unset, default 30)'
            : `"cleanupPeriodDays": ${JSON.stringify(set.value)}`,
        fix:
          set?.scope === 'managed'
            ? `Ask the administrator to lower cleanupPeriodDays in ${set.file} to ${MAX_DAYS} or less.`
            : `Set "cleanupPeriodDays": ${MAX_DAYS} in ${target}.`,
        ...(set?.scope !== 'managed' && {
          fixPlans: [
            {
              kind: 'json-set' as const,
              file: target,
              path: ['cleanupPeriodDays'],
              value: MAX_DAYS,
              description: `keep transcripts ${MAX_DAYS} days`,
            },
          ],
        }),
      },
    ]);
  },
});
