import { defaultGuardContext } from '../../guard/context.js';
import type { Env } from '../../guard/engine.js';
import { realGuardEngine } from '../../guard/real-engine.js';
import { type HookResult, handleHook } from './handle.js';
import { runHookServer } from './server.js';

/** One real hook call: the payload text in, the answer out. */
export function runClaudeHook(
  text: string,
  where: { home: string; env: Env; cwd: string },
): Promise<HookResult> {
  const ctx = defaultGuardContext({
    engine: realGuardEngine(),
    home: where.home,
    env: where.env,
    record: true,
  });
  return handleHook(text, { ...ctx, cwd: where.cwd });
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
    .shellFor({
      tool: 'warm-up',
      kind: 'exec',
      command: 'true | true',
      paths: [],
      urls: [],
      cwd: '/',
      raw: {},
    })
    .catch(() => undefined);
  await runHookServer({
    socketPath,
    build,
    idleMs,
    ...(onListening ? { onListening } : {}),
    handle: (req) => {
      const ctx = defaultGuardContext({ engine, home: req.home, env: req.env, record: true });
      return handleHook(req.payload, { ...ctx, cwd: req.cwd });
    },
  });
}
