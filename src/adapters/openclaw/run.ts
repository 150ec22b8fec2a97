import { defaultGuardContext } from '../../guard/context.js';
import type { Env } from '../../guard/engine.js';
import { realGuardEngine } from '../../guard/real-engine.js';
import { loadShellAnalyzer } from '../../scanners/shell/index.js';
import { handleOpenClaw, type OpenClawResult } from './handle.js';

/** One real plugin event, decided, logged and kept in the session's state like a Claude Code hook call. */
export function runOpenClawHook(
  text: string,
  where: { home: string; env: Env; installDir?: string },
): Promise<OpenClawResult> {
  const ctx = defaultGuardContext({
    engine: realGuardEngine(where.installDir ? { installDir: where.installDir } : {}),
    home: where.home,
    env: where.env,
    record: true,
  });
  return handleOpenClaw(text, ctx);
}

/**
 * Loads what the first decision would (the pipeline's modules, the shell parser's wasm) so that it happens
 * while OpenClaw starts rather than on the first tool call, where it counts against the hook deadline.
 */
export async function warmOpenClawHook(): Promise<void> {
  await loadShellAnalyzer();
}
