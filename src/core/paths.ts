import * as path from 'node:path';

/** Where agentwarden keeps its own files. The guard protects all of them from the agent. */
export interface AgentwardenPaths {
  /** $XDG_CONFIG_HOME/agentwarden or ~/.config/agentwarden */
  configDir: string;
  /** User policy, merged under the project's agentwarden.policy.yaml. */
  userPolicy: string;
  /** Human attestations for checklist items no machine can show. */
  attestations: string;
  /** $XDG_STATE_HOME/agentwarden or ~/.local/state/agentwarden */
  stateDir: string;
  /** Append-only JSONL activity log of guard decisions. */
  activityLog: string;
  /** Per-session guard state (taint), one small JSON file a session. */
  sessionsDir: string;
  /** Kill-switch lockfile: while it exists the guard denies everything. */
  lockfile: string;
}

export const PROJECT_POLICY_FILE = 'agentwarden.policy.yaml';

export function agentwardenPaths(
  home: string,
  env: Readonly<Record<string, string | undefined>>,
): AgentwardenPaths {
  const configDir = path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), 'agentwarden');
  const stateDir = path.join(env.XDG_STATE_HOME || path.join(home, '.local', 'state'), 'agentwarden');
  return {
    configDir,
    userPolicy: path.join(configDir, 'policy.yaml'),
    attestations: path.join(configDir, 'attestations.json'),
    stateDir,
    activityLog: path.join(stateDir, 'activity.jsonl'),
    sessionsDir: path.join(stateDir, 'sessions'),
    lockfile: path.join(stateDir, 'kill.lock'),
  };
}

/** Claude Code's config root: $CLAUDE_CONFIG_DIR or ~/.claude. */
export function claudeConfigDir(home: string, env: Readonly<Record<string, string | undefined>>): string {
  return env.CLAUDE_CONFIG_DIR ? path.resolve(env.CLAUDE_CONFIG_DIR) : path.join(home, '.claude');
}
