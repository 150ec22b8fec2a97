import { mcpToolOf, toolKind } from '../../src/adapters/claude-code/action.js';
import { agentHookFiles } from '../../src/adapters/registry.js';
import {
  type DecisionEnv,
  decide,
  defaultPolicy,
  initialSessionState,
  type Policy,
  type ShellAnalyzer,
} from '../../src/policy/index.js';
import type { Action } from '../../src/policy/types.js';
import type { ShellAnalysis, ShellEffect } from '../../src/scanners/shell/types.js';

export const HOME = '/home/dev';
export const PROJECT = '/home/dev/work/app';

export function policy(overrides: Partial<{ platform: NodeJS.Platform }> = {}): Policy {
  return defaultPolicy({
    home: HOME,
    env: {},
    platform: overrides.platform ?? 'linux',
    hookFiles: agentHookFiles(HOME, {}),
  });
}

/** A stand-in analyzer answering from a table: the policy's rules are tested on given effects. */
export function tableShell(table: Record<string, Partial<ShellAnalysis>>): ShellAnalyzer {
  return {
    analyze(command) {
      const entry = table[command];
      if (!entry) throw new Error(`test analyzer has no entry for ${command}`);
      return { commands: [], effects: [], dynamic: false, ...entry };
    },
  };
}

export function effect(e: Partial<ShellEffect> & Pick<ShellEffect, 'capability' | 'risk'>): ShellEffect {
  return {
    id: `${e.capability}-effect`,
    reason: `${e.capability} effect`,
    paths: [],
    urls: [],
    command: 'x',
    ...e,
  };
}

export function env(over: Partial<DecisionEnv> = {}): DecisionEnv {
  return {
    policy: policy(),
    shell: undefined,
    session: initialSessionState(),
    home: HOME,
    project: PROJECT,
    sandboxed: false,
    ...over,
  };
}

/** An action as the Claude Code adapter maps the tool: its kind (and MCP server) from the adapter's table. */
export function act(tool: string, over: Partial<Action> = {}): Action {
  const mcp = mcpToolOf(tool);
  return {
    tool,
    kind: toolKind(tool),
    ...(mcp ? { mcp } : {}),
    paths: [],
    urls: [],
    cwd: PROJECT,
    raw: {},
    ...over,
  };
}

export const read = (p: string) => act('Read', { paths: [p] });
export const write = (p: string) => act('Write', { paths: [p] });
export const fetchUrl = (url: string) => act('WebFetch', { urls: [url] });
export const bash = (command: string) => act('Bash', { command });

/** The builder role's verdict on a Bash command, judged by the real shell analyser (bare host, untainted). */
export function bashVerdict(shell: ShellAnalyzer, command: string): string {
  return decide(
    { tool: 'Bash', kind: 'exec', command, paths: [], urls: [], cwd: PROJECT, raw: {} },
    env({ policy: defaultPolicy({ home: HOME, env: {}, platform: 'linux' }), shell }),
  ).verdict;
}
