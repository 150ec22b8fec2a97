import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadPolicy } from '../../src/policy/index.js';
import type { Action } from '../../src/policy/types.js';
import { evaluateBudget } from '../../src/respond/budget.js';
import {
  emptyLoopHistory,
  evaluateLoop,
  type LoopHistory,
  loopKey,
  parseLoopHistory,
  recordCall,
  recordFailure,
} from '../../src/respond/loops.js';

describe('evaluateBudget', () => {
  const budgets = { daily: 10, monthly: 100 };

  it('is none below half of every budget and without budgets', () => {
    expect(evaluateBudget({ todayUSD: 4.99, monthUSD: 49 }, budgets).level).toBe('none');
    expect(evaluateBudget({ todayUSD: 1e6, monthUSD: 1e6 }, {}).level).toBe('none');
  });

  it('alerts at 50 % and 80 % and is exceeded at 100 %, per day and per month', () => {
    expect(evaluateBudget({ todayUSD: 5, monthUSD: 0 }, budgets).level).toBe('alert50');
    expect(evaluateBudget({ todayUSD: 8, monthUSD: 0 }, budgets).level).toBe('alert80');
    const day = evaluateBudget({ todayUSD: 10, monthUSD: 10 }, budgets);
    expect(day.level).toBe('exceeded');
    expect(day.reason).toContain('daily spend $10.00 of the $10.00 budget (100 %)');
    expect(day.reason).toContain('agentwarden unlock');
    const month = evaluateBudget({ todayUSD: 1, monthUSD: 120 }, budgets);
    expect(month.level).toBe('exceeded');
    expect(month.reason).toContain('monthly spend $120.00');
    expect(month.periods.map((p) => p.level)).toEqual(['none', 'exceeded']);
  });

  it('counts a person’s unlock until the override ends', () => {
    const over = { todayUSD: 12, monthUSD: 12 };
    const during = evaluateBudget(over, budgets, { untilMs: 2000, nowMs: 1000 });
    expect(during.level).toBe('alert80');
    expect(during.reason).toContain('a person allowed it');
    expect(evaluateBudget(over, budgets, { untilMs: 2000, nowMs: 2000 }).level).toBe('exceeded');
  });
});

const MIN = 60_000;
const bash = (command: string): Action => ({
  tool: 'Bash',
  kind: 'exec',
  command,
  paths: [],
  urls: [],
  cwd: '/p',
  raw: { command, description: 'x' },
});

/** Runs `action` n times, a minute apart from `start`, recording each as the pipeline would. */
function repeat(history: LoopHistory, action: Action, n: number, start: number, failed = false): LoopHistory {
  let h = history;
  for (let i = 0; i < n; i++) {
    h = recordCall(h, loopKey(action), start + i * MIN);
    if (failed) h = recordFailure(h, loopKey(action), start + i * MIN);
  }
  return h;
}

