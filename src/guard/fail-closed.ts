import type { Decision } from '../policy/types.js';

/** The fail-closed answer for anything that went wrong before a decision could be made. */
export function failClosedDecision(what: string): Decision {
  return {
    verdict: 'deny',
    ruleId: 'guard-error',
    reason: `${what}; blocking (fail closed)`,
    seedRefs: ['CC-H3'],
  };
}
