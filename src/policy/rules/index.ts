import { actionRules } from './actions.js';
import type { GuardRule } from './define.js';
import { networkRules } from './network.js';
import { pathRules } from './paths.js';
import { pipelineRules } from './pipeline.js';
import { analyzeEffects } from './shell/analyze.js';
import { capabilityEffects } from './shell/capabilities.js';
import { codeEffects } from './shell/code.js';
import { fileEffects } from './shell/files.js';
import { gitEffects } from './shell/git.js';
import { infraEffects } from './shell/infra.js';
import { networkEffects } from './shell/network.js';
import { openclawEffects } from './shell/openclaw.js';
import { packageEffects } from './shell/packages.js';

export type { GuardRule } from './define.js';

/**
 * Every rule the guard can cite, with what it stops and examples run by test/policy/rules-examples.test.ts.
 * Generates the rule tables of docs/policy.md and the checklist's guard coverage. Not loaded by the hook.
 */
export const GUARD_RULES: readonly GuardRule[] = [
  ...pathRules,
  ...networkRules,
  ...actionRules,
  ...pipelineRules,
  ...analyzeEffects,
  ...capabilityEffects,
  ...codeEffects,
  ...fileEffects,
  ...gitEffects,
  ...infraEffects,
  ...networkEffects,
  ...openclawEffects,
  ...packageEffects,
];

const FAMILY = /^(.*)<[a-z]+>(.*)$/;

function familyMatches(pattern: string, id: string): boolean {
  const parts = pattern.split(/<[a-z]+>/);
  const re = new RegExp(`^${parts.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[^/]+')}$`);
  return re.test(id);
}

const BY_ID = new Map(GUARD_RULES.map((r) => [r.id as string, r]));
const FAMILIES = GUARD_RULES.filter((r) => FAMILY.test(r.id));

/** The catalogue entry for a rule id a decision cites: its own entry, else the family it belongs to. */
export function findGuardRule(id: string): GuardRule | undefined {
  return BY_ID.get(id) ?? FAMILIES.find((r) => familyMatches(r.id, id));
}

/** Whether a cited rule id is the catalogue entry `ruleId` (itself or a member of its family). */
export function ruleMatches(ruleId: string, cited: string): boolean {
  return findGuardRule(cited)?.id === ruleId;
}
