/** USD per million tokens. A cache write with a one-hour lifetime costs more than a five-minute one. */
export interface ModelPrice {
  input: number;
  output: number;
  /** Five-minute cache write (Anthropic's default lifetime). */
  cacheWrite: number;
  /** One-hour cache write; Claude Code writes most of its prompt cache with this lifetime. */
  cacheWrite1h: number;
  cacheRead: number;
}

export type PriceTable = Readonly<Record<string, ModelPrice>>;

/**
 * List prices on 2026-12-04, from the providers' pricing pages:
 * - Anthropic: platform.claude.com/docs/en/about-claude/pricing ("Model pricing" table). Haiku 5.5 is priced
 *   at its up-to-100k-token prompt band (a longer prompt costs 5×); Sonnet 5.5 cache reads at the rate cut
 *   on 2026-10-07. Long-context surcharges, batch discounts, fast mode and US-only inference are not modelled.
 * - OpenAI: openai.com/api/pricing (standard tier). OpenAI bills no cache write, so cacheWrite = input.
 * - Google: ai.google.dev/gemini-api/docs/pricing (prompts up to 200k tokens).
 * Prices change: override or add models under `prices:` in ~/.config/agentwarden/policy.yaml.
 */
export const PRICES_AS_OF = '2026-12-04';

const anthropic = (input: number, output: number, cacheRead: number): ModelPrice => ({
  input,
  output,
  cacheWrite: input * 1.25,
  cacheWrite1h: input * 2,
  cacheRead,
});
const noCacheWrite = (input: number, output: number, cacheRead: number): ModelPrice => ({
  input,
  output,
  cacheWrite: input,
  cacheWrite1h: input,
  cacheRead,
});

export const BUILT_IN_PRICES: PriceTable = {
  'claude-fable-5-2': anthropic(8, 40, 0.2),
  'claude-mythos-5-2': anthropic(8, 40, 0.2),
  'claude-fable-5-1': anthropic(10, 50, 0.25),
  'claude-mythos-5-1': anthropic(10, 50, 0.25),
  'claude-fable-5': anthropic(10, 50, 1),
  'claude-mythos-5': anthropic(10, 50, 1),
  'claude-opus-5-5': anthropic(4, 20, 0.2),
  'claude-opus-5': anthropic(5, 25, 0.5),
  'claude-opus-4-8': anthropic(5, 25, 0.5),
  'claude-opus-4-7': anthropic(5, 25, 0.5),
  'claude-opus-4-6': anthropic(5, 25, 0.5),
  'claude-opus-4-5': anthropic(5, 25, 0.5),
  'claude-opus-4-1': anthropic(15, 75, 1.5),
  'claude-opus-4': anthropic(15, 75, 1.5),
  'claude-3-opus': anthropic(15, 75, 1.5),
  'claude-sonnet-5-5': anthropic(2, 10, 0.1),
  'claude-sonnet-5': anthropic(2, 10, 0.2),
  'claude-sonnet-4-6': anthropic(3, 15, 0.3),
  'claude-sonnet-4-5': anthropic(3, 15, 0.3),
  'claude-sonnet-4': anthropic(3, 15, 0.3),
  'claude-3-7-sonnet': anthropic(3, 15, 0.3),
  'claude-haiku-5-5': anthropic(0.1, 0.5, 0.01),
  'claude-haiku-4-5': anthropic(1, 5, 0.1),
  'claude-3-5-haiku': anthropic(0.8, 4, 0.08),
  'claude-3-haiku': { input: 0.25, output: 1.25, cacheWrite: 0.3, cacheWrite1h: 0.5, cacheRead: 0.03 },
  'gpt-5': noCacheWrite(1.25, 10, 0.125),
  'gpt-5-mini': noCacheWrite(0.25, 2, 0.025),
  'gpt-5-nano': noCacheWrite(0.05, 0.4, 0.005),
  'gpt-4.1': noCacheWrite(2, 8, 0.5),
  'gpt-4.1-mini': noCacheWrite(0.4, 1.6, 0.1),
  'gpt-4.1-nano': noCacheWrite(0.1, 0.4, 0.025),
  'gpt-4o': noCacheWrite(2.5, 10, 1.25),
  'gpt-4o-mini': noCacheWrite(0.15, 0.6, 0.075),
  o3: noCacheWrite(2, 8, 0.5),
  'o3-mini': noCacheWrite(1.1, 4.4, 0.55),
  'o4-mini': noCacheWrite(1.1, 4.4, 0.275),
  'gemini-2.5-pro': noCacheWrite(1.25, 10, 0.31),
  'gemini-2.5-flash': noCacheWrite(0.3, 2.5, 0.075),
};

/**
 * The id a price table is keyed by: lower case, without a provider prefix (`anthropic/`, Bedrock's
 * `anthropic.` and `-v1:0`), a context tag (`[1m]`) or Vertex's `@date`.
 */
export function normalizeModelId(model: string): string {
  let id = model.trim().toLowerCase();
  id = id.slice(id.lastIndexOf('/') + 1);
  id = id.replace(/\[[^\]]*\]$/, '').replace(/@.*$/, '');
  id = id.replace(/^(?:[a-z]{2}\.)?anthropic\./, '').replace(/-v\d+(?::\d+)?$/, '');
  return id;
}

/**
 * The price of a model: an exact key, else the longest key the id starts with at a `-` boundary, so a
 * dated id (`claude-sonnet-4-5-20250929`) finds its model and never a neighbour (`claude-sonnet-4`).
 */
export function priceFor(model: string, table: PriceTable): { key: string; price: ModelPrice } | undefined {
  const id = normalizeModelId(model);
  const exact = table[id];
  if (exact) return { key: id, price: exact };
  let best: string | undefined;
  for (const key of Object.keys(table)) {
    if (id.startsWith(`${key}-`) && (best === undefined || key.length > best.length)) best = key;
  }
  const price = best === undefined ? undefined : table[best];
  return best !== undefined && price ? { key: best, price } : undefined;
}

/** Built-in prices with the user's overrides on top (an override may give only some of the fields). */
export function mergePrices(
  overrides: Readonly<Record<string, Partial<ModelPrice>>> | undefined,
  base: PriceTable = BUILT_IN_PRICES,
): PriceTable {
  const table: Record<string, ModelPrice> = { ...base };
  for (const [model, partial] of Object.entries(overrides ?? {})) {
    const key = normalizeModelId(model);
    const start = table[key] ?? priceFor(key, base)?.price;
    const input = partial.input ?? start?.input ?? 0;
    table[key] = {
      input,
      output: partial.output ?? start?.output ?? 0,
      cacheWrite: partial.cacheWrite ?? start?.cacheWrite ?? input,
      cacheWrite1h: partial.cacheWrite1h ?? start?.cacheWrite1h ?? partial.cacheWrite ?? input,
      cacheRead: partial.cacheRead ?? start?.cacheRead ?? input,
    };
  }
  return table;
}
