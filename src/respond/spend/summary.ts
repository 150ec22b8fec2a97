import type { PriceTable } from './prices.js';
import { priceUsage, type UsageRecord } from './usage.js';

export interface TokenTotals {
  input: number;
  output: number;
  cacheWrite: number;
  cacheRead: number;
}

export interface SpendLine {
  name: string;
  costUSD: number;
  tokens: TokenTotals;
}

export interface PeriodSpend {
  /** ISO time the period starts (local midnight). */
  from: string;
  costUSD: number;
  tokens: TokenTotals;
  responses: number;
  byProject: SpendLine[];
  byModel: SpendLine[];
}

export type PeriodName = 'today' | 'week' | 'month' | 'since';

/** Local midnight of the day, of the week's Monday and of the month's first day. */
export function periodStarts(now: Date): Record<'today' | 'week' | 'month', Date> {
  const today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const week = new Date(today);
  week.setDate(today.getDate() - ((today.getDay() + 6) % 7));
  return { today, week, month: new Date(now.getFullYear(), now.getMonth(), 1) };
}

const noTokens = (): TokenTotals => ({ input: 0, output: 0, cacheWrite: 0, cacheRead: 0 });

function addTokens(t: TokenTotals, r: UsageRecord): void {
  t.input += r.input;
  t.output += r.output;
  t.cacheWrite += r.cacheWrite + r.cacheWrite1h;
  t.cacheRead += r.cacheRead;
}

function addTo(map: Map<string, SpendLine>, name: string, r: UsageRecord, cost: number): void {
  let line = map.get(name);
  if (!line) {
    line = { name, costUSD: 0, tokens: noTokens() };
    map.set(name, line);
  }
  line.costUSD += cost;
  addTokens(line.tokens, r);
}

const byCost = (a: SpendLine, b: SpendLine) => b.costUSD - a.costUSD || a.name.localeCompare(b.name);

/** Totals for the records at or after `from`, per project and per model, most expensive first. */
export function periodSpend(records: readonly UsageRecord[], from: Date, table: PriceTable): PeriodSpend {
  const projects = new Map<string, SpendLine>();
  const models = new Map<string, SpendLine>();
  const period: PeriodSpend = {
    from: from.toISOString(),
    costUSD: 0,
    tokens: noTokens(),
    responses: 0,
    byProject: [],
    byModel: [],
  };
  for (const r of records) {
    if (r.at < from.getTime()) continue;
    const { costUSD } = priceUsage(r, table);
    period.costUSD += costUSD;
    period.responses++;
    addTokens(period.tokens, r);
    addTo(projects, r.project, r, costUSD);
    addTo(models, r.model, r, costUSD);
  }
  period.byProject = [...projects.values()].sort(byCost);
  period.byModel = [...models.values()].sort(byCost);
  return period;
}

/** Models that used tokens but have no price here and no cost recorded by the agent. */
export function unpricedModels(records: readonly UsageRecord[], table: PriceTable): string[] {
  const names = new Set<string>();
  for (const r of records) if (!priceUsage(r, table).priced) names.add(r.model);
  return [...names].sort();
}
