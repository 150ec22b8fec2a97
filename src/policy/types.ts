/**
 * What an agent is about to do, independent of which agent asked. Adapters map their tools to kinds (their
 * tool tables); the policy decides on the kind alone.
 */
export type ActionKind =
  /** Runs `command` in a shell. */
  | 'exec'
  /** Reads the files at `paths`, or lists the names below them. */
  | 'read'
  /** Reads the contents of every file below `paths` (a recursive content search). */
  | 'search'
  | 'write'
  | 'delete'
  /** Fetches `urls`; with none, searches the web. */
  | 'network'
  /** Calls the tool `mcp.tool` of the MCP server `mcp.server`. */
  | 'mcp'
  /** Starts a subagent, whose own tool calls are guarded. */
  | 'agent'
  /** The agent's bookkeeping (to-do lists, plan mode, questions): changes nothing outside the conversation. */
  | 'internal'
  | 'unknown';

export interface Action {
  /** The agent's own name for the tool, as data for messages and the log; the policy never dispatches on it. */
  tool: string;
  kind: ActionKind;
  command?: string;
  /** Absolute paths the action touches (resolved against cwd). */
  paths: string[];
  urls: string[];
  /** The session's working directory (the project root for Claude Code). */
  cwd: string;
  sessionId?: string;
  /**
   * The MCP server (and tool) the action talks to, parsed by the adapter: set for `mcp` actions, and for
   * others that bring in an MCP server's content (reading one of its resources).
   */
  mcp?: { server: string; tool?: string };
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
