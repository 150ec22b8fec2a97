import { REFS } from '../wording.js';
import { defineGuardRule } from './define.js';

/** The permission matrix, the other kinds of action, taint, and commands the analyser could not read. */
export const actionRules = [
  defineGuardRule({
    id: 'role/<role>/<capability>',
    seedRefs: [...new Set([...REFS.role, ...REFS.mcp])],
    title: "the role's cell of the permission matrix for the action's capability",
    verdict: 'the cell',
    examples: {
      deny: [
        { action: { kind: 'write', path: 'src/app.ts' }, policy: 'role: reader\n' },
        { action: 'ls', policy: 'role: reader\n' },
      ],
      ask: [{ kind: 'mcp', name: 'mcp__linear__create_issue' }],
      allow: [{ kind: 'read', path: 'src/app.ts' }, 'ls -la'],
    },
  }),
  defineGuardRule({
    id: 'mcp/policy-rule',
    seedRefs: REFS.mcp,
    title: "an MCP tool that the policy's mcp rules name (the strictest matching rule wins)",
    verdict: "the rule's verdict",
    examples: {
      deny: [
        {
          action: { kind: 'mcp', name: 'mcp__github__delete_repo' },
          policy:
            'mcp:\n  - { tool: "mcp__github__*", verdict: allow }\n  - { tool: "mcp__github__delete_*", verdict: deny }\n',
        },
      ],
      allow: [
        {
          action: { kind: 'mcp', name: 'mcp__github__create_issue' },
          policy: 'mcp:\n  - { tool: "mcp__github__*", verdict: allow }\n',
        },
      ],
    },
  }),
  defineGuardRule({
    id: 'taint/side-effect',
    seedRefs: REFS.taint,
    title:
      'an action with effects outside the machine or on secrets, after the session read untrusted content',
    verdict: 'ask',
    examples: {
      ask: [{ action: 'curl -s https://api.github.com/repos/o/r', tainted: true }],
      allow: [{ action: { kind: 'write', path: 'src/app.ts' }, tainted: true }],
    },
  }),
  defineGuardRule({
    id: 'shell/parse-error',
    seedRefs: REFS.shell,
    title: 'a command the guard could not parse',
    verdict: 'ask',
    examples: { ask: ['echo "unterminated'] },
  }),
  defineGuardRule({
    id: 'shell/analyzer-unavailable',
    seedRefs: REFS.shell,
    title: 'a command when no shell analyser was given to decide()',
    verdict: 'ask',
    examples: {},
    untestable: 'an adapter passes no analyser only when it cannot load one (test/policy/decide.test.ts)',
  }),
  defineGuardRule({
    id: 'shell/analyzer-error',
    seedRefs: REFS.shell,
    title: 'a command the shell analyser failed on',
    verdict: 'ask',
    examples: {},
    untestable: 'fires only when the analyser throws (test/policy/decide.test.ts)',
  }),
  defineGuardRule({
    id: 'tool/web-search',
    seedRefs: REFS.tool,
    title: 'a web search, which names no host',
    verdict: "allow, unless the role's network cell is deny",
    examples: { allow: [{ kind: 'network' }] },
  }),
  defineGuardRule({
    id: 'tool/subagent',
    seedRefs: REFS.tool,
    title: 'starting a subagent, whose own tool calls are guarded',
    verdict: 'allow',
    examples: { allow: [{ kind: 'agent' }] },
  }),
  defineGuardRule({
    id: 'tool/internal',
    seedRefs: REFS.tool,
    title: "an agent's bookkeeping tool (to-do lists, plan mode), which only changes the conversation",
    verdict: 'allow',
    examples: { allow: [{ kind: 'internal' }] },
  }),
  defineGuardRule({
    id: 'tool/unknown',
    seedRefs: REFS.tool,
    title: 'an action of a kind the guard has no rule for',
    verdict: 'ask',
    examples: { ask: [{ kind: 'unknown' }] },
  }),
  defineGuardRule({
    id: 'policy/no-rule',
    seedRefs: REFS.tool,
    title: 'an action no rule decided (a guard bug; asked rather than allowed)',
    verdict: 'ask',
    examples: {},
    untestable:
      'the fallback should no rule fire; the examples give every kind of action a rule (test/policy/rules-examples.test.ts)',
  }),
];
