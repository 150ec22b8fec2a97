import type { ActivityRecord } from './activity-log.js';

export interface RecordQuery {
  since?: Date;
  session?: string;
  verdict?: string;
  /** A rule id, or a prefix ending in `*` (`shell/*`). */
  rule?: string;
}

export const VERDICTS = ['allow', 'ask', 'deny'] as const;

/**
 * A point in time from the command line: an ISO date or date-time (`2026-12-01`, `2026-12-01T09:00Z`), or
 * a span back from `now` (`30m`, `1h`, `2d`, `1w`). Undefined when it is neither.
 */
export function parseSinceArg(text: string, now: Date): Date | undefined {
  const rel = /^(\d+)\s*([mhdw])$/.exec(text.trim());
  if (rel) {
    const unit = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }[rel[2] as 'm' | 'h' | 'd' | 'w'];
    return new Date(now.getTime() - Number(rel[1]) * unit);
  }
  const t = text.trim();
  if (!/^\d{4}-\d{2}-\d{2}/.test(t)) return undefined;
  // A bare date is local midnight, as a date-time without a zone is local (and as `spend --since` reads it).
  const at = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(t) ? `${t}T00:00` : t);
  return Number.isNaN(at) ? undefined : new Date(at);
}

export function matchesQuery(record: ActivityRecord, q: RecordQuery): boolean {
  if (q.since) {
    const at = Date.parse(record.ts);
    if (Number.isNaN(at) || at < q.since.getTime()) return false;
  }
  if (q.session !== undefined && record.session !== q.session) return false;
  if (q.verdict !== undefined && record.verdict !== q.verdict) return false;
  if (q.rule !== undefined) {
    const prefix = q.rule.endsWith('*') ? q.rule.slice(0, -1) : undefined;
    if (prefix === undefined ? record.ruleId !== q.rule : !record.ruleId.startsWith(prefix)) return false;
  }
  return true;
}

/** One line for a person: time, verdict, tool, rule, what and why (fields are already redacted). */
export function formatRecordLine(r: ActivityRecord): string {
  const what = r.summary ? ` ${r.summary}` : '';
  const why = r.reason ? ` — ${r.reason}` : '';
  return `${r.ts} ${r.verdict.padEnd(5)} ${r.tool} [${r.ruleId}] session ${r.session}:${what}${why}`;
}
