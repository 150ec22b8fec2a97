// The guard's one pipeline, agent-neutral: kill switch, policy load, shell analysis, session state and
// taint, real paths, decide, log. Adapters turn their agent's events into these calls and format the
// answers; the hook, its warm helper, `guard test` and `guard explain` all run through here, so they agree.
import type { AgentwardenPaths } from '../core/paths.js';
import type { ActivityEntry } from '../log/activity-log.js';
import type { Action, Decision } from '../policy/types.js';
import { findSecrets } from '../scanners/secrets/detect.js';
import type { DecideInput, Env, GuardEngine } from './engine.js';
import { failClosedDecision } from './fail-closed.js';
import { loadSessionState, saveSessionState } from './session-store.js';
import { redactToolResponse } from './tool-output.js';

export interface GuardContext<P, A, S> {
  engine: GuardEngine<P, A, S>;
  home: string;
  env: Env;
  paths: AgentwardenPaths;
  now(): Date;
  sandboxed(): boolean;
  exists(path: string): boolean;
  /** Where a path really leads (symlinks followed), when that differs from it. */
  realPath(path: string): string | undefined;
  /** `stored`: session state is read and kept per session id; `fresh`: every action starts a new session. */
  sessions: 'stored' | 'fresh';
  /** Appends to the activity log; returns an error message instead of throwing. */
  log(entry: ActivityEntry): string | undefined;
}

/** An action the adapter mapped from its agent's tool call, or why it could not. */
export type ActionMapping = { ok: true; action: Action } | { ok: false; error: string };

