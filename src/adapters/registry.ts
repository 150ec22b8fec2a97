// The agents the guard plugs into. Whichever agent asks, the guard protects every agent's hook files: an
// agent that could rewrite another agent's settings could switch that agent's guard off.
import { claudeCodeHookFiles } from './claude-code/hook-files.js';
import { openclawHookFiles } from './openclaw/hook-files.js';

type Env = Readonly<Record<string, string | undefined>>;

export interface GuardedAgent {
  id: string;
  /** The settings files that hold the guard's hook (or plugin) for this agent. */
  hookFiles(home: string, env: Env): string[];
}

export const GUARDED_AGENTS: readonly GuardedAgent[] = [
  { id: 'claude-code', hookFiles: claudeCodeHookFiles },
  { id: 'openclaw', hookFiles: openclawHookFiles },
];

/** Every guarded agent's hook files, for the policy's self-protection. */
export function agentHookFiles(home: string, env: Env): string[] {
  return GUARDED_AGENTS.flatMap((agent) => agent.hookFiles(home, env));
}
