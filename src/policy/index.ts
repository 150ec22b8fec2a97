export {
  cellVerdict,
  type DecisionEnv,
  type DecisionExplanation,
  decide,
  explainDecision,
  type FiredRule,
  type ShellAnalyzer,
} from './decide.js';
export { explainPolicy } from './explain.js';
export { BUILT_IN_SOURCE, type LoadOptions, loadPolicy, type PolicyLoad, type Provenance } from './load.js';
export {
  BUILT_IN_LOOP_LIMITS,
  buildPolicy,
  builtInPolicyData,
  defaultPolicy,
  type LoopLimit,
  type McpRule,
  type Policy,
  type PolicyData,
  type RespondLimits,
} from './policy.js';
export { policyJsonSchema } from './schema.js';
export { initialSessionState, observe, type SessionState, untrustedSource } from './session.js';
export type { Action, ActionKind, Decision, Verdict } from './types.js';
export { CELLS, type Cell, ROLES, type RoleName } from './vocabulary.js';
