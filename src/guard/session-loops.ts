import * as path from 'node:path';
import { type LoopEvent, type LoopHistory, parseLoopHistory } from '../respond/loops.js';
import { loadSessionState, type SessionStateCodec, saveSessionState } from './session-store.js';

const eventId = (e: LoopEvent) => `${e.k}:${e.t}:${e.f ?? 0}`;

/**
 * A session's call history is kept beside its taint, through the same store (lock, re-read, union,
 * atomic rename), so two hooks of one session running in parallel never lose each other's calls.
 */
export const loopHistoryCodec: SessionStateCodec<LoopHistory> = {
  parse: (value) => (typeof value === 'object' && value !== null ? parseLoopHistory(value) : undefined),
  merge: (a, b) => {
    const byId = new Map<string, LoopEvent>();
    for (const e of [...a.events, ...b.events]) byId.set(eventId(e), e);
    return parseLoopHistory({ events: [...byId.values()].sort((x, y) => x.t - y.t) });
  },
  equal: (a, b) =>
    a.events.length === b.events.length &&
    a.events.every((e, i) => eventId(e) === eventId(b.events[i] as LoopEvent)),
};

/** Beside the sessions dir, not in it: that dir holds exactly one state file per session. */
function loopsDir(sessionsDir: string): string {
  return path.join(path.dirname(sessionsDir), 'session-loops');
}

/** The session's call history; a missing or unreadable one starts empty (loops are a cost limit, not a trust boundary). */
export function loadLoopHistory(sessionsDir: string, sessionId: string): LoopHistory {
  const loaded = loadSessionState(loopsDir(sessionsDir), sessionId, loopHistoryCodec);
  return loaded.status === 'found' ? loaded.state : { events: [] };
}

/** Merges `history` into the stored one; an error message instead of a throw. */
export function saveLoopHistory(
  sessionsDir: string,
  sessionId: string,
  history: LoopHistory,
): string | undefined {
  const saved = saveSessionState(loopsDir(sessionsDir), sessionId, history, loopHistoryCodec);
  return saved.ok ? undefined : saved.error;
}

/**
 * The time to record a new event at: now, or just after the last event when the clock has not moved (two
 * calls in one millisecond), since events are merged as a set and two equal ones would count once.
 */
export function nextEventTime(history: LoopHistory, nowMs: number): number {
  const last = history.events.at(-1)?.t ?? Number.NEGATIVE_INFINITY;
  return nowMs > last ? nowMs : last + 1;
}
