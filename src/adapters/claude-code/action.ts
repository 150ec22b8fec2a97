import * as path from 'node:path';
import type { ActionMapping } from '../../guard/pipeline.js';
import type { Action, ActionKind } from '../../policy/types.js';

export interface ToolCall {
  toolName: string;
  toolInput: Record<string, unknown>;
  /** Session working directory: relative paths are resolved against it. */
  cwd: string;
  home: string;
  sessionId?: string;
  /** `mcp_server` from the payload; trust is keyed on `source`, never on the server's name. */
  mcpServer?: { name?: string; source?: string };
}

const WRITE_TOOLS = new Set(['Write', 'Edit', 'MultiEdit']);
// Claude Code reports the subagent tool as Agent; older versions and matchers say Task.
const AGENT_TOOLS = new Set(['Agent', 'Task']);
// Claude Code's own bookkeeping tools: they touch nothing outside the conversation.
const INTERNAL_TOOLS = new Set([
  'TodoWrite',
  'TodoRead',
  'ExitPlanMode',
  'EnterPlanMode',
  'AskUserQuestion',
  'BashOutput',
  'TaskOutput',
  'TaskStop',
  'KillShell',
  'KillBash',
  'ListMcpResourcesTool',
  'ReadMcpResourceTool',
  'Skill',
  'SlashCommand',
]);
/** Reads a resource of an MCP server (`{server, uri}`): bookkeeping to the policy, yet the content is the server's. */
const MCP_RESOURCE_READER = 'ReadMcpResourceTool';
const MCP_TOOL_NAME = /^mcp__(.+?)__(.*)$/s;

/** Claude Code names MCP tools `mcp__<server>__<tool>`. */
export function mcpToolOf(tool: string): { server: string; tool: string } | undefined {
  if (!tool.startsWith('mcp__')) return undefined;
  const named = MCP_TOOL_NAME.exec(tool);
  return named ? { server: named[1] ?? '', tool: named[2] ?? '' } : { server: tool.slice(5), tool: '' };
}

/** The kind of action a Claude Code tool is, by its name alone (the tool table the policy relies on). */
export function toolKind(tool: string): ActionKind {
  if (tool === 'Bash') return 'exec';
  if (tool === 'Read' || tool === 'NotebookRead' || tool === 'Glob' || tool === 'LS') return 'read';
  if (tool === 'Grep') return 'search';
  if (WRITE_TOOLS.has(tool) || tool === 'NotebookEdit') return 'write';
  if (tool === 'WebFetch' || tool === 'WebSearch') return 'network';
  if (AGENT_TOOLS.has(tool)) return 'agent';
  if (INTERNAL_TOOLS.has(tool)) return 'internal';
  if (mcpToolOf(tool)) return 'mcp';
  return 'unknown';
}

export function expandPath(p: string, cwd: string, home: string): string {
  if (p === '~') return home;
  if (p.startsWith('~/')) return path.resolve(home, p.slice(2));
  return path.resolve(cwd, p);
}

/** The directory a glob pattern cannot escape: everything before its first wildcard. */
function globRoot(pattern: string): string | undefined {
  const wild = pattern.search(/[*?[{]/);
  const literal = wild === -1 ? pattern : pattern.slice(0, wild);
  const dir = wild === -1 ? literal : literal.slice(0, literal.lastIndexOf('/') + 1);
  return dir === '' ? undefined : dir;
}

function stringField(input: Record<string, unknown>, key: string): string | undefined {
  const value = input[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Turns one Claude Code tool call into the agent-independent Action the policy decides on. */
export function toolCallToAction(call: ToolCall): ActionMapping {
  const { toolName: tool, toolInput: input, cwd, home } = call;
  const base = {
    tool,
    cwd,
    raw: input,
    ...(call.sessionId ? { sessionId: call.sessionId } : {}),
    ...(call.mcpServer && tool.startsWith('mcp__') ? { mcpServer: call.mcpServer } : {}),
  };
  const make = (extra: Partial<Action> = {}): ActionMapping => ({
    ok: true,
    action: { ...base, kind: toolKind(tool), paths: [], urls: [], ...extra },
  });
  const need = (key: string): string | { error: string } =>
    stringField(input, key) ?? { error: `${tool} call has no ${key}` };

  if (tool === 'Bash') {
    const command = need('command');
    if (typeof command !== 'string') return { ok: false, ...command };
    return make({ command });
  }
  if (tool === 'Read') {
    const file = need('file_path');
    if (typeof file !== 'string') return { ok: false, ...file };
    return make({ paths: [expandPath(file, cwd, home)] });
  }
  if (WRITE_TOOLS.has(tool) || tool === 'NotebookEdit') {
    const file = need(tool === 'NotebookEdit' ? 'notebook_path' : 'file_path');
    if (typeof file !== 'string') return { ok: false, ...file };
    return make({ paths: [expandPath(file, cwd, home)] });
  }
  if (tool === 'Glob' || tool === 'Grep') {
    const searched = expandPath(stringField(input, 'path') ?? cwd, cwd, home);
    const paths = [searched];
    // An absolute glob pattern (Glob '/home/u/.ssh/*') names its own directory regardless of `path`, and a
    // relative one climbing out with `..` (Glob '../../.ssh/*') names the directory it reaches.
    const pattern = stringField(input, tool === 'Glob' ? 'pattern' : 'glob');
    const climbs = pattern !== undefined && /(?:^|\/)\.\.(?:\/|$)/.test(pattern);
    const root = pattern && (/^(?:\/|~)/.test(pattern) || climbs) ? globRoot(pattern) : undefined;
    if (root) paths.push(expandPath(root, searched, home));
    return make({ paths: [...new Set(paths)] });
  }
  if (tool === 'NotebookRead') {
    const file = need('notebook_path');
    if (typeof file !== 'string') return { ok: false, ...file };
    return make({ paths: [expandPath(file, cwd, home)] });
  }
  if (tool === 'LS') return make({ paths: [expandPath(stringField(input, 'path') ?? cwd, cwd, home)] });
  if (tool === 'WebFetch') {
    const url = need('url');
    if (typeof url !== 'string') return { ok: false, ...url };
    return make({ urls: [url] });
  }
  if (tool === MCP_RESOURCE_READER) return make({ mcp: { server: stringField(input, 'server') ?? '' } });
  const mcp = mcpToolOf(tool);
  return make(mcp ? { mcp } : {});
}
