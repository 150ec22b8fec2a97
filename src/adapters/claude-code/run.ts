import { hostHookContext } from './context.js';
import type { Env } from './engine.js';
import { type HookResult, handleHook } from './handle.js';
import { realGuardEngine } from './real-engine.js';
import { runHookServer } from './server.js';

/** One real hook call: the payload text in, the answer out. */
export function runClaudeHook(
  text: string,
  where: { home: string; env: Env; cwd: string },
): Promise<HookResult> {
  return handleHook(text, hostHookContext({ engine: realGuardEngine(), ...where }));
}

/** The warm helper: the same handler as in-process, with the engine (and its parser) loaded once. */
export async function serveClaudeHooks(
  socketPath: string,
  build: string,
  idleMs: number,
  onListening?: () => void,
): Promise<void> {
  const engine = realGuardEngine();
  // Load the parser now, so even the first command that needs it is answered warm.
  await engine
    .shellFor({ tool: 'Bash', kind: 'exec', command: 'true | true', paths: [], urls: [], cwd: '/', raw: {} })
    .catch(() => undefined);
  await runHookServer({
    socketPath,
    build,
    idleMs,
    ...(onListening ? { onListening } : {}),
    handle: (req) =>
      handleHook(req.payload, hostHookContext({ engine, home: req.home, env: req.env, cwd: req.cwd })),
  });
}
