import type { AgentwardenPaths } from '../../core/paths.js';
import { loadSessionState, saveSessionState } from '../../guard/session-store.js';
import type { ActivityEntry } from '../../log/activity-log.js';
import type { Action, Decision } from '../../policy/types.js';
import { findSecrets } from '../../scanners/secrets/detect.js';
import { toolCallToAction } from './action.js';
import type { Env, GuardEngine } from './engine.js';
import {
  failClosedDecision,
  failClosedOutput,
  type HookOutput,
  oneLineReason,
  postToolRedactOutput,
  preToolUseOutput,
  promptBlockOutput,
  sessionStartOutput,
} from './output.js';
import { type HookPayload, parseHookPayload, requireToolFields } from './payload.js';
import { redactToolResponse } from './tool-output.js';

export interface HookContext<P, A, S> {
  engine: GuardEngine<P, A, S>;
  home: string;
  env: Env;
  /** The hook process's cwd: Claude Code starts hooks in the session cwd. */
  cwd: string;
  paths: AgentwardenPaths;
  now(): Date;
  sandboxed(): boolean;
  exists(path: string): boolean;
  /** Where a path really leads (symlinks followed), when that differs from it; absent in pure tests. */
  realPath?(path: string): string | undefined;
  /** Appends to the activity log; returns an error message instead of throwing. */
  log(entry: ActivityEntry): string | undefined;
}

export interface HookResult {
  /** What to print on stdout; null prints nothing (no objection). */
  output: HookOutput | null;
  /** One-line problems for stderr that did not change the answer (log or state write failures). */
  warnings: string[];
}

const KILL_SWITCH_REASON = 'the agentwarden kill switch is engaged; run `agentwarden unlock` to resume';

function firstLine(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.split('\n')[0] ?? 'unknown error';
}

function summarize(action: Action): string {
  if (action.command !== undefined) return action.command;
  if (action.urls[0]) return action.urls[0];
  if (action.paths[0]) return action.paths[0];
  const input = action.raw as Record<string, unknown>;
  if (typeof input.description === 'string') return input.description;
  if (typeof input.query === 'string') return input.query;
  return action.tool;
}

function locate(payload: HookPayload, ctx: { env: Env; cwd: string }): { project: string; cwd: string } {
  const project = ctx.env.CLAUDE_PROJECT_DIR || payload.cwd || ctx.cwd;
  return { project, cwd: payload.cwd || project };
}

function mapAction(payload: HookPayload, ctx: { env: Env; cwd: string; home: string }) {
  const tool = requireToolFields(payload);
  if (!tool.ok) return tool;
  const { cwd } = locate(payload, ctx);
  return toolCallToAction({
    toolName: tool.toolName,
    toolInput: tool.toolInput,
    cwd,
    home: ctx.home,
    ...(payload.session_id ? { sessionId: payload.session_id } : {}),
    ...(payload.mcp_server ? { mcpServer: payload.mcp_server } : {}),
  });
}

function loadSession<P, A, S>(ctx: HookContext<P, A, S>, sessionId: string | undefined): S {
  const { engine } = ctx;
  if (!sessionId) return engine.session.initial();
  const loaded = loadSessionState(ctx.paths.sessionsDir, sessionId, engine.session);
  if (loaded.status === 'found') return loaded.state;
  if (loaded.status === 'missing') return engine.session.initial();
  return engine.session.unreadable(loaded.error);
}