export interface ToolCallRequest {
  /** The agent's tool name, logged even when the call could not be mapped. */
  tool: string;
  action: ActionMapping;
  /** The project the policy is loaded for. */
  project: string;
  sessionId?: string;
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

function logEntry<P, A, S>(ctx: GuardContext<P, A, S>, warnings: string[], entry: Omit<ActivityEntry, 'ts'>) {
  try {
    const error = ctx.log({ ts: ctx.now().toISOString(), ...entry });
    if (error) warnings.push(error);
  } catch (err) {
    warnings.push(`activity log: ${firstLine(err)}`);
  }
}

function loadSession<P, A, S>(ctx: GuardContext<P, A, S>, sessionId: string | undefined): S {
  const { engine } = ctx;
  if (!sessionId || ctx.sessions === 'fresh') return engine.session.initial();
  const loaded = loadSessionState(ctx.paths.sessionsDir, sessionId, engine.session);
  if (loaded.status === 'found') return loaded.state;
  if (loaded.status === 'missing') return engine.session.initial();
  return engine.session.unreadable(loaded.error);
}

type Judged<E> = { action?: Action; stopped: Decision } | { action: Action; judged: E };

/** Everything before the verdict; `judge` is decide (the hook, `guard test`) or explain (`guard explain`). */
async function judgeToolCall<P, A, S, E>(
  ctx: GuardContext<P, A, S>,
  call: ToolCallRequest,
  judge: (action: Action, input: DecideInput<P, A, S>) => E,
): Promise<Judged<E>> {
  if (ctx.exists(ctx.paths.lockfile))
    return {
      stopped: { verdict: 'deny', ruleId: 'kill-switch', reason: KILL_SWITCH_REASON, seedRefs: ['CS-8'] },
    };
  if (!call.action.ok) return { stopped: failClosedDecision(call.action.error) };
  const { action } = call.action;
  try {
    const loaded = await ctx.engine.loadPolicy({ home: ctx.home, project: call.project, env: ctx.env });
    if (!loaded.ok) return { action, stopped: failClosedDecision(`policy error: ${loaded.error}`) };
    let shell: A;
    try {
      shell = await ctx.engine.shellFor(action);
    } catch (err) {
      return { action, stopped: failClosedDecision(`shell analyzer unavailable: ${firstLine(err)}`) };
    }
    const judged = judge(action, {
      policy: loaded.policy,
      shell,
      session: loadSession(ctx, call.sessionId),
      home: ctx.home,
      project: call.project,
      sandboxed: ctx.sandboxed(),
      realPath: (p) => ctx.realPath(p),
    });
    return { action, judged };
  } catch (err) {
    return { action, stopped: failClosedDecision(`internal error: ${firstLine(err)}`) };
  }
}

export interface PreToolUseResult {
  decision: Decision;
  action?: Action;
  /** One-line problems that did not change the answer (a log write that failed). */
  warnings: string[];
}

/** Decides a tool call before it runs, and logs the decision. Never throws: every failure is a deny. */
export async function runPreToolUse<P, A, S>(
  ctx: GuardContext<P, A, S>,
  call: ToolCallRequest,
): Promise<PreToolUseResult> {
  const judged = await judgeToolCall(ctx, call, (action, input) => ctx.engine.decide(action, input));
  const decision = 'judged' in judged ? judged.judged : judged.stopped;
  const warnings: string[] = [];
  logEntry(ctx, warnings, {
    session: call.sessionId ?? '',
    event: 'PreToolUse',
    tool: call.tool,
    verdict: decision.verdict,
    ruleId: decision.ruleId,
    reason: decision.reason,
    summary: judged.action ? summarize(judged.action) : '',
  });
  return { decision, ...(judged.action ? { action: judged.action } : {}), warnings };
}

/**
 * The same evaluation as `runPreToolUse`, answered by `explain` (every rule that fired, the shell parse),
 * and not logged. When the pipeline stops before the policy (kill switch, bad policy), only the decision.
 */
export async function explainPreToolUse<P, A, S, E extends { decision: Decision }>(
  ctx: GuardContext<P, A, S>,
  call: ToolCallRequest,
  explain: (action: Action, input: DecideInput<P, A, S>) => E,
): Promise<{ action?: Action; explanation: E | { decision: Decision } }> {
  const judged = await judgeToolCall(ctx, call, explain);
  const explanation = 'judged' in judged ? judged.judged : { decision: judged.stopped };
  return { ...(judged.action ? { action: judged.action } : {}), explanation };
}

export interface PostToolUseRequest extends ToolCallRequest {
  /** What the tool returned, in the agent's own shape. */
  response: unknown;
}

export interface PostToolUseResult {
  /** The response with every secret masked, when there was one; the agent's shape is kept. */
  redacted?: unknown;
  warnings: string[];
}

/** After a tool ran: remember taint for the rest of the session; mask secrets before the model reads them. */
export async function runPostToolUse<P, A, S>(
  ctx: GuardContext<P, A, S>,
  call: PostToolUseRequest,
): Promise<PostToolUseResult> {
  const warnings: string[] = [];
  const redacted = redactToolResponse(call.response);
  const masked = redacted.redactedStrings > 0;
  const { sessionId } = call;
  let observed: S | undefined;
  let action: Action | undefined;
  try {
    if (!call.action.ok) throw new Error(call.action.error);
    action = call.action.action;
    const loaded = await ctx.engine.loadPolicy({ home: ctx.home, project: call.project, env: ctx.env });
    if (!loaded.ok) throw new Error(`policy error: ${loaded.error}`);
    const shell = await ctx.engine.shellFor(action);
    const before = loadSession(ctx, sessionId);
    const after = ctx.engine.observe(action, before, {
      policy: loaded.policy,
      shell,
      home: ctx.home,
      project: call.project,
    });
    if (!ctx.engine.session.equal(before, after)) observed = after;
  } catch (err) {
    // What this output brought into the session is unknown, so assume the worst for what follows.
    warnings.push(
      `could not observe ${call.tool || 'tool'} output (${firstLine(err)}); session marked tainted`,
    );
    observed = ctx.engine.session.unreadable(firstLine(err));
  }
  if (observed !== undefined && sessionId && ctx.sessions === 'stored') {
    const saved = saveSessionState(ctx.paths.sessionsDir, sessionId, observed, ctx.engine.session);
    if (!saved.ok) warnings.push(saved.error);
  }
  if (observed !== undefined || masked) {
    const what = [observed !== undefined ? 'session tainted' : '', masked ? 'secret masked in output' : '']
      .filter(Boolean)
      .join('; ');
    logEntry(ctx, warnings, {
      session: sessionId ?? '',
      event: 'PostToolUse',
      tool: call.tool,
      verdict: masked ? 'redact' : 'observe',
      ruleId: observed !== undefined ? 'taint' : 'secret-in-output',
      reason: what,
      summary: action ? summarize(action) : '',
    });
  }
  return { ...(masked ? { redacted: redacted.value } : {}), warnings };
}

export interface PromptCheckResult {
  /** Why the prompt must not reach the model; absent when it may. */
  blocked?: { ruleId: string; reason: string };
  warnings: string[];
}

/** A prompt the user is about to send: blocked under the kill switch, or when it holds a secret. */
export function runPromptCheck<P, A, S>(
  ctx: GuardContext<P, A, S>,
  request: { prompt: string; sessionId?: string },
): PromptCheckResult {
  const warnings: string[] = [];
  let blocked: PromptCheckResult['blocked'];
  if (ctx.exists(ctx.paths.lockfile)) {
    blocked = { ruleId: 'kill-switch', reason: `Prompt blocked: ${KILL_SWITCH_REASON}` };
  } else {
    const kinds = [...new Set(findSecrets(request.prompt).map((hit) => hit.ruleId))];
    if (kinds.length > 0) {
      // Name the kind of secret only: the reason is shown on screen and kept in the transcript.
      blocked = {
        ruleId: 'secret-in-prompt',
        reason: `Prompt blocked: it contains what looks like a secret (${kinds.join(', ')}). Remove it and pass secrets through environment variables or a secret manager, never in a prompt.`,
      };
    }
  }
  if (!blocked) return { warnings };
  logEntry(ctx, warnings, {
    session: request.sessionId ?? '',
    event: 'UserPromptSubmit',
    tool: '',
    verdict: 'deny',
    ruleId: blocked.ruleId,
    reason: blocked.reason,
    summary: `prompt (${request.prompt.length} chars)`,
  });
  return { blocked, warnings };
}

/** A session starts: what the agent should know about the guard (active, broken policy, kill switch). */
export async function runSessionStart<P, A, S>(
  ctx: GuardContext<P, A, S>,
  request: { project: string; sessionId?: string; source?: string },
): Promise<{ context: string; warnings: string[] }> {
  const warnings: string[] = [];
  let context: string;
  if (ctx.exists(ctx.paths.lockfile)) {
    context = `agentwarden: ${KILL_SWITCH_REASON}. Every tool call will be denied.`;
  } else {
    let problem: string | undefined;
    try {
      const loaded = await ctx.engine.loadPolicy({ home: ctx.home, project: request.project, env: ctx.env });
      if (!loaded.ok) problem = loaded.error;
    } catch (err) {
      problem = firstLine(err);
    }
    context = problem
      ? `agentwarden guard: the policy cannot be loaded (${problem}); every tool call will be denied until it is fixed.`
      : 'agentwarden guard is active: every tool call is checked against the security policy and logged. When a call is denied, tell the user why instead of working around it.';
  }
  logEntry(ctx, warnings, {
    session: request.sessionId ?? '',
    event: 'SessionStart',
    tool: '',
    verdict: 'info',
    ruleId: 'session-start',
    reason: context,
    summary: request.source ?? '',
  });
  return { context, warnings };
}

/** An event the adapter could not read at all: logged, and answered with this deny. */
export function rejectUnreadable<P, A, S>(
  ctx: GuardContext<P, A, S>,
  what: string,
): { decision: Decision; warnings: string[] } {
  const decision = failClosedDecision(what);
  const warnings: string[] = [];
  logEntry(ctx, warnings, {
    session: '',
    event: 'unknown',
    tool: '',
    verdict: decision.verdict,
    ruleId: decision.ruleId,
    reason: decision.reason,
    summary: '',
  });
  return { decision, warnings };
}
