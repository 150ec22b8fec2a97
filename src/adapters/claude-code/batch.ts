import * as path from 'node:path';
import type { ToolCallRequest } from '../../guard/pipeline.js';
import type { Decision } from '../../policy/types.js';
import { toolCallRequest } from './handle.js';
import { parseHookPayload } from './payload.js';

export interface BatchVerdict {
  verdict: Decision['verdict'];
  ruleId: string;
  reason: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * One `guard test` input line → the tool call the pipeline judges: either a Claude Code hook payload, or
 * `{"command": "...", "cwd"?: "..."}` for a shell command. Relative cwds are taken from the project.
 */
export function lineToRequest(
  line: string,
  where: { home: string; project: string },
): { ok: true; request: ToolCallRequest } | { ok: false; error: string } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { ok: false, error: 'line is not valid JSON' };
  }
  if (!isRecord(value)) return { ok: false, error: 'line is not a JSON object' };
  if (typeof value.command === 'string' && value.tool_name === undefined) {
    if (value.cwd !== undefined && typeof value.cwd !== 'string')
      return { ok: false, error: 'cwd is not a string' };
    const cwd = path.resolve(where.project, (value.cwd as string | undefined) ?? '.');
    const payload = {
      hook_event_name: 'PreToolUse',
      cwd,
      tool_name: 'Bash',
      tool_input: { command: value.command },
    };
    return { ok: true, request: toolCallRequest(payload, where) };
  }
  const parsed = parseHookPayload(line);
  if (!parsed.ok) return parsed;
  return { ok: true, request: toolCallRequest(parsed.payload, where) };
}
