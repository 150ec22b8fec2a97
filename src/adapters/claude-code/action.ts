import * as path from 'node:path';
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

export type ActionMapping = { ok: true; action: Action } | { ok: false; error: string };

const WRITE_TOOLS = new Set(['Write', 'Edit', 'MultiEdit']);
// Claude Code reports the subagent tool as Agent; older versions and matchers say Task.
const AGENT_TOOLS = new Set(['Agent', 'Task']);

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
  const make = (kind: ActionKind, extra: Partial<Action> = {}): ActionMapping => ({
    ok: true,
    action: { ...base, kind, paths: [], urls: [], ...extra },
  });
  const need = (key: string): string | { error: string } =>
    stringField(input, key) ?? { error: `${tool} call has no ${key}` };

  if (tool === 'Bash') {
    const command = need('command');
    if (typeof command !== 'string') return { ok: false, ...command };
    return make('exec', { command });
  }
  if (tool === 'Read') {
    const file = need('file_path');
    if (typeof file !== 'string') return { ok: false, ...file };
    return make('read', { paths: [expandPath(file, cwd, home)] });
  }
  if (WRITE_TOOLS.has(tool) || tool === 'NotebookEdit') {
    const file = need(tool === 'NotebookEdit' ? 'notebook_path' : 'file_path');
    if (typeof file !== 'string') return { ok: false, ...file };
    return make('write', { paths: [expandPath(file, cwd, home)] });
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
    return make('read', { paths: [...new Set(paths)] });
  }
  if (tool === 'NotebookRead') {
    const file = need('notebook_path');
    if (typeof file !== 'string') return { ok: false, ...file };
    return make('read', { paths: [expandPath(file, cwd, home)] });
  }
  if (tool === 'LS')
    return make('read', { paths: [expandPath(stringField(input, 'path') ?? cwd, cwd, home)] });
  if (tool === 'WebFetch') {
    const url = need('url');
    if (typeof url !== 'string') return { ok: false, ...url };
    return make('network', { urls: [url] });
  }
  if (tool === 'WebSearch') return make('network');
  if (AGENT_TOOLS.has(tool)) return make('agent');
  if (tool.startsWith('mcp__')) return make('mcp');
  return make('unknown');
}
