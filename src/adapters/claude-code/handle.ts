// Claude Code's hook events in, Claude Code's hook output out; the judging is the guard pipeline's.
import type { Env } from '../../guard/engine.js';
import {
  type GuardContext,
  rejectUnreadable,
  runPostToolUse,
  runPostToolUseFailure,
  runPreToolUse,
  runPromptCheck,
  runSessionStart,
  type ToolCallRequest,
} from '../../guard/pipeline.js';
import { toolCallToAction } from './action.js';
import {
  failClosedOutput,
  type HookOutput,
  oneLineReason,
  postToolUseOutput,
  preToolUseOutput,
  promptBlockOutput,
  sessionStartOutput,
} from './output.js';
import { type HookPayload, parseHookPayload, requireToolFields } from './payload.js';

/** The guard context plus the hook process's cwd: Claude Code starts hooks in the session cwd. */
export type HookContext<P, A, S> = GuardContext<P, A, S> & { cwd: string };

export interface HookResult {
  /** What to print on stdout; null prints nothing (no objection). */
  output: HookOutput | null;
  /** One-line problems for stderr that did not change the answer (log or state write failures). */
  warnings: string[];
}

function firstLine(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.split('\n')[0] ?? 'unknown error';
}

/** The project Claude Code runs in: its CLAUDE_PROJECT_DIR, else the session's cwd. */
function projectOf(payload: HookPayload, ctx: { env: Env; cwd: string }): string {
  return ctx.env.CLAUDE_PROJECT_DIR || payload.cwd || ctx.cwd;
}

/** A tool event as the pipeline takes it. `project` is where a relative path is read from without a cwd. */
export function toolCallRequest(
  payload: HookPayload,
  where: { home: string; project: string },
): ToolCallRequest {
  const tool = requireToolFields(payload);
  const action = tool.ok
    ? toolCallToAction({
        toolName: tool.toolName,
        toolInput: tool.toolInput,
        cwd: payload.cwd || where.project,
        home: where.home,
        ...(payload.session_id ? { sessionId: payload.session_id } : {}),
        ...(payload.mcp_server ? { mcpServer: payload.mcp_server } : {}),
      })
    : tool;
  return {
    tool: payload.tool_name ?? '',
    action: action.ok ? action : { ok: false, error: `malformed hook payload: ${action.error}` },
    project: where.project,
    ...(payload.session_id ? { sessionId: payload.session_id } : {}),
  };
}

/** The event a payload names even when the rest of it is malformed: the answer must be in that event's form. */
function eventName(text: string): string | undefined {
  try {
    const value = JSON.parse(text) as { hook_event_name?: unknown } | null;
    return typeof value?.hook_event_name === 'string' ? value.hook_event_name : undefined;
  } catch {
    return undefined;
  }
}

/** One hook call: the payload text in, what to print out. Never throws. Warnings come out one line each, redacted. */
export async function handleHook<P, A, S>(text: string, ctx: HookContext<P, A, S>): Promise<HookResult> {
  const result = await handleEvent(text, ctx);
  return { output: result.output, warnings: result.warnings.map(oneLineReason) };
}

async function handleEvent<P, A, S>(text: string, ctx: HookContext<P, A, S>): Promise<HookResult> {
  const parsed = parseHookPayload(text);
  if (!parsed.ok) {
    const what = `malformed hook payload: ${parsed.error}`;
    const { warnings } = rejectUnreadable(ctx, what);
    return { output: failClosedOutput(eventName(text), what), warnings };
  }
  const { payload } = parsed;
  const project = projectOf(payload, ctx);
  try {
    switch (payload.hook_event_name) {
      case 'PreToolUse': {
        const { decision, notice, warnings } = await runPreToolUse(
          ctx,
          toolCallRequest(payload, { home: ctx.home, project }),
        );
        return { output: preToolUseOutput(decision, notice), warnings };
      }
      case 'PostToolUse': {
        const { redacted, context, warnings } = await runPostToolUse(ctx, {
          ...toolCallRequest(payload, { home: ctx.home, project }),
          response: payload.tool_response,
        });
        return { output: context ? postToolUseOutput(context, redacted) : null, warnings };
      }
      case 'PostToolUseFailure': {
        const { warnings } = await runPostToolUseFailure(
          ctx,
          toolCallRequest(payload, { home: ctx.home, project }),
        );
        return { output: null, warnings };
      }
      case 'UserPromptSubmit': {
        const { blocked, warnings } = await runPromptCheck(ctx, {
          prompt: payload.prompt ?? '',
          project,
          ...(payload.session_id ? { sessionId: payload.session_id } : {}),
        });
        return { output: blocked ? promptBlockOutput(blocked.reason) : null, warnings };
      }
      case 'SessionStart': {
        const { context, warnings } = await runSessionStart(ctx, {
          project,
          ...(payload.session_id ? { sessionId: payload.session_id } : {}),
          ...(payload.source ? { source: payload.source } : {}),
        });
        return { output: sessionStartOutput(context), warnings };
      }
      default:
        return { output: null, warnings: [] };
    }
  } catch (err) {
    return {
      output: failClosedOutput(payload.hook_event_name, `internal error: ${firstLine(err)}`),
      warnings: [],
    };
  }
}
