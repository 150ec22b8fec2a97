import { sha256 } from '../log/sha256.js';
import { BUILT_IN_LOOP_LIMITS, type LoopLimit, type RespondLimits } from '../policy/policy.js';
import type { Action, Verdict } from '../policy/types.js';

/*
 * Loop detection (the seed's "infinite-loop bankruptcy", CS-3/OC-H3): an agent retrying the same call, or
 * the same failing command, all night. Pure functions over a compact per-session history that the guard
 * pipeline stores with the session state; the clock is passed in.
 */

/** One remembered call: a hash of the normalised action (never the command itself), when, and if it failed. */
export interface LoopEvent {
  k: string;
  t: number;
  f?: 1;
}

export interface LoopHistory {
  events: LoopEvent[];
}

export interface LoopVerdict {
  verdict: Verdict;
  ruleId: '' | 'loop/same-call' | 'loop/same-failure';
  /** How many times within the window, this call included for same-call. */
  count: number;
  reason: string;
}

// Enough for the longest window at any plausible rate, small enough to rewrite on every call.
const MAX_EVENTS = 256;

export function emptyLoopHistory(): LoopHistory {
  return { events: [] };
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([k]) => k !== 'description')
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * What makes two calls "the same": a command with its whitespace collapsed; for other tools, the whole
 * input (minus the free-text description), so editing one file in many different ways is not a loop.
 */
export function loopKey(action: Pick<Action, 'tool' | 'command' | 'raw'>): string {
  const body =
    action.command !== undefined
      ? action.command.trim().replace(/\s+/g, ' ')
      : stableJson(action.raw ?? null);
  return sha256(`${action.tool}\u0000${body}`).slice(0, 16);
}

function withEvent(history: LoopHistory, event: LoopEvent, limits: RespondLimits['loops']): LoopHistory {
  const windowMs =
    Math.max(...Object.values({ ...BUILT_IN_LOOP_LIMITS, ...limits }).map((l) => l.minutes)) * 60_000;
  const kept = history.events.filter((e) => event.t - e.t <= windowMs);
  return { events: [...kept, event].slice(-MAX_EVENTS) };
}

/** Remembers a call about to run (call it once the call is not denied). */
export function recordCall(
  history: LoopHistory,
  key: string,
  nowMs: number,
  limits: RespondLimits['loops'] = {},
): LoopHistory {
  return withEvent(history, { k: key, t: nowMs }, limits);
}

/** Remembers that a call failed (a non-zero exit, a tool error). */
export function recordFailure(
  history: LoopHistory,
  key: string,
  nowMs: number,
  limits: RespondLimits['loops'] = {},
): LoopHistory {
  return withEvent(history, { k: key, t: nowMs, f: 1 }, limits);
}

function countWithin(history: LoopHistory, key: string, nowMs: number, limit: LoopLimit, failed: boolean) {
  const since = nowMs - limit.minutes * 60_000;
  return history.events.filter((e) => e.k === key && e.t >= since && (!failed || e.f === 1)).length;
}

/** At `count` the person is asked; at twice `count` the call is denied. */
function verdictFor(count: number, limit: LoopLimit): Verdict {
  if (count >= limit.count * 2) return 'deny';
  return count >= limit.count ? 'ask' : 'allow';
}

/** Whether this call continues a loop. The stricter of the same-call and same-failure limits decides. */
export function evaluateLoop(
  history: LoopHistory,
  action: Pick<Action, 'tool' | 'command' | 'raw'>,
  nowMs: number,
  limits: RespondLimits['loops'] = {},
): LoopVerdict {
  const key = loopKey(action);
  const sameCall = limits.sameCall ?? BUILT_IN_LOOP_LIMITS.sameCall;
  const sameFailure = limits.sameFailure ?? BUILT_IN_LOOP_LIMITS.sameFailure;
  const calls = countWithin(history, key, nowMs, sameCall, false) + 1;
  const failures = countWithin(history, key, nowMs, sameFailure, true);
  const byCall = verdictFor(calls, sameCall);
  const byFailure = verdictFor(failures, sameFailure);
  const rank = (v: Verdict) => ['allow', 'ask', 'deny'].indexOf(v);
  const what = action.command !== undefined ? 'command' : `${action.tool} call`;
  if (rank(byFailure) > 0 && rank(byFailure) >= rank(byCall)) {
    return {
      verdict: byFailure,
      ruleId: 'loop/same-failure',
      count: failures,
      reason: `the same ${what} already failed ${failures} times in ${sameFailure.minutes} minutes: the agent may be stuck in a loop that burns money (limit ${sameFailure.count}, policy loops.sameFailure)`,
    };
  }
  if (rank(byCall) > 0) {
    return {
      verdict: byCall,
      ruleId: 'loop/same-call',
      count: calls,
      reason: `the same ${what} ${calls} times in ${sameCall.minutes} minutes: the agent may be stuck in a loop that burns money (limit ${sameCall.count}, policy loops.sameCall)`,
    };
  }
  return { verdict: 'allow', ruleId: '', count: calls, reason: '' };
}

/** A stored history, checked: anything malformed starts afresh rather than failing the call. */
export function parseLoopHistory(value: unknown): LoopHistory {
  const events = (value as LoopHistory | undefined)?.events;
  if (!Array.isArray(events)) return emptyLoopHistory();
  return {
    events: events
      .filter((e): e is LoopEvent => typeof e?.k === 'string' && typeof e.t === 'number')
      .map((e): LoopEvent => (e.f === 1 ? { k: e.k, t: e.t, f: 1 } : { k: e.k, t: e.t }))
      .slice(-MAX_EVENTS),
  };
}
