import { hostHookContext } from './context.js';
import type { Env } from './engine.js';
import { type HookResult, handleHook } from './handle.js';
import { realGuardEngine } from './real-engine.js';

/** One real hook call: the payload text in, the answer out. Loaded lazily by `src/cli/hook.ts`. */
export function runClaudeHook(
  text: string,
  where: { home: string; env: Env; cwd: string },
): Promise<HookResult> {
  return handleHook(text, hostHookContext({ engine: realGuardEngine(), ...where }));
}
