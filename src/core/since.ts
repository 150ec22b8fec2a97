/** What `--since` accepts, for the usage error of every command that takes it. */
export const SINCE_FORMS =
  'a date or time (2026-12-01, 2026-12-01T09:00 local, 2026-12-01T09:00Z) or a span back from now (30m, 24h, 7d, 1w)';

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

/**
 * A point in time from the command line (`log --since`, `spend --since`): a span back from `now`, a local
 * date or date-time (a bare date is local midnight), or an ISO date-time with a zone. Undefined when it is
 * none of these or names a day that does not exist.
 */
export function parseSince(text: string, now: Date): Date | undefined {
  const t = text.trim();
  const rel = /^(\d+)\s*([mhdw])$/.exec(t);
  if (rel) return new Date(now.getTime() - Number(rel[1]) * UNIT_MS[rel[2] as keyof typeof UNIT_MS]);
  const local = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?$/.exec(t);
  if (local) {
    const [, y, mo, d, h = '0', mi = '0'] = local;
    const date = new Date(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi));
    // Date rolls 2026-02-30 over into March; a day that does not exist is a typo, not a time.
    return date.getMonth() === Number(mo) - 1 && date.getDate() === Number(d) ? date : undefined;
  }
  if (!/^\d{4}-\d{2}-\d{2}T/.test(t)) return undefined;
  const at = Date.parse(t);
  return Number.isNaN(at) ? undefined : new Date(at);
}
