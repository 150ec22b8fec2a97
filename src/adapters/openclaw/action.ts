// OpenClaw's tool table (PLUGINS.md §7): each built-in tool, by name and `action`, as the agent-neutral Action
// the policy decides on. Tools that act beyond the conversation with no kind of their own (messages, cron,
// node devices) are `unknown`, which the policy asks about; the tools that can edit OpenClaw's config or
// plugins are writes of the config, which the policy's self-protection denies (hook-files.ts).
import type { ActionMapping } from '../../guard/pipeline.js';
import type { Action, ActionKind } from '../../policy/types.js';
import { expandPath } from '../claude-code/action.js';
import { checkToolParams } from './params-schema.js';

export interface OpenClawToolCall {
  toolName: string;
  params: Record<string, unknown>;
  /** The agent's workspace: relative paths and commands without `workdir` start here. */
  cwd: string;
  home: string;
  sessionId?: string;
  /** OpenClaw's config file, which the control-plane tools would rewrite. */
  configFile: string;
  /** Paths OpenClaw derived from an envelope (`apply_patch`), a best-effort hint. */
  derivedPaths?: readonly string[];
}

const INTERNAL_TOOLS = new Set([
  'memory_search',
  'memory_get',
  'ask_user',
  'goals',
  'dashboard',
  'theme',
  'intent',
  'progress_card',
  'session_status',
  'sessions_list',
  'sessions_history',
  'sessions_search',
  'subagents',
  'agents_wait',
  'tool_search',
  'tool_describe',
  'tts',
  'talk_voice',
]);
/** Per tool, the `action`s that only look (everything else the tool does changes something). */
const LOOK_ACTIONS: Record<string, ReadonlySet<string>> = {
  process: new Set(['list', 'poll', 'log', 'kill', 'clear', 'remove']),
  terminal: new Set(['read', 'list', 'resize', 'close']),
  automations: new Set(['status', 'list', 'get', 'runs', 'next_check']),
  cron: new Set(['status', 'list', 'get', 'runs', 'next_check']),
  sessions: new Set(['list', 'get', 'history', 'search', 'status']),
  secrets: new Set(['list']),
  plugins: new Set(['list', 'inspect', 'search']),
  gateway: new Set(['config.get', 'config.schema.lookup']),
};
/** Browser actions that save a file where `path` says. */
const BROWSER_SAVES = new Set(['screenshot', 'pdf', 'download', 'waitfordownload']);
const BROWSER_GOES_TO = new Set(['open', 'navigate']);

