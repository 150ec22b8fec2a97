import { defaultGuardContext } from '../../guard/context.js';
import type { Env } from '../../guard/engine.js';
import { realGuardEngine } from '../../guard/real-engine.js';
import { handleOpenClaw, type OpenClawResult } from './handle.js';

/** One real plugin event, decided, logged and kept in the session's state like a Claude Code hook call. */
export function runOpenClawHook(text: string, where: { home: string; env: Env }): Promise<OpenClawResult> {
  const ctx = defaultGuardContext({
    engine: realGuardEngine(),
    home: where.home,
    env: where.env,
    record: true,
  });
  return handleOpenClaw(text, ctx);
}
