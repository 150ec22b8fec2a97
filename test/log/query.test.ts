import { describe, expect, it } from 'vitest';
import { parseSince } from '../../src/core/since.js';
import type { ActivityRecord } from '../../src/log/activity-log.js';
import { matchesQuery } from '../../src/log/query.js';

const now = new Date('2026-11-26T12:00:00Z');

describe('parseSince', () => {
  it('reads spans back from now and ISO dates (a bare date is local midnight)', () => {
    expect(parseSince('1h', now)?.toISOString()).toBe('2026-11-26T11:00:00.000Z');
    expect(parseSince('2d', now)?.toISOString()).toBe('2026-11-24T12:00:00.000Z');
    expect(parseSince('2026-11-01T09:00:00Z', now)?.toISOString()).toBe('2026-11-01T09:00:00.000Z');
    expect(parseSince('2026-11-01', now)?.getTime()).toBe(new Date(2026, 10, 1).getTime());
  });

  it('refuses what is neither', () => {
    for (const bad of ['yesterday', '1y', '', '2026-13-45']) expect(parseSince(bad, now)).toBeUndefined();
  });
});

describe('matchesQuery', () => {
  const r = {
    ts: '2026-11-26T11:30:00.000Z',
    session: 's1',
    verdict: 'deny',
    ruleId: 'shell/rm-recursive',
  } as ActivityRecord;

  it('needs every filter to match; a rule ending in * is a prefix', () => {
    expect(matchesQuery(r, {})).toBe(true);
    expect(matchesQuery(r, { rule: 'shell/*', verdict: 'deny', session: 's1' })).toBe(true);
    expect(matchesQuery(r, { rule: 'shell/rm' })).toBe(false);
    expect(matchesQuery(r, { since: new Date('2026-11-26T11:45:00Z') })).toBe(false);
    expect(matchesQuery(r, { verdict: 'allow' })).toBe(false);
    expect(matchesQuery(r, { session: 's2' })).toBe(false);
  });
});