function stringField(input: Record<string, unknown>, key: string): string | undefined {
  const value = input[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The files an `apply_patch` envelope adds, updates, moves to or deletes (`*** Update File: a/b.ts`). */
export function patchTargets(input: string): { written: string[]; deleted: string[] } {
  const written: string[] = [];
  const deleted: string[] = [];
  for (const line of input.split('\n')) {
    const m = /^\*\*\* (Add File|Update File|Delete File|Move to): (.+?)\s*$/.exec(line);
    if (!m?.[2]) continue;
    (m[1] === 'Delete File' ? deleted : written).push(m[2]);
  }
  return { written, deleted };
}

/** Turns one OpenClaw tool call into the agent-independent Action the policy decides on. */
export function toolCallToAction(call: OpenClawToolCall): ActionMapping {
  const { toolName: tool, params, home, configFile } = call;
  const checked = checkToolParams(tool, params, INTERNAL_TOOLS.has(tool));
  if (!checked.ok) return checked;
  const workdir = stringField(params, 'workdir') ?? stringField(params, 'cwd');
  const cwd = workdir ? expandPath(workdir, call.cwd, home) : call.cwd;
  const at = (p: string) => expandPath(p, cwd, home);
  const make = (kind: ActionKind, extra: Partial<Action> = {}): ActionMapping => ({
    ok: true,
    action: {
      tool,
      kind,
      cwd,
      raw: params,
      paths: [],
      urls: [],
      ...(call.sessionId ? { sessionId: call.sessionId } : {}),
      ...extra,
    },
  });
  const need = (key: string): string | { ok: false; error: string } =>
    stringField(params, key) ?? { ok: false, error: `${tool} call has no ${key}` };
  const action = stringField(params, 'action') ?? '';
  const looks = LOOK_ACTIONS[tool]?.has(action) ?? false;

  switch (tool) {
    case 'exec':
    case 'bash': {
      const command = need('command');
      return typeof command === 'string' ? make('exec', { command }) : command;
    }
    case 'process':
    case 'terminal': {
      // Keystrokes into a shell are a command line; reading its output changes nothing.
      if (looks) return make('internal');
      const keys = params.keys;
      const typed = stringField(params, 'data') ?? (Array.isArray(keys) ? keys.join(' ') : undefined);
      return typed === undefined ? make('unknown') : make('exec', { command: typed });
    }
    case 'read':
    case 'file_fetch':
    case 'dir_fetch':
    case 'dir_list': {
      const file = need('path');
      return typeof file === 'string' ? make('read', { paths: [at(file)] }) : file;
    }
    case 'ls':
      return make('read', { paths: [at(stringField(params, 'path') ?? cwd)] });
    case 'write':
    case 'edit':
    case 'file_write': {
      const file = need('path');
      return typeof file === 'string' ? make('write', { paths: [at(file)] }) : file;
    }
    case 'apply_patch': {
      const input = need('input');
      if (typeof input !== 'string') return input;
      const { written, deleted } = patchTargets(input);
      const hinted = (call.derivedPaths ?? []).filter((p) => typeof p === 'string');
      const paths = [...new Set([...written, ...deleted, ...hinted].map(at))];
      if (paths.length === 0) return { ok: false, error: 'apply_patch names no file the guard can read' };
      return make(written.length === 0 && hinted.length === 0 ? 'delete' : 'write', { paths });
    }
    case 'web_fetch': {
      const url = need('url');
      return typeof url === 'string' ? make('network', { urls: [url] }) : url;
    }
    case 'web_search':
      return make('network');
    case 'browser': {
      const file = stringField(params, 'path');
      if (BROWSER_SAVES.has(action) && file) return make('write', { paths: [at(file)] });
      // An upload sends a local file to whatever page is open: no kind says that, so the policy asks.
      if (action === 'upload') return make('unknown', { paths: file ? [at(file)] : [] });
      const url = stringField(params, 'targetUrl') ?? stringField(params, 'url');
      // Every other action reads or drives the page already open: web content, which taints the session.
      return make('network', BROWSER_GOES_TO.has(action) && url ? { urls: [url] } : {});
    }
    case 'sessions_spawn':
      return make('agent');
    case 'gateway':
    case 'plugins':
      // Reading the config goes through the protected-path rules; any change to it, or to which plugins
      // load, is a write of the config the guard's own plugin is enabled in.
      return make(looks ? 'read' : 'write', { paths: [configFile] });
    case 'openclaw':
      // Delegated setup and repair rewrites OpenClaw's config, plugins included.
      return make('write', { paths: [configFile] });
    case 'tool_call': {
      // The Tool Search bridge: judge the tool it calls (the inner call fires the hook again, §3.6).
      const id = stringField(params, 'id');
      const args = params.args;
      if (!id || typeof args !== 'object' || args === null || Array.isArray(args))
        return { ok: false, error: 'tool_call has no tool id and args' };
      const inner = toolCallToAction({
        ...call,
        toolName: id.slice(id.lastIndexOf(':') + 1),
        params: args as Record<string, unknown>,
      });
      return inner.ok
        ? { ok: true, action: { ...inner.action, tool: `tool_call ${inner.action.tool}` } }
        : inner;
    }
    default:
      if (INTERNAL_TOOLS.has(tool) || looks) return make('internal');
      return make('unknown');
  }
}
