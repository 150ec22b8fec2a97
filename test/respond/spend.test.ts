import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { collectSpend } from '../../src/respond/spend/index.js';
import { BUILT_IN_PRICES, mergePrices, normalizeModelId, priceFor } from '../../src/respond/spend/prices.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function tempHome(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-spend-'));
  dirs.push(d);
  return d;
}

// Local times, so day/week/month boundaries hold in any time zone. 2026-12-16 is a Wednesday: the week
// started on Monday 14th.
const NOW = new Date(2026, 11, 16, 15, 0);
const at = (day: number, hour: number, month = 11) => new Date(2026, month, day, hour).toISOString();

function write(file: string, lines: (object | string)[]): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n')}\n`);
}

function assistant(
  id: string,
  req: string,
  model: string,
  when: string,
  usage: object,
  cwd = '/home/u/proj',
) {
  return {
    type: 'assistant',
    requestId: req,
    sessionId: 'sess-1',
    cwd,
    timestamp: when,
    uuid: `${id}-${Math.random()}`,
    message: { id, model, role: 'assistant', usage },
  };
}

/**
 * The fixture, priced by hand (USD per million tokens from prices.ts):
 * A  claude-sonnet-4-5-20250929, today: two lines of one response (output 10 then 500; the final 500 counts),
 *    copied again into a resumed session's file (counted once).
 *    input 1000 × 3 = 3000; output 500 × 15 = 7500; 5-minute cache write 1000 × 3.75 = 3750;
 *    1-hour cache write 1000 × 6 = 6000; cache read 10000 × 0.30 = 3000 → 23250 / 1e6 = $0.02325
 * B  claude-opus-4-6, today: input 200 × 5 = 1000; output 100 × 25 = 2500 → $0.0035
 * C  claude-haiku-4-5, Dec 2 (this month, not this week): input 1,000,000 × 1 → $1.00
 * D  claude-opus-4-6, Nov 20 (last month): not counted.
 * E  claude-future-9, today: 777 input tokens, no price → counted as tokens, listed as unpriced, $0.
 * F  OpenClaw gpt-5-mini, today: input 10000 × 0.25 = 2500; output 2000 × 2 = 4000;
 *    cache read 4000 × 0.025 = 100 → $0.0066
 * G  OpenClaw local-llama, today: no price here, the agent recorded cost.total 0.05 → $0.05
 * today = week = 0.02325 + 0.0035 + 0.0066 + 0.05 = $0.08335; month = today + 1.00 = $1.08335
 */
function buildFixture(home: string): void {
  const projects = path.join(home, '.claude', 'projects', '-home-u-proj');
  const usageA = (output: number) => ({
    input_tokens: 1000,
    output_tokens: output,
    cache_creation_input_tokens: 2000,
    cache_creation: { ephemeral_5m_input_tokens: 1000, ephemeral_1h_input_tokens: 1000 },
    cache_read_input_tokens: 10000,
  });
  write(path.join(projects, 'sess-1.jsonl'), [
    { type: 'user', timestamp: at(16, 9), message: { role: 'user', content: 'hi' } },
    assistant('msg_A', 'req_A', 'claude-sonnet-4-5-20250929', at(16, 9), usageA(10)),
    assistant('msg_A', 'req_A', 'claude-sonnet-4-5-20250929', at(16, 9), usageA(500)),
    assistant('msg_B', 'req_B', 'claude-opus-4-6', at(16, 10), { input_tokens: 200, output_tokens: 100 }),
    assistant('msg_C', 'req_C', 'claude-haiku-4-5', at(2, 10), { input_tokens: 1_000_000, output_tokens: 0 }),
    assistant('msg_D', 'req_D', 'claude-opus-4-6', at(20, 10, 10), { input_tokens: 9_000_000 }),
    assistant('msg_E', 'req_E', 'claude-future-9', at(16, 11), { input_tokens: 777 }),
    assistant('msg_S', 'req_S', '<synthetic>', at(16, 11), { input_tokens: 0, output_tokens: 0 }),
    '{"type":"assistant","message":{"usage":{"input_tokens":5',
  ]);
  // A resumed session repeats the earlier response in its own file.
  write(path.join(projects, 'sess-2.jsonl'), [
    assistant('msg_A', 'req_A', 'claude-sonnet-4-5-20250929', at(16, 9), usageA(500)),
  ]);
  write(path.join(home, '.openclaw', 'agents', 'main', 'sessions', 'oc-1.jsonl'), [
    { type: 'session', id: 'oc-1', timestamp: at(16, 8), cwd: '/home/u' },
    {
      type: 'message',
      id: 'm1',
      timestamp: at(16, 12),
      message: {
        role: 'assistant',
        model: 'gpt-5-mini',
        provider: 'openai',
        usage: { input: 10000, output: 2000, cacheRead: 4000, cacheWrite: 0, cost: { total: 0 } },
      },
    },
    {
      type: 'message',
      id: 'm2',
      timestamp: at(16, 13),
      message: {
        role: 'assistant',
        model: 'local-llama',
        usage: { input: 50, output: 50, cacheRead: 0, cacheWrite: 0, cost: { total: 0.05 } },
      },
    },
  ]);
}

