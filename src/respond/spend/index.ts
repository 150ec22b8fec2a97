import { readClaudeUsage } from './claude-transcripts.js';
import { readOpenclawUsage } from './openclaw-sessions.js';
import { type ModelPrice, mergePrices, PRICES_AS_OF } from './prices.js';
import { type PeriodName, type PeriodSpend, periodSpend, periodStarts, unpricedModels } from './summary.js';
import { emptyStats, type ReadStats } from './usage-files.js';

export interface SpendOptions {
  home: string;
  env: Readonly<Record<string, string | undefined>>;
  now: Date;
  /** An extra period from this time on (`--since`). */
  since?: Date;
  /** `prices:` from the user policy. */
  priceOverrides?: Readonly<Record<string, Partial<ModelPrice>>>;
}

export interface SpendReport {
  schemaVersion: 1;
  generatedAt: string;
  pricesAsOf: string;
  periods: Partial<Record<PeriodName, PeriodSpend>> & Record<'today' | 'week' | 'month', PeriodSpend>;
  unpricedModels: string[];
  read: { claudeCode: ReadStats; openclaw: ReadStats };
}

/** What Claude Code and OpenClaw spent today, this week, this month (and since `since`), from their records. */
export async function collectSpend(options: SpendOptions): Promise<SpendReport> {
  const starts = periodStarts(options.now);
  const earliest = Math.min(
    starts.week.getTime(),
    starts.month.getTime(),
    options.since?.getTime() ?? Infinity,
  );
  const claudeStats = emptyStats();
  const openclawStats = emptyStats();
  const records = [
    ...(await readClaudeUsage(options.home, options.env, earliest, claudeStats)),
    ...(await readOpenclawUsage(options.home, options.env, earliest, openclawStats)),
  ].filter((r) => r.at <= options.now.getTime());
  const table = mergePrices(options.priceOverrides);
  return {
    schemaVersion: 1,
    generatedAt: options.now.toISOString(),
    pricesAsOf: PRICES_AS_OF,
    periods: {
      today: periodSpend(records, starts.today, table),
      week: periodSpend(records, starts.week, table),
      month: periodSpend(records, starts.month, table),
      ...(options.since && { since: periodSpend(records, options.since, table) }),
    },
    unpricedModels: unpricedModels(records, table),
    read: { claudeCode: claudeStats, openclaw: openclawStats },
  };
}