/** Decides a PreToolUse call. Never throws: every failure is a deny naming what failed. */
export async function decidePreToolUse<P, A, S>(
  payload: HookPayload,
  ctx: HookContext<P, A, S>,
): Promise<{ decision: Decision; action?: Action }> {
  if (ctx.exists(ctx.paths.lockfile))
    return {
      decision: { verdict: 'deny', ruleId: 'kill-switch', reason: KILL_SWITCH_REASON, seedRefs: ['CS-8'] },
    };
  const mapped = mapAction(payload, ctx);
  if (!mapped.ok) return { decision: failClosedDecision(`malformed hook payload: ${mapped.error}`) };
  const { action } = mapped;
  try {
    const { project } = locate(payload, ctx);
    const loaded = await ctx.engine.loadPolicy({ home: ctx.home, project, env: ctx.env });
    if (!loaded.ok) return { decision: failClosedDecision(`policy error: ${loaded.error}`), action };
    let shell: A;
    try {
      shell = await ctx.engine.shellFor(action);
    } catch (err) {
      return { decision: failClosedDecision(`shell analyzer unavailable: ${firstLine(err)}`), action };
    }
    const session = loadSession(ctx, payload.session_id);
    const decision = ctx.engine.decide(action, {
      policy: loaded.policy,
      shell,
      session,
      home: ctx.home,
      project,
      sandboxed: ctx.sandboxed(),
      ...(ctx.realPath ? { realPath: (p: string) => ctx.realPath?.(p) } : {}),
    });
    return { decision, action };
  } catch (err) {
    return { decision: failClosedDecision(`internal error: ${firstLine(err)}`), action };
  }
}

/** PostToolUse: remember taint for the rest of the session; mask secrets before the model reads them. */
async function handlePostToolUse<P, A, S>(
  payload: HookPayload,
  ctx: HookContext<P, A, S>,
  warnings: string[],
) {
  const redacted = redactToolResponse(payload.tool_response);
  const output =
    redacted.redactedStrings > 0
      ? postToolRedactOutput(
          redacted.value,
          'agentwarden masked a secret in this tool output; do not try to recover or print it.',
        )
      : null;
  const sessionId = payload.session_id;
  let observed: S | undefined;
  let action: Action | undefined;
  try {
    const mapped = mapAction(payload, ctx);
    if (!mapped.ok) throw new Error(`malformed hook payload: ${mapped.error}`);
    action = mapped.action;
    const { project } = locate(payload, ctx);
    const loaded = await ctx.engine.loadPolicy({ home: ctx.home, project, env: ctx.env });
    if (!loaded.ok) throw new Error(`policy error: ${loaded.error}`);
    const shell = await ctx.engine.shellFor(action);
    const before = loadSession(ctx, sessionId);
    const after = ctx.engine.observe(action, before, {
      policy: loaded.policy,
      shell,
      home: ctx.home,
      project,
    });
    if (!ctx.engine.session.equal(before, after)) observed = after;
  } catch (err) {
    // What this output brought into the session is unknown, so assume the worst for what follows.
    warnings.push(
      `could not observe ${payload.tool_name ?? 'tool'} output (${firstLine(err)}); session marked tainted`,
    );
    observed = ctx.engine.session.unreadable(firstLine(err));
  }
  if (observed !== undefined && sessionId) {
    const saved = saveSessionState(ctx.paths.sessionsDir, sessionId, observed, ctx.engine.session);
    if (!saved.ok) warnings.push(saved.error);
  }
  if (observed !== undefined || output) {
    const what = [observed !== undefined ? 'session tainted' : '', output ? 'secret masked in output' : '']
      .filter(Boolean)
      .join('; ');
    logEntry(ctx, warnings, {
      session: sessionId ?? '',
      event: 'PostToolUse',
      tool: payload.tool_name ?? '',
      verdict: output ? 'redact' : 'observe',
      ruleId: observed !== undefined ? 'taint' : 'secret-in-output',
      reason: what,
      summary: action ? summarize(action) : '',
    });
  }
  return output;
}