describe('collectSpend', () => {
  it('matches the hand count of the fixture', async () => {
    const home = tempHome();
    buildFixture(home);
    const report = await collectSpend({ home, env: {}, now: NOW });
    expect(report.periods.today.costUSD).toBeCloseTo(0.08335, 10);
    expect(report.periods.week.costUSD).toBeCloseTo(0.08335, 10);
    expect(report.periods.month.costUSD).toBeCloseTo(1.08335, 10);
    expect(report.periods.today.responses).toBe(6); // A, B, E, synthetic, F, G
    const sonnet = report.periods.today.byModel.find((m) => m.name === 'claude-sonnet-4-5-20250929');
    expect(sonnet?.costUSD).toBeCloseTo(0.02325, 10);
    expect(sonnet?.tokens).toEqual({ input: 1000, output: 500, cacheWrite: 2000, cacheRead: 10000 });
    const projects = Object.fromEntries(report.periods.month.byProject.map((p) => [p.name, p.costUSD]));
    expect(projects['/home/u/proj']).toBeCloseTo(1.02675, 10);
    expect(projects['openclaw:main']).toBeCloseTo(0.0566, 10);
    expect(report.unpricedModels).toEqual(['claude-future-9']);
    expect(report.read.claudeCode.malformed).toBe(1);
    expect(report.read.claudeCode.files).toBe(2);
    expect(report.read.openclaw.files).toBe(1);
  });

  it('adds a --since period and takes price overrides from the policy', async () => {
    const home = tempHome();
    buildFixture(home);
    const report = await collectSpend({
      home,
      env: {},
      now: NOW,
      since: new Date(2026, 11, 16, 10, 0),
      priceOverrides: { 'claude-future-9': { input: 1000 } },
    });
    // B ($0.0035) + E (777 × 1000 / 1e6 = $0.777) + F + G
    expect(report.periods.since?.costUSD).toBeCloseTo(0.0035 + 0.777 + 0.0066 + 0.05, 10);
    expect(report.unpricedModels).toEqual([]);
  });

  it('skips files last written before the period and tolerates a missing home', async () => {
    const home = tempHome();
    buildFixture(home);
    const old = new Date(2026, 10, 1);
    for (const f of ['sess-1.jsonl', 'sess-2.jsonl'])
      fs.utimesSync(path.join(home, '.claude', 'projects', '-home-u-proj', f), old, old);
    const report = await collectSpend({ home, env: {}, now: NOW });
    expect(report.read.claudeCode.files).toBe(0);
    const empty = await collectSpend({ home: path.join(home, 'nope'), env: {}, now: NOW });
    expect(empty.periods.month.costUSD).toBe(0);
  });

  it('reads $CLAUDE_CONFIG_DIR and $OPENCLAW_STATE_DIR', async () => {
    const home = tempHome();
    buildFixture(home);
    fs.renameSync(path.join(home, '.claude'), path.join(home, 'cc'));
    fs.renameSync(path.join(home, '.openclaw'), path.join(home, 'oc'));
    const env = { CLAUDE_CONFIG_DIR: path.join(home, 'cc'), OPENCLAW_STATE_DIR: path.join(home, 'oc') };
    const report = await collectSpend({ home, env, now: NOW });
    expect(report.periods.today.costUSD).toBeCloseTo(0.08335, 10);
  });
});

describe('prices', () => {
  it('finds a dated or prefixed model id and never a neighbour', () => {
    expect(priceFor('claude-sonnet-4-5-20250929', BUILT_IN_PRICES)?.key).toBe('claude-sonnet-4-5');
    expect(priceFor('claude-sonnet-4-20250514', BUILT_IN_PRICES)?.key).toBe('claude-sonnet-4');
    expect(priceFor('claude-sonnet-5-5', BUILT_IN_PRICES)?.key).toBe('claude-sonnet-5-5');
    expect(priceFor('us.anthropic.claude-opus-4-1-20250805-v1:0', BUILT_IN_PRICES)?.key).toBe(
      'claude-opus-4-1',
    );
    expect(priceFor('openai/gpt-5-mini-2025-08-07', BUILT_IN_PRICES)?.key).toBe('gpt-5-mini');
    expect(priceFor('o3-mini', BUILT_IN_PRICES)?.key).toBe('o3-mini');
    expect(priceFor('claude-opus-4-6[1m]', BUILT_IN_PRICES)?.key).toBe('claude-opus-4-6');
    expect(priceFor('claude-sonnet', BUILT_IN_PRICES)).toBeUndefined();
    expect(normalizeModelId('claude-opus-4-5@20251101')).toBe('claude-opus-4-5');
  });

  it('lets an override change some fields of a known model', () => {
    const table = mergePrices({ 'claude-haiku-4-5-20251001': { output: 7 } });
    expect(priceFor('claude-haiku-4-5-20251001', table)?.price).toEqual({
      input: 1,
      output: 7,
      cacheWrite: 1.25,
      cacheWrite1h: 2,
      cacheRead: 0.1,
    });
  });
});
