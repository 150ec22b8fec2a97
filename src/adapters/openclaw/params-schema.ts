// What each OpenClaw tool's `params` must look like before the guard judges it (PLUGINS.md §7, the fields the
// guard reads); the checking itself is shared with the Claude Code adapter (../input-schema.ts).
import { checkInput, type InputCheck, type InputSchema } from '../input-schema.js';

/** Every tool may carry these; the adapter reads them to resolve relative paths. */
const WHERE: InputSchema = { workdir: 'line?', cwd: 'line?' };
const NODE_PATH: InputSchema = { node: 'text', path: 'line' };
const WITH_ACTION: InputSchema = { action: 'text' };

const PARAM_SCHEMAS: Readonly<Record<string, InputSchema>> = {
  exec: {
    command: 'line',
    env: 'object?',
    yieldMs: 'number?',
    background: 'boolean?',
    timeoutSeconds: 'number?',
    pty: 'boolean?',
    elevated: 'boolean?',
    host: 'text?',
    node: 'text?',
    title: 'text?',
  },
  process: { action: 'text', sessionId: 'text?', data: 'text?', keys: 'strings?' },
  terminal: { action: 'text', sessionId: 'text?', data: 'text?' },
  read: { path: 'line', offset: 'number?', limit: 'number?' },
  write: { path: 'line', content: 'text' },
  edit: { path: 'line', edits: 'objects' },
  apply_patch: { input: 'text' },
  ls: { path: 'line?' },
  file_fetch: NODE_PATH,
  dir_fetch: NODE_PATH,
  dir_list: NODE_PATH,
  file_write: { ...NODE_PATH, contentBase64: 'text?', overwrite: 'boolean?' },
  web_fetch: { url: 'line', extractMode: 'text?', maxChars: 'number?' },
  web_search: { query: 'text' },
  browser: { action: 'text', targetUrl: 'line?', url: 'line?', path: 'line?' },
  sessions_spawn: { task: 'text', agentId: 'text?', model: 'text?' },
  gateway: WITH_ACTION,
  plugins: WITH_ACTION,
  automations: WITH_ACTION,
  cron: WITH_ACTION,
  sessions: WITH_ACTION,
  secrets: WITH_ACTION,
  openclaw: { message: 'text' },
  tool_call: { id: 'text', args: 'object' },
  tts: { text: 'text' },
};

/**
 * Checks a tool call's params: every key and string well-formed and, for the tools listed above, the fields
 * the guard reads present and of their type. `internal`: the adapter lets the tool through as conversation
 * bookkeeping, so its text is checked even without a schema. Any other tool is not checked: the policy asks
 * about tools it does not know.
 */
export function checkToolParams(
  tool: string,
  params: Record<string, unknown>,
  internal: boolean,
): InputCheck {
  const name = tool === 'bash' ? 'exec' : tool;
  const schema = Object.hasOwn(PARAM_SCHEMAS, name) ? PARAM_SCHEMAS[name] : undefined;
  if (!schema && !internal) return { ok: true };
  return checkInput(tool, params, { ...WHERE, ...schema });
}
