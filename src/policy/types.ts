/** What an agent is about to do, independent of which agent asked. Built by adapters. */
export type ActionKind =
  | 'exec'
  | 'read'
  | 'write'
  | 'delete'
  | 'network'
  | 'mcp'
  | 'agent'
  | 'search'
  | 'unknown';

export interface Action {
  /** The agent's own tool name: Bash, Read, WebFetch, mcp__github__create_issue, ... */
  tool: string;
  kind: ActionKind;
  command?: string;
  /** Absolute paths the action touches (resolved against cwd). */
  paths: string[];
  urls: string[];
  /** The session's working directory (the project root for Claude Code). */
  cwd: string;
  sessionId?: string;
  /** For MCP tools: the server and where it was configured (Claude Code's `mcp_server`); trust keys on source. */
  mcpServer?: { name?: string; source?: string };
  /** The agent's original tool input, for rules that need more. Never logged unredacted. */
  raw: unknown;
}

export type Verdict = 'allow' | 'ask' | 'deny';

export interface Decision {
  verdict: Verdict;
  /** Stable id of the rule that decided, e.g. `protected-path`, `shell/rm-recursive-home`. */
  ruleId: string;
  /** Says exactly what is at stake; shown to the user (ask) or the model (deny). Already redacted. */
  reason: string;
  seedRefs: string[];
}
