import { describe, expect, it } from 'vitest';
import { allChecks } from '../../src/checks/index.js';
import type { Attestation } from '../../src/core/attest.js';
import {
  checklistStatus,
  computeCoverage,
  countByStatus,
  SEED_SECTIONS,
  seedGroup,
} from '../../src/core/coverage.js';
import { SEED_ITEMS } from '../../src/core/seed-items.js';
import { GUARD_RULES } from '../../src/policy/rules/index.js';

const NOW = new Date('2026-06-01T12:00:00Z');
const DAY = 24 * 60 * 60 * 1000;

function daysAgo(n: number): string {
  return new Date(NOW.getTime() - n * DAY).toISOString();
}

const CHECKS = [
  { id: 'claude/a', seedRefs: ['CC-H2', 'CS-7'] },
  { id: 'claude/b', seedRefs: ['CC-H2'] },
];
const RULES = [
  { id: 'boundary/x', seedRefs: ['PR-4', 'CS-7'] },
  { id: 'shell/y', seedRefs: ['PR-4'] },
];

function rowFor(id: string, rows: ReturnType<typeof checklistStatus>) {
  const row = rows.find((r) => r.item.id === id);
  if (!row) throw new Error(`no row for ${id}`);
  return row;
}

describe('coverage', () => {
  it('has one row per seed item, in seed order, each in a known section', () => {
    const coverage = computeCoverage(allChecks, GUARD_RULES);
    expect(coverage.map((c) => c.item.id)).toEqual(SEED_ITEMS.map((i) => i.id));
    for (const c of coverage) expect(Object.keys(SEED_SECTIONS)).toContain(c.section);
    expect(seedGroup('OC-H1')).toBe('OC');
  });

  it('counts an item as guarded exactly when a catalogued guard rule cites it', () => {
    const coverage = computeCoverage([], GUARD_RULES);
    const guarded = coverage.filter((c) => c.kinds.includes('guard')).map((c) => c.item.id);
    const cited = new Set(GUARD_RULES.flatMap((r) => r.seedRefs));
    expect(guarded.sort()).toEqual([...cited].sort());
    // Decisions cite these; the hand-kept list this replaced left them out.
    for (const id of ['PR-2', 'CC-H2', 'CS-8', 'PR-5']) expect(guarded).toContain(id);
    const cc5 = coverage.find((c) => c.item.id === 'CC-H5');
    expect(cc5?.guardRules).toContain('shell/rm-recursive');
    expect(cc5?.guard).toMatch(/^\d+ rules: /);
  });

  it('derives check coverage from seedRefs, and combines kinds', () => {
    const coverage = computeCoverage(CHECKS, RULES);
    const byId = new Map(coverage.map((c) => [c.item.id, c]));
    expect(byId.get('CC-H2')).toMatchObject({ checks: ['claude/a', 'claude/b'], kinds: ['check'] });
    expect(byId.get('CS-7')).toMatchObject({ checks: ['claude/a'], kinds: ['check', 'guard'] });
    expect(byId.get('CS-3')).toMatchObject({ checks: [], kinds: ['attest'] });
    expect(byId.get('PR-4')).toMatchObject({
      checks: [],
      guardRules: ['boundary/x', 'shell/y'],
      guard: '2 rules: boundary/x, shell/y',
      kinds: ['guard'],
    });
    expect(byId.get('PR-6')).toMatchObject({ checks: [], kinds: [] });
  });

  it('every registered check lands in the coverage of each item it names', () => {
    const coverage = computeCoverage(allChecks, GUARD_RULES);
    for (const check of allChecks) {
      for (const ref of check.seedRefs) {
        expect(coverage.find((c) => c.item.id === ref)?.checks).toContain(check.id);
      }
    }
  });
});

describe('status', () => {
  const coverage = computeCoverage(CHECKS, RULES);

  it('fails an item when findings name it, with the count and the worst severity', () => {
    const rows = checklistStatus(
      coverage,
      [
        { checkId: 'claude/a', seedRefs: ['CC-H2', 'CS-7'], severity: 'medium' },
        { checkId: 'claude/b', seedRefs: ['CC-H2'], severity: 'high' },
        { checkId: 'claude/b', seedRefs: ['CC-H2'], severity: 'low' },
      ],
      [],
      NOW,
    );
    expect(rowFor('CC-H2', rows).status).toEqual({
      kind: 'fail',
      findings: 3,
      severity: 'high',
      checks: ['claude/a', 'claude/b'],
    });
    expect(rowFor('CS-7', rows).status).toMatchObject({ kind: 'fail', findings: 1, severity: 'medium' });
  });

  it('passes items whose checks found nothing; guarded, unanswered and gap otherwise', () => {
    const rows = checklistStatus(coverage, [], [], NOW);
    expect(rowFor('CC-H2', rows).status.kind).toBe('pass');
    expect(rowFor('CS-7', rows).status.kind).toBe('pass');
    expect(rowFor('PR-4', rows).status.kind).toBe('guarded');
    expect(rowFor('CS-3', rows).status.kind).toBe('unanswered');
    expect(rowFor('PR-6', rows).status.kind).toBe('gap');
  });

  it('an answer is attested for 90 days, then expired (asked again)', () => {
    const answer = (days: number): Attestation => ({
      id: 'CS-3',
      answer: 'yes',
      note: 'cap set',
      date: daysAgo(days),
    });
    const status = (days: number) =>
      rowFor('CS-3', checklistStatus(coverage, [], [answer(days)], NOW)).status;
    expect(status(0)).toEqual({ kind: 'attested', attestation: answer(0) });
    expect(status(89.99).kind).toBe('attested');
    expect(status(90)).toEqual({ kind: 'expired', attestation: answer(90) });
    expect(status(400).kind).toBe('expired');
  });

  it('a finding beats an answer: the machine shows what the human said is not so', () => {
    const rows = checklistStatus(
      coverage,
      [{ checkId: 'claude/a', seedRefs: ['CC-H2'], severity: 'low' }],
      [{ id: 'CC-H2', answer: 'yes', note: 'all allowlisted', date: daysAgo(1) }],
      NOW,
    );
    expect(rowFor('CC-H2', rows).status.kind).toBe('fail');
  });

  it('a recorded answer also covers an item nothing else can see', () => {
    const rows = checklistStatus(
      coverage,
      [],
      [{ id: 'PR-6', answer: 'yes', note: 'plan in wiki', date: daysAgo(3) }],
      NOW,
    );
    expect(rowFor('PR-6', rows).status.kind).toBe('attested');
  });

  it('counts every status', () => {
    const counts = countByStatus(checklistStatus(coverage, [], [], NOW));
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(SEED_ITEMS.length);
    expect(counts.unanswered).toBe(SEED_ITEMS.filter((i) => i.attest).length);
  });
});
