import { redactText } from '../../core/redact.js';
import { failClosedDecision } from '../../guard/fail-closed.js';
import type { Decision } from '../../policy/types.js';

/** The JSON a hook prints on stdout, exactly as Claude Code's `NM` schema reads it (REFERENCE.md §4). */
export type HookOutput = Record<string, unknown>;

const MAX_REASON_CHARS = 1000;

/** One line, redacted, bounded: reasons reach the model and the user's terminal. */
export function oneLineReason(text: string): string {
  const line = redactText(text.replace(/\s*[\r\n]+\s*/g, ' ').trim());
  return line.length > MAX_REASON_CHARS ? `${line.slice(0, MAX_REASON_CHARS - 1)}…` : line;
}

export function formatReason(decision: Pick<Decision, 'ruleId' | 'reason'>): string {
  return oneLineReason(`agentwarden [${decision.ruleId}]: ${decision.reason}`);
}

/**
 * PreToolUse answer. An `allow` prints nothing: a hook `allow` would skip Claude Code's own permission
 * prompt (the user's ask rules and permission mode), and the guard only ever adds restrictions on top of
 * them, so "no objection" is the faithful answer. `ask` and `deny` are explicit.
 */
export function preToolUseOutput(decision: Decision, notice?: string): HookOutput | null {
  // `systemMessage` is shown to the user, not the model: a budget threshold is theirs to act on.
  const message = notice ? { systemMessage: oneLineReason(notice) } : {};
  if (decision.verdict === 'allow') return notice ? message : null;
  return {
    ...message,
    hookSpecificOutput: {
      hookEventName: 'PreToolUse',
      permissionDecision: decision.verdict,
      permissionDecisionReason: formatReason(decision),
    },
  };
}

export function sessionStartOutput(context: string): HookOutput {
  return { hookSpecificOutput: { hookEventName: 'SessionStart', additionalContext: oneLineReason(context) } };
}

export function promptBlockOutput(reason: string): HookOutput {
  return {
    decision: 'block',
    reason: oneLineReason(reason),
    hookSpecificOutput: { hookEventName: 'UserPromptSubmit', suppressOriginalPrompt: true },
  };
}

/** PostToolUse answer: what the model should be told, and the output with secrets masked when there were any. */
export function postToolUseOutput(context: string, updatedToolOutput?: unknown): HookOutput {
  return {
    hookSpecificOutput: {
      hookEventName: 'PostToolUse',
      ...(updatedToolOutput !== undefined ? { updatedToolOutput } : {}),
      additionalContext: oneLineReason(context),
    },
  };
}

/** The blocking answer for an event when something failed before a proper answer existed. */
export function failClosedOutput(event: string | undefined, what: string): HookOutput | null {
  const decision = failClosedDecision(what);
  if (event === 'UserPromptSubmit') return promptBlockOutput(`agentwarden: ${decision.reason}`);
  if (event === 'PostToolUse' || event === 'SessionStart') return null;
  return preToolUseOutput(decision);
}
