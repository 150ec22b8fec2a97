import { type ModelPrice, type PriceTable, priceFor } from './prices.js';

export type AgentName = 'claude-code' | 'openclaw';

/** One billed model response, as an agent recorded it. Token counts are as the provider reported them. */
export interface UsageRecord {
  agent: AgentName;
  /** Milliseconds since the epoch. */
  at: number;
  project: string;
  session: string;
  model: string;
  input: number;
  output: number;
  /** Cache writes with the five-minute lifetime (or of unknown lifetime). */
  cacheWrite: number;
  cacheWrite1h: number;
  cacheRead: number;
  /** A cost the agent itself recorded, used when the model has no price here. */
  recordedCostUSD?: number;
}

export interface PricedUsage {
  costUSD: number;
  /** False when neither the price table nor the agent gave a cost: the tokens are counted, not priced. */
  priced: boolean;
}

function costWith(record: UsageRecord, price: ModelPrice): number {
  return (
    (record.input * price.input +
      record.output * price.output +
      record.cacheWrite * price.cacheWrite +
      record.cacheWrite1h * price.cacheWrite1h +
      record.cacheRead * price.cacheRead) /
    1_000_000
  );
}

/** Our table first, so every agent is priced alike; the agent's own figure for models we do not know. */
export function priceUsage(record: UsageRecord, table: PriceTable): PricedUsage {
  const found = priceFor(record.model, table);
  if (found) return { costUSD: costWith(record, found.price), priced: true };
  if (record.recordedCostUSD !== undefined && record.recordedCostUSD > 0)
    return { costUSD: record.recordedCostUSD, priced: true };
  const tokens = record.input + record.output + record.cacheWrite + record.cacheWrite1h + record.cacheRead;
  return { costUSD: 0, priced: tokens === 0 };
}

/** A non-negative finite token count, or 0. */
export function tokens(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}
