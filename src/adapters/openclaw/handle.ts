// The OpenClaw plugin's events in, the plugin's answers out; the judging is the guard pipeline's. The plugin
// (plugin-source.ts) forwards each event as one JSON request, in-process or through
// `agentwarden guard hook openclaw`, and turns the answer into what OpenClaw's hook API takes.
import * as path from 'node:path';
import type { Env } from '../../guard/engine.js';
import { failClosedDecision } from '../../guard/fail-closed.js';
import {
  type GuardContext,
  rejectUnreadable,
  runPostToolUse,
  runPreToolUse,
  type ToolCallRequest,
} from '../../guard/pipeline.js';
import type { Decision } from '../../policy/types.js';
import { toolCallToAction } from './action.js';
import { openclawConfigPath, openclawStateDirs } from './hook-files.js';

/** The requester fields of a `before_tool_call` ctx the guard reads (PLUGINS.md §3.1). */
interface RequestContext {
  agentId?: string;
  sessionKey?: string;
  sessionId?: string;
  channelId?: string;
  requester?: { channel?: string; senderIsOwner?: boolean };
}

/** `agents` of openclaw.json, as far as it says where each agent's workspace is. */
interface AgentsConfig {
  defaults?: { workspace?: string };
  list?: { id?: string; workspace?: string }[];
}

export type OpenClawRequest =
  | {
      event: 'before_tool_call' | 'tool_result';
      toolName: string;
      params: Record<string, unknown>;
      derivedPaths?: string[];
      ctx: RequestContext;
      agents?: AgentsConfig;
      /** tool_result only: what the tool returned (`{content, details}`). */
      result?: unknown;
    }
  | {
      event: 'message_received';
      ctx: RequestContext;
      /** The channel the message came in on, and its text (only its size is logged). */
      channel: string;
      content: string;
    };

export type OpenClawAnswer =
  | { block: true; blockReason: string }
  | { requireApproval: { title: string; description: string; severity: 'warning' | 'critical' } }
  /** tool_result: the result to hand the model instead (secrets masked). */
  | { result: unknown }
  | { allow: true };

export interface OpenClawResult {
  answer: OpenClawAnswer;
  /** One-line problems that did not change the answer (a log write that failed). */
  warnings: string[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

function readContext(value: unknown): RequestContext {
  if (!isRecord(value)) return {};
  const requester = isRecord(value.requester) ? value.requester : undefined;
  const ctx: RequestContext = {};
  for (const key of ['agentId', 'sessionKey', 'sessionId', 'channelId'] as const) {
    const v = str(value[key]);
    if (v) ctx[key] = v;
  }
  if (requester) {
    const channel = str(requester.channel);
    ctx.requester = {
      ...(channel ? { channel } : {}),
      ...(typeof requester.senderIsOwner === 'boolean' ? { senderIsOwner: requester.senderIsOwner } : {}),
    };
  }
  return ctx;
}

/** The request, or what is wrong with it. Unknown fields are ignored; missing ones make it unreadable. */
export function parseOpenClawRequest(
  text: string,
): { ok: true; request: OpenClawRequest } | { ok: false; error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, error: 'not JSON' };
  }
  if (!isRecord(value)) return { ok: false, error: 'not a JSON object' };
  const ctx = readContext(value.ctx);
  if (value.event === 'message_received') {
    return {
      ok: true,
      request: {
        event: 'message_received',
        ctx,
        channel: str(value.channel) ?? ctx.channelId ?? 'a channel',
        content: typeof value.content === 'string' ? value.content : '',
      },
    };
  }
  if (value.event !== 'before_tool_call' && value.event !== 'tool_result')
    return { ok: false, error: `unknown event ${JSON.stringify(value.event)}` };
  const toolName = str(value.toolName);
  if (!toolName) return { ok: false, error: 'no toolName' };
  if (!isRecord(value.params)) return { ok: false, error: `${toolName} call has no params object` };
  const derived = Array.isArray(value.derivedPaths)
    ? value.derivedPaths.filter((p): p is string => typeof p === 'string')
    : undefined;
  return {
    ok: true,
    request: {
      event: value.event,
      toolName,
      params: value.params,
      ctx,
      ...(derived ? { derivedPaths: derived } : {}),
      ...(isRecord(value.agents) ? { agents: value.agents as AgentsConfig } : {}),
      ...('result' in value ? { result: value.result } : {}),
    },
  };
}

/** The agent's workspace, as OpenClaw picks it: the agent's own, the defaults', the env's, the state dir's. */
export function workspaceOf(
  agents: AgentsConfig | undefined,
  agentId: string | undefined,
  home: string,
  env: Env,
): string {
  const expand = (p: string) => path.resolve(p.replace(/^~(?=[/\\]|$)/, home));
  const own = agents?.list?.find((a) => a?.id === agentId)?.workspace;
  const chosen = str(own) ?? str(agents?.defaults?.workspace) ?? str(env.OPENCLAW_WORKSPACE_DIR);
  if (chosen) return expand(chosen);
  return path.join(openclawStateDirs(home, env)[0] ?? path.join(home, '.openclaw'), 'workspace');
}

