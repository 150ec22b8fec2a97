import { defineGuardRule } from './define.js';

/**
 * What the guard's pipeline decides or records around `decide()`: containment, its own failures, prompts,
 * and log-only events. Their examples need a hook call, so the adapter tests exercise them.
 */
export const pipelineRules = [
  defineGuardRule({
    id: 'kill-switch',
    seedRefs: ['CS-8'],
    title: 'every tool call and prompt while the kill switch is engaged (agentwarden kill)',
    verdict: 'deny',
    examples: {},
    untestable: 'decided before decide() runs, from the lockfile (test/adapters/handle.test.ts)',
  }),
  defineGuardRule({
    id: 'guard-error',
    seedRefs: ['CC-H3'],
    title: 'a tool call the guard failed to judge: a malformed payload, a bad policy, an internal error',
    verdict: 'deny (fail closed)',
    examples: {},
    untestable: 'the pipeline turns its own failures into this deny (test/adapters/handle.test.ts)',
  }),
  defineGuardRule({
    id: 'guard-watchdog',
    seedRefs: ['CC-H3'],
    title: 'a hook call the guard did not answer within its own time limit (a stalled read, a hung parser)',
    verdict: 'deny (fail closed)',
    examples: {},
    untestable: "the hook's watchdog answers and logs this deny (test/guard/hook-cli.test.ts)",
  }),
  defineGuardRule({
    id: 'secret-in-prompt',
    seedRefs: ['PR-3', 'CC-M4'],
    title: 'a prompt that contains what looks like a secret',
    verdict: 'deny (the prompt is blocked)',
    examples: {},
    untestable: 'prompts are not actions; the prompt hook decides (test/adapters/handle.test.ts)',
  }),
  defineGuardRule({
    id: 'budget/exceeded',
    seedRefs: ['CS-3', 'PR-5'],
    title:
      'spend at or over the daily or monthly budget: every tool call and prompt until the period ends or `agentwarden unlock`',
    verdict: 'deny',
    examples: {},
    untestable:
      "decided from spend in the agents' transcripts, not the action (test/adapters/handle-respond.test.ts)",
  }),
  defineGuardRule({
    id: 'budget/50-percent',
    seedRefs: ['CS-3'],
    title: 'spend reached half of a budget: the user is told once and an alert is sent; logged',
    verdict: 'info',
    examples: {},
    untestable: 'decided from spend, not the action (test/adapters/handle-respond.test.ts)',
  }),
  defineGuardRule({
    id: 'budget/80-percent',
    seedRefs: ['CS-3'],
    title: 'spend reached 80 % of a budget: the user is told once and an alert is sent; logged',
    verdict: 'info',
    examples: {},
    untestable: 'decided from spend, not the action (test/adapters/handle-respond.test.ts)',
  }),
  defineGuardRule({
    id: 'loop/same-call',
    seedRefs: ['CS-3', 'OC-H3'],
    title: 'the same call repeated N times within the window: an agent stuck in a loop (deny at 2N)',
    verdict: 'ask, then deny',
    examples: {},
    untestable: "decided from the session's call history, not the action (test/respond/limits.test.ts)",
  }),
  defineGuardRule({
    id: 'loop/same-failure',
    seedRefs: ['CS-3', 'OC-H3'],
    title: 'the same failing command repeated N times within the window (deny at 2N)',
    verdict: 'ask, then deny',
    examples: {},
    untestable: "decided from the session's call history, not the action (test/respond/limits.test.ts)",
  }),
  defineGuardRule({
    id: 'secret-in-output',
    seedRefs: ['PR-3', 'PR-5'],
    title: "a secret in a tool's output, masked before the model sees it; logged",
    verdict: 'redact',
    examples: {},
    untestable: 'recorded after a tool call, not decided (test/adapters/handle.test.ts)',
  }),
  defineGuardRule({
    id: 'taint',
    seedRefs: ['CS-5', 'OC-H6', 'PR-5'],
    title: 'a tool result from untrusted content, which taints the session; logged',
    verdict: 'observe',
    examples: {},
    untestable: 'recorded after a tool call, not decided (test/policy/session.test.ts)',
  }),
  defineGuardRule({
    id: 'injection/detected',
    seedRefs: ['CS-5', 'CC-H6', 'OC-H6'],
    title:
      'a prompt injection found in a tool result from the web, an MCP server or a file outside the project: the session is tainted and the agent told; logged',
    verdict: 'observe (side effects then ask)',
    examples: {},
    untestable: 'recorded after a tool call, not decided (test/adapters/handle-respond.test.ts)',
  }),
  defineGuardRule({
    id: 'session-start',
    seedRefs: ['CC-H3', 'PR-5'],
    title: 'a new session: the agent is told the guard is active, and the activity log records it',
    verdict: 'info',
    examples: {},
    untestable: 'a session event, not an action (test/adapters/handle.test.ts)',
  }),
];
