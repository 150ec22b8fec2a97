import { type Attestation, isExpired } from './attest.js';
import type { Check } from './check.js';
import type { Finding } from './finding.js';
import { SEED_ITEMS, type SeedGroup, type SeedItem } from './seed-items.js';
import { type Severity, severityRank } from './severity.js';

/** How agentwarden covers a seed item. An item may have several; none at all is a gap. */
export type CoverageKind = 'check' | 'guard' | 'attest';

/** What coverage needs of a guard rule: the catalogue (src/policy/rules) is passed in, never imported. */
export interface GuardRuleRef {
  id: string;
  seedRefs: readonly string[];
}

/** `3 rules: a, b, c`, or the first three and how many more. */
function guardSummary(ids: readonly string[]): string {
  const shown = ids.slice(0, 3).join(', ');
  const more = ids.length > 3 ? ` and ${ids.length - 3} more` : '';
  return `${ids.length} rule${ids.length === 1 ? '' : 's'}: ${shown}${more}`;
}

/** The seed's sections, in the order ITEMS.md lists them. */
export const SEED_SECTIONS: Readonly<Record<SeedGroup, string>> = {
  CS: 'Consensus items',
  OC: 'Persistent agents: OpenClaw / Moltbot / Clawdbot',
  CC: 'Claude Code',
  PR: 'Principles',
  SK: 'Skills and plugins',
  DA: 'Deployment',
  SP: 'System prompts',
  FW: 'Frameworks',
  ON: 'Overnight checklist',
};

export function seedGroup(id: string): SeedGroup {
  return id.slice(0, id.indexOf('-')) as SeedGroup;
}

export interface ItemCoverage {
  item: SeedItem;
  section: SeedGroup;
  /** Ids of the checks whose seedRefs name the item. */
  checks: string[];
  /** Ids of the guard rules whose seedRefs name the item. */
  guardRules: string[];
  /** How the guard enforces it, when it does: its rules, in a line. */
  guard?: string;
  kinds: CoverageKind[];
}

/** Each seed item with the checks and guard rules whose seedRefs name it, and whether a human must answer. */
export function computeCoverage(
  checks: readonly Pick<Check, 'id' | 'seedRefs'>[],
  guardRules: readonly GuardRuleRef[],
  items: readonly SeedItem[] = SEED_ITEMS,
): ItemCoverage[] {
  return items.map((item) => {
    const itemChecks = checks.filter((c) => c.seedRefs.includes(item.id)).map((c) => c.id);
    const itemRules = guardRules.filter((r) => r.seedRefs.includes(item.id)).map((r) => r.id);
    const kinds: CoverageKind[] = [];
    if (itemChecks.length) kinds.push('check');
    if (itemRules.length) kinds.push('guard');
    if (item.attest) kinds.push('attest');
    return {
      item,
      section: seedGroup(item.id),
      checks: itemChecks,
      guardRules: itemRules,
      ...(itemRules.length > 0 && { guard: guardSummary(itemRules) }),
      kinds,
    };
  });
}

export type ItemStatus =
  /** Findings on this machine name the item. */
  | { kind: 'fail'; findings: number; severity: Severity; checks: string[] }
  /** It has checks and none fired. */
  | { kind: 'pass' }
  /** A human answered less than ATTESTATION_TTL_DAYS ago. */
  | { kind: 'attested'; attestation: Attestation }
  /** A human answered, but long enough ago that it must be asked again. */
  | { kind: 'expired'; attestation: Attestation }
  /** Only a human can answer, and nobody has. */
  | { kind: 'unanswered' }
  /** Enforced at run time by the guard; nothing on disk to look at. */
  | { kind: 'guarded' }
  /** Nothing covers it. */
  | { kind: 'gap' };

export type StatusKind = ItemStatus['kind'];
export const STATUS_KINDS: readonly StatusKind[] = [
  'fail',
  'expired',
  'unanswered',
  'gap',
  'guarded',
  'attested',
  'pass',
];

export interface ChecklistRow extends ItemCoverage {
  status: ItemStatus;
}

/**
 * Status of each item on this machine. A finding beats everything; then a human's answer (the only
 * evidence for what no machine can see); then the checks; then the guard.
 */
export function checklistStatus(
  coverage: readonly ItemCoverage[],
  findings: readonly Pick<Finding, 'checkId' | 'seedRefs' | 'severity'>[],
  attestations: readonly Attestation[],
  now: Date,
): ChecklistRow[] {
  const answers = new Map(attestations.map((a) => [a.id, a]));
  return coverage.map((cov) => {
    const fired = findings.filter((f) => f.seedRefs.includes(cov.item.id));
    const answer = answers.get(cov.item.id);
    let status: ItemStatus;
    if (fired.length) {
      const severity = fired.reduce<Severity>(
        (worst, f) => (severityRank(f.severity) > severityRank(worst) ? f.severity : worst),
        'info',
      );
      status = {
        kind: 'fail',
        findings: fired.length,
        severity,
        checks: [...new Set(fired.map((f) => f.checkId))],
      };
    } else if (answer) {
      status = { kind: isExpired(answer, now) ? 'expired' : 'attested', attestation: answer };
    } else if (cov.kinds.includes('attest')) {
      status = { kind: 'unanswered' };
    } else if (cov.kinds.includes('check')) {
      status = { kind: 'pass' };
    } else if (cov.kinds.includes('guard')) {
      status = { kind: 'guarded' };
    } else {
      status = { kind: 'gap' };
    }
    return { ...cov, status };
  });
}

export function countByStatus(rows: readonly ChecklistRow[]): Record<StatusKind, number> {
  const out = Object.fromEntries(STATUS_KINDS.map((k) => [k, 0])) as Record<StatusKind, number>;
  for (const r of rows) out[r.status.kind]++;
  return out;
}
