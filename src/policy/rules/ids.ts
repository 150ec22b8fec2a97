import type { ShellEffectId } from '../../scanners/shell/effect-ids.js';
import type { Capability } from '../../scanners/shell/types.js';
import type { RoleName } from '../vocabulary.js';

/**
 * Every rule id the guard can put in a decision or the activity log. `decide()` and the adapters take only
 * these (tsc checks), and the catalogue beside this file documents each one; its test fails on a gap.
 */
export const POLICY_RULE_IDS = [
  'protected-path/read-secret',
  'protected-path/write-secret',
  'protected-path/write-self',
  'protected-path/write-startup-file',
  'protected-path/covers-secrets',
  'protected-path/path-too-long',
  'credentials/env-secret',
  'self/guard-cli',
  'self/claude-config',
  'boundary/write-outside-project',
  'network/secret-in-url',
  'network/metadata-endpoint',
  'network/denied-domain',
  'network/ambiguous-url',
  'network/unknown-domain',
  'network/unparsed-url',
  'network/allowlisted',
  'network/local',
  'shell/parse-error',
  'shell/analyzer-unavailable',
  'shell/analyzer-error',
  'mcp/policy-rule',
  'taint/side-effect',
  'tool/web-search',
  'tool/subagent',
  'tool/internal',
  'tool/unknown',
  'policy/no-rule',
] as const;

/** Ids the guard's pipeline writes around `decide()`: a containment deny, a failure, and log-only events. */
export const PIPELINE_RULE_IDS = [
  'kill-switch',
  'guard-error',
  'guard-watchdog',
  'secret-in-prompt',
  'budget/exceeded',
  'budget/50-percent',
  'budget/80-percent',
  'loop/same-call',
  'loop/same-failure',
  'injection/detected',
  'secret-in-output',
  'taint',
  'session-start',
] as const;

export type PolicyRuleId = (typeof POLICY_RULE_IDS)[number];
export type PipelineRuleId = (typeof PIPELINE_RULE_IDS)[number];
/** The permission matrix cell that decided: `role/builder/network`. */
export type RoleRuleId = `role/${RoleName}/${Capability}`;
/** A high or critical effect of a shell command decided: `shell/rm-recursive`. */
export type ShellRuleId = `shell/${ShellEffectId}`;
export type GuardRuleId = PolicyRuleId | PipelineRuleId | RoleRuleId | ShellRuleId;
