import type { ActivityRecord } from './activity-log.js';

export interface RecordQuery {
  since?: Date;
  session?: string;
  verdict?: string;
  /** A rule id, or a prefix ending in `*` (`shell/*`). */
  rule?: string;
}

export const VERDICTS = ['allow', 'ask', 'deny'] as const;

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
