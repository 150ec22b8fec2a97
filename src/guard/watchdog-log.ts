// A call the hook's watchdog answers (the guard did not decide in time) is a deny like any other: it goes in
// the activity log, or the record shows no trace of a call that was blocked (issue 16). Loaded only when the
// watchdog fires, so the hook's normal path never pays for it.
import { agentwardenPaths } from '../core/paths.js';
import { appendActivity } from '../log/activity-log.js';
import type { Env } from './engine.js';

/** Session, event and tool of a payload, as far as the (possibly partial) text tells them. */
function describePayload(text: string | undefined): { session: string; event: string; tool: string } {
  const out = { session: 'unknown', event: 'unknown', tool: 'unknown' };
  if (text === undefined) return out;
  try {
    const value = JSON.parse(text) as Record<string, unknown>;
    const pick = (key: string) =>
      typeof value[key] === 'string' ? (value[key] as string).slice(0, 200) : undefined;
    return {
      session: pick('session_id') ?? pick('sessionId') ?? out.session,
      event: pick('hook_event_name') ?? pick('event') ?? out.event,
      tool: pick('tool_name') ?? pick('toolName') ?? out.tool,
    };
  } catch {
    return out;
  }
}

/** Appends the watchdog's deny; returns why it could not be logged, or undefined. Never throws. */
export function logWatchdogDeny(opts: {
  home: string;
  env: Env;
  payload: string | undefined;
  reason: string;
  now?: Date;
}): string | undefined {
  try {
    const { activityLog } = agentwardenPaths(opts.home, opts.env);
    const written = appendActivity(activityLog, {
      ts: (opts.now ?? new Date()).toISOString(),
      ...describePayload(opts.payload),
      verdict: 'deny',
      ruleId: 'guard-watchdog',
      reason: opts.reason,
      summary: '',
    });
    return written.ok ? undefined : written.error;
  } catch (err) {
    return (err as Error)?.message ?? String(err);
  }
}
