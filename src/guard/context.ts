import * as fs from 'node:fs';
import { agentwardenPaths } from '../core/paths.js';
import { appendActivity } from '../log/activity-log.js';
import type { Env, GuardEngine } from './engine.js';
import type { GuardContext } from './pipeline.js';
import { realPathOf } from './real-path.js';
import { hostRespondContext } from './respond.js';
import { detectSandbox, hostSandboxProbe } from './sandbox.js';

/**
 * The guard context of a real process: agentwarden's files under the user's state dir, the host's clock and
 * file system (real paths included, so no caller can judge a symlink by its name).
 * `record`: the hook and its warm helper log every decision and keep session state; `guard test` and
 * `guard explain` only evaluate, each action as in a fresh session, and write nothing.
 */
export function defaultGuardContext<P, A, S>(opts: {
  engine: GuardEngine<P, A, S>;
  home: string;
  env: Env;
  record: boolean;
}): GuardContext<P, A, S> {
  const paths = agentwardenPaths(opts.home, opts.env);
  const now = () => new Date();
  return {
    engine: opts.engine,
    home: opts.home,
    env: opts.env,
    paths,
    now,
    sandboxed: () => detectSandbox(hostSandboxProbe(opts.env)),
    exists: (p) => fs.existsSync(p),
    realPath: realPathOf,
    sessions: opts.record ? 'stored' : 'fresh',
    log: opts.record
      ? (entry, rotation) => {
          const written = appendActivity(paths.activityLog, entry, rotation);
          return written.ok ? undefined : written.error;
        }
      : () => undefined,
    ...(opts.record ? { respond: hostRespondContext({ home: opts.home, env: opts.env, paths, now }) } : {}),
  };
}
