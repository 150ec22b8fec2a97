import * as path from 'node:path';
import type { Action, Decision } from '../../policy/types.js';
import { toolCallToAction } from './action.js';
import { failClosedDecision } from './output.js';
import { parseHookPayload, requireToolFields } from './payload.js';

export interface BatchVerdict {
  verdict: Decision['verdict'];
  ruleId: string;
  reason: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * One `guard test` input line → an Action: either a Claude Code hook payload, or `{"command": "...",
 * "cwd"?: "..."}` for a shell command. Relative cwds are taken from the project.
 */
export function lineToAction(
  line: string,
  where: { home: string; project: string },
): { ok: true; action: Action } | { ok: false; error: string } {
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
    return toolCallToAction({
      toolName: 'Bash',
      toolInput: { command: value.command },
      cwd,
      home: where.home,
    });
  }
  const parsed = parseHookPayload(line);
  if (!parsed.ok) return parsed;
  const tool = requireToolFields(parsed.payload);
  if (!tool.ok) return tool;
  return toolCallToAction({
    toolName: tool.toolName,
    toolInput: tool.toolInput,
    cwd: parsed.payload.cwd ?? where.project,
    home: where.home,
    ...(parsed.payload.session_id ? { sessionId: parsed.payload.session_id } : {}),
    ...(parsed.payload.mcp_server ? { mcpServer: parsed.payload.mcp_server } : {}),
  });
}

/** Evaluates one line; a line that cannot be evaluated gets a deny, as the hook would give it. */
export function evaluateLine(
  line: string,
  where: { home: string; project: string },
  decide: (action: Action) => Decision,
): BatchVerdict {
  let decision: Decision;
  const mapped = lineToAction(line, where);
  if (!mapped.ok) decision = failClosedDecision(`malformed line: ${mapped.error}`);
  else {
    try {
      decision = decide(mapped.action);
    } catch (err) {
      decision = failClosedDecision(`internal error: ${(err as Error).message.split('\n')[0]}`);
    }
  }
  return { verdict: decision.verdict, ruleId: decision.ruleId, reason: decision.reason };
}
