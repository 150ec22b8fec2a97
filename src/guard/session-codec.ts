import type { SessionState } from '../policy/session.js';
import type { SessionStateCodec } from './session-store.js';

// Mirrors the policy's own cap on remembered sources.
const MAX_TAINT_SOURCES = 5;

function isSessionState(value: unknown): value is SessionState {
  const v = value as SessionState;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.tainted === 'boolean' &&
    Array.isArray(v.taintSources) &&
    v.taintSources.every((s) => typeof s === 'string')
  );
}

/** Taint only grows: a union never turns a tainted session clean, whatever order writers merge in. */
export const sessionStateCodec: SessionStateCodec<SessionState> = {
  parse: (value) =>
    isSessionState(value) ? { tainted: value.tainted, taintSources: value.taintSources } : undefined,
  merge: (a, b) => ({
    tainted: a.tainted || b.tainted,
    taintSources: [...a.taintSources.filter((s) => !b.taintSources.includes(s)), ...b.taintSources].slice(
      -MAX_TAINT_SOURCES,
    ),
  }),
  equal: (a, b) =>
    a.tainted === b.tainted && JSON.stringify(a.taintSources) === JSON.stringify(b.taintSources),
};

/** What to assume when the stored state cannot be read: tainted, so nothing is trusted by mistake. */
export function unreadableSessionState(why: string): SessionState {
  return { tainted: true, taintSources: [`unknown (${why.slice(0, 80)})`] };
}