/** Taint and decisions are kept per conversation: the session key (`agent:main:main`) outlives a session id. */
function sessionOf(ctx: RequestContext): string | undefined {
  return ctx.sessionKey ?? ctx.sessionId;
}

function toolCallRequest(
  request: Extract<OpenClawRequest, { toolName: string }>,
  ctx: { home: string; env: Env },
): ToolCallRequest {
  const project = workspaceOf(request.agents, request.ctx.agentId, ctx.home, ctx.env);
  const sessionId = sessionOf(request.ctx);
  return {
    tool: request.toolName,
    action: toolCallToAction({
      toolName: request.toolName,
      params: request.params,
      cwd: project,
      home: ctx.home,
      configFile: openclawConfigPath(ctx.home, ctx.env),
      ...(sessionId ? { sessionId } : {}),
      ...(request.derivedPaths ? { derivedPaths: request.derivedPaths } : {}),
    }),
    project,
    ...(sessionId ? { sessionId } : {}),
  };
}

/**
 * OpenClaw's answer to a decision. An ask becomes an approval request only where a chat channel can answer
 * it; a run with none to ask (the CLI, a cron turn) would leave the approval unresolved, so it is a deny
 * that says what approval was needed.
 */
export function answerFor(decision: Decision, ctx: RequestContext): OpenClawAnswer {
  const reason = `agentwarden: ${decision.reason} [${decision.ruleId}]`;
  if (decision.verdict === 'allow') return { allow: true };
  if (decision.verdict === 'ask' && (ctx.channelId || ctx.requester?.channel))
    return {
      requireApproval: {
        title: 'agentwarden: approve this tool call?',
        description: reason,
        severity: decision.ruleId.startsWith('taint/') ? 'critical' : 'warning',
      },
    };
  const why =
    decision.verdict === 'ask' ? `${reason}; needs approval and no channel can answer here` : reason;
  return { block: true, blockReason: why };
}

/**
 * The tool result the model should read: masked or cleaned, and with what agentwarden has to tell the
 * agent (a detected injection, a masked secret) as one more text block, since OpenClaw's middleware has no
 * separate channel for it.
 */
function withNotice(result: unknown, context: string | undefined): unknown {
  if (!context) return result;
  const notice = { type: 'text', text: context };
  if (
    typeof result === 'object' &&
    result !== null &&
    Array.isArray((result as { content?: unknown }).content)
  ) {
    const r = result as { content: unknown[] };
    return { ...r, content: [...r.content, notice] };
  }
  return {
    content: [...(result === undefined ? [] : [{ type: 'text', text: JSON.stringify(result) }]), notice],
  };
}

/** One plugin event: the request text in, the answer out. Never throws: every failure blocks. */
export async function handleOpenClaw<P, A, S>(
  text: string,
  ctx: GuardContext<P, A, S>,
): Promise<OpenClawResult> {
  const parsed = parseOpenClawRequest(text);
  if (!parsed.ok) {
    const { decision, warnings } = rejectUnreadable(ctx, `malformed OpenClaw request: ${parsed.error}`);
    return { answer: { block: true, blockReason: `agentwarden: ${decision.reason}` }, warnings };
  }
  const { request } = parsed;
  try {
    if (request.event === 'message_received') {
      // A chat message is content a third party wrote: observed like a fetched page, so it taints.
      const sessionId = sessionOf(request.ctx);
      const tool = `message from ${request.channel}`;
      const project = workspaceOf(undefined, request.ctx.agentId, ctx.home, ctx.env);
      const { warnings } = await runPostToolUse(ctx, {
        tool,
        action: {
          ok: true,
          action: {
            tool,
            kind: 'network',
            paths: [],
            urls: [],
            cwd: project,
            raw: { channel: request.channel, chars: request.content.length },
            ...(sessionId ? { sessionId } : {}),
          },
        },
        project,
        response: request.content,
        // message_received only observes: the message reaches the model as it came.
        replaceOutput: false,
        ...(sessionId ? { sessionId } : {}),
      });
      return { answer: { allow: true }, warnings };
    }
    if (request.event === 'before_tool_call') {
      const { decision, warnings } = await runPreToolUse(ctx, toolCallRequest(request, ctx));
      return { answer: answerFor(decision, request.ctx), warnings };
    }
    const { redacted, context, warnings } = await runPostToolUse(ctx, {
      ...toolCallRequest(request, ctx),
      response: request.result,
    });
    if (redacted === undefined && !context) return { answer: { allow: true }, warnings };
    return { answer: { result: withNotice(redacted ?? request.result, context) }, warnings };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const decision = failClosedDecision(`internal error: ${message.split('\n')[0] ?? ''}`);
    return { answer: { block: true, blockReason: `agentwarden: ${decision.reason}` }, warnings: [] };
  }
}