describe('loop detector', () => {
  const limits = { sameCall: { count: 5, minutes: 10 }, sameFailure: { count: 3, minutes: 10 } };

  it('asks at N identical calls within M minutes, denies at 2N, and says the count', () => {
    const ls = bash('ls  -la');
    let h = repeat(emptyLoopHistory(), ls, 3, 0);
    expect(evaluateLoop(h, ls, 3 * MIN, limits).verdict).toBe('allow');
    h = repeat(h, ls, 1, 3 * MIN);
    const ask = evaluateLoop(h, bash('ls -la'), 4 * MIN, limits);
    expect(ask).toMatchObject({ verdict: 'ask', ruleId: 'loop/same-call', count: 5 });
    expect(ask.reason).toContain('5 times in 10 minutes');
    h = repeat(h, ls, 5, 4 * MIN);
    expect(evaluateLoop(h, ls, 9 * MIN, limits)).toMatchObject({ verdict: 'deny', count: 10 });
  });

  it('forgets calls older than the window (fake clock)', () => {
    const ls = bash('ls');
    const h = repeat(emptyLoopHistory(), ls, 9, 0);
    expect(evaluateLoop(h, ls, 8 * MIN, limits).verdict).toBe('deny');
    expect(evaluateLoop(h, ls, 8 * MIN + 11 * MIN, limits).verdict).toBe('allow');
  });

  it('tells different calls apart and ignores the description', () => {
    const h = repeat(emptyLoopHistory(), bash('npm test'), 4, 0);
    expect(evaluateLoop(h, bash('npm run build'), 4 * MIN, limits).verdict).toBe('allow');
    const edit = (s: string): Action => ({
      ...bash(''),
      tool: 'Edit',
      kind: 'write',
      command: undefined,
      raw: { file_path: '/p/a', new_string: s },
    });
    const edits = repeat(emptyLoopHistory(), edit('a'), 4, 0);
    expect(evaluateLoop(edits, edit('b'), 4 * MIN, limits).verdict).toBe('allow');
    expect(evaluateLoop(edits, edit('a'), 4 * MIN, limits).verdict).toBe('ask');
    expect(loopKey(bash('x'))).toBe(loopKey({ ...bash('x'), raw: { command: 'x', description: 'other' } }));
  });

  it('asks sooner about the same failing command', () => {
    const make = bash('make deploy');
    const failing = repeat(emptyLoopHistory(), make, 3, 0, true);
    const v = evaluateLoop(failing, make, 3 * MIN, limits);
    expect(v).toMatchObject({ verdict: 'ask', ruleId: 'loop/same-failure', count: 3 });
    expect(v.reason).toContain('already failed 3 times in 10 minutes');
    expect(evaluateLoop(repeat(failing, make, 3, 3 * MIN, true), make, 6 * MIN, limits).verdict).toBe('deny');
    const passing = repeat(emptyLoopHistory(), make, 3, 0);
    expect(evaluateLoop(passing, make, 3 * MIN, limits).verdict).toBe('allow');
  });

  it('keeps the history bounded, stores no command text, and survives a corrupt store', () => {
    const h = repeat(emptyLoopHistory(), bash('curl -H "Authorization: Bearer abc" x'), 400, 0);
    expect(h.events.length).toBeLessThanOrEqual(256);
    expect(JSON.stringify(h)).not.toContain('Bearer');
    expect(parseLoopHistory({ events: [{ k: 'a', t: 1, f: 1 }, { k: 2 }, null] })).toEqual({
      events: [{ k: 'a', t: 1, f: 1 }],
    });
    expect(parseLoopHistory('junk')).toEqual({ events: [] });
  });
});

describe('policy keys budgets, loops and prices', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  function setup(user: string, project: string) {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-limits-'));
    dirs.push(home);
    const proj = path.join(home, 'proj');
    fs.mkdirSync(path.join(home, '.config', 'agentwarden'), { recursive: true });
    fs.mkdirSync(proj);
    if (user) fs.writeFileSync(path.join(home, '.config', 'agentwarden', 'policy.yaml'), user);
    if (project) fs.writeFileSync(path.join(proj, 'agentwarden.policy.yaml'), project);
    return loadPolicy({ home, project: proj, env: {} });
  }

  it('takes them from the user file; a project may only tighten and never set prices', () => {
    const loaded = setup(
      'budgets: { daily: 20, monthly: 300 }\nloops: { sameCall: { count: 10, minutes: 5 } }\nprices: { my-model: { input: 1, output: 2 } }\n',
      'budgets: { daily: 5, monthly: 900 }\nloops: { sameCall: { count: 50, minutes: 5 }, sameFailure: { count: 3, minutes: 10 } }\nprices: { claude-opus-4-6: { input: 0, output: 0 } }\n',
    );
    if (!loaded.ok) throw new Error(loaded.error);
    expect(loaded.policy.limits.budgets).toEqual({ daily: 5, monthly: 300 });
    expect(loaded.policy.limits.loops).toEqual({
      sameCall: { count: 10, minutes: 5 },
      sameFailure: { count: 3, minutes: 10 },
    });
    expect(loaded.policy.limits.prices).toEqual({ 'my-model': { input: 1, output: 2 } });
    expect(loaded.provenance.ignored.map((i) => i.key).sort()).toEqual([
      'budgets.monthly',
      'loops.sameCall',
      'prices',
    ]);
  });

  it('has built-in loop limits a project cannot loosen', () => {
    const loaded = setup('', 'loops: { sameFailure: { count: 500, minutes: 1 } }\n');
    if (!loaded.ok) throw new Error(loaded.error);
    expect(loaded.policy.limits.loops).toEqual({
      sameCall: { count: 20, minutes: 10 },
      sameFailure: { count: 5, minutes: 10 },
    });
    expect(loaded.provenance.ignored.map((i) => i.key)).toEqual(['loops.sameFailure']);
  });

  it('rejects a negative budget with the file and line', () => {
    const loaded = setup('role: builder\nbudgets:\n  daily: -1\n', '');
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) expect(loaded.error).toMatch(/policy\.yaml:3: budgets\.daily/);
  });
});
