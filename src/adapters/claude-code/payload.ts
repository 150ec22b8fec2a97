import { isUtf8 } from 'node:buffer';
import { findIllFormedText } from '../input-schema.js';
import { checkToolInput } from './tool-input-schema.js';

/**
 * The JSON Claude Code writes to a command hook's stdin (REFERENCE.md §3). Validated by hand rather than
 * with zod: this runs on every tool call and zod's import alone costs more than the rest of the parse.
 */
export interface HookPayload {
  hook_event_name: string;
  session_id?: string;
  cwd?: string;
  transcript_path?: string;
  permission_mode?: string;
  tool_name?: string;
  tool_input?: Record<string, unknown>;
  tool_response?: unknown;
  tool_use_id?: string;
  mcp_server?: { name?: string; source?: string };
  prompt?: string;
  source?: string;
  [key: string]: unknown;
}

export type PayloadParse = { ok: true; payload: HookPayload } | { ok: false; error: string };

/** Larger than any tool input Claude Code sends in practice (a Write of a big file), small enough to hold. */
export const MAX_PAYLOAD_BYTES = 16 * 1024 * 1024;

/**
 * The payload bytes as text. Invalid UTF-8 is refused rather than decoded: decoding would turn it into
 * U+FFFD, and the guard would judge a command or key that is not the one it was sent.
 */
export function decodePayload(bytes: Buffer): { ok: true; text: string } | { ok: false; error: string } {
  return isUtf8(bytes)
    ? { ok: true, text: bytes.toString('utf8') }
    : { ok: false, error: 'it is not valid UTF-8' };
}

const STRING_FIELDS = [
  'session_id',
  'cwd',
  'transcript_path',
  'permission_mode',
  'tool_name',
  'tool_use_id',
  'prompt',
  'source',
] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function parseHookPayload(text: string): PayloadParse {
  if (text.trim() === '') return { ok: false, error: 'empty hook payload' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, error: 'hook payload is not valid JSON' };
  }
  if (!isRecord(value)) return { ok: false, error: 'hook payload is not a JSON object' };
  if (typeof value.hook_event_name !== 'string' || value.hook_event_name === '')
    return { ok: false, error: 'hook payload has no hook_event_name' };
  for (const field of STRING_FIELDS) {
    if (value[field] !== undefined && typeof value[field] !== 'string')
      return { ok: false, error: `hook payload field ${field} is not a string` };
  }
  if (value.tool_input !== undefined && !isRecord(value.tool_input))
    return { ok: false, error: 'hook payload field tool_input is not an object' };
  if (value.mcp_server !== undefined && !isRecord(value.mcp_server))
    return { ok: false, error: 'hook payload field mcp_server is not an object' };
  // tool_input is checked per tool (requireToolFields); tool_response is not checked at all, as a client
  // may cut a tool's output in the middle of a surrogate pair.
  for (const field of ['hook_event_name', ...STRING_FIELDS, 'mcp_server'] as const) {
    const bad = findIllFormedText(value[field], field);
    if (bad !== undefined) return { ok: false, error: `hook payload has invalid text in ${bad}` };
  }
  return { ok: true, payload: value as HookPayload };
}

/**
 * Tool events need a tool name and an input object of that tool's shape; without them there is nothing to
 * judge, and a field of the wrong type would be judged as absent.
 */
export function requireToolFields(
  payload: HookPayload,
): { ok: true; toolName: string; toolInput: Record<string, unknown> } | { ok: false; error: string } {
  if (!payload.tool_name) return { ok: false, error: `${payload.hook_event_name} payload has no tool_name` };
  if (!payload.tool_input)
    return { ok: false, error: `${payload.hook_event_name} payload has no tool_input` };
  const checked = checkToolInput(payload.tool_name, payload.tool_input);
  if (!checked.ok) return checked;
  return { ok: true, toolName: payload.tool_name, toolInput: payload.tool_input };
}