function handleUserPrompt<P, A, S>(payload: HookPayload, ctx: HookContext<P, A, S>, warnings: string[]) {
  const prompt = payload.prompt ?? '';
  let reason: string | undefined;
  let ruleId = '';
  if (ctx.exists(ctx.paths.lockfile)) {
    reason = `Prompt blocked: ${KILL_SWITCH_REASON}`;
    ruleId = 'kill-switch';
  } else {
    const kinds = [...new Set(findSecrets(prompt).map((hit) => hit.ruleId))];
    if (kinds.length > 0) {
      // Name the kind of secret only: the reason is shown on screen and kept in the transcript.
      reason = `Prompt blocked: it contains what looks like a secret (${kinds.join(', ')}). Remove it and pass secrets through environment variables or a secret manager, never in a prompt.`;
      ruleId = 'secret-in-prompt';
    }
  }
  if (!reason) return null;
  logEntry(ctx, warnings, {
    session: payload.session_id ?? '',
    event: 'UserPromptSubmit',
    tool: '',
    verdict: 'deny',
    ruleId,
    reason,
    summary: `prompt (${prompt.length} chars)`,
  });
  return promptBlockOutput(reason);
}

async function handleSessionStart<P, A, S>(
  payload: HookPayload,
  ctx: HookContext<P, A, S>,
  warnings: string[],
) {
  let context: string;
  if (ctx.exists(ctx.paths.lockfile)) {
    context = `agentwarden: ${KILL_SWITCH_REASON}. Every tool call will be denied.`;
  } else {
    const { project } = locate(payload, ctx);
    let problem: string | undefined;
    try {
      const loaded = await ctx.engine.loadPolicy({ home: ctx.home, project, env: ctx.env });
      if (!loaded.ok) problem = loaded.error;
    } catch (err) {
      problem = firstLine(err);
    }
    context = problem
      ? `agentwarden guard: the policy cannot be loaded (${problem}); every tool call will be denied until it is fixed.`
      : 'agentwarden guard is active: every tool call is checked against the security policy and logged. When a call is denied, tell the user why instead of working around it.';
  }
  logEntry(ctx, warnings, {
    session: payload.session_id ?? '',
    event: 'SessionStart',
    tool: '',
    verdict: 'info',
    ruleId: 'session-start',
    reason: context,
    summary: payload.source ?? '',
  });
  return sessionStartOutput(context);
}

function logEntry<P, A, S>(ctx: HookContext<P, A, S>, warnings: string[], entry: Omit<ActivityEntry, 'ts'>) {
  try {
    const error = ctx.log({ ts: ctx.now().toISOString(), ...entry });
    if (error) warnings.push(error);
  } catch (err) {
    warnings.push(`activity log: ${firstLine(err)}`);
  }
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
  const warnings: string[] = [];
  const parsed = parseHookPayload(text);
  if (!parsed.ok) {
    const decision = failClosedDecision(`malformed hook payload: ${parsed.error}`);
    logEntry(ctx, warnings, {
      session: '',
      event: 'unknown',
      tool: '',
      verdict: decision.verdict,
      ruleId: decision.ruleId,
      reason: decision.reason,
      summary: '',
    });
    return { output: failClosedOutput(eventName(text), `malformed hook payload: ${parsed.error}`), warnings };
  }
  const { payload } = parsed;
  try {
    switch (payload.hook_event_name) {
      case 'PreToolUse': {
        const { decision, action } = await decidePreToolUse(payload, ctx);
        logEntry(ctx, warnings, {
          session: payload.session_id ?? '',
          event: 'PreToolUse',
          tool: payload.tool_name ?? '',
          verdict: decision.verdict,
          ruleId: decision.ruleId,
          reason: decision.reason,
          summary: action ? summarize(action) : '',
        });
        return { output: preToolUseOutput(decision), warnings };
      }
      case 'PostToolUse':
        return { output: await handlePostToolUse(payload, ctx, warnings), warnings };
      case 'UserPromptSubmit':
        return { output: handleUserPrompt(payload, ctx, warnings), warnings };
      case 'SessionStart':
        return { output: await handleSessionStart(payload, ctx, warnings), warnings };
      default:
        return { output: null, warnings };
    }
  } catch (err) {
    return {
      output: failClosedOutput(payload.hook_event_name, `internal error: ${firstLine(err)}`),
      warnings,
    };
  }
}
