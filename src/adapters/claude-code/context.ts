import * as fs from 'node:fs';
import { agentwardenPaths } from '../../core/paths.js';
import { detectSandbox, hostSandboxProbe } from '../../guard/sandbox.js';
import { appendActivity } from '../../log/activity-log.js';
import type { Env, GuardEngine } from './engine.js';
import type { HookContext } from './handle.js';

/** The hook context on a real machine: files under the user's agentwarden state dir, the host's clock. */
export function hostHookContext<P, A, S>(opts: {
  engine: GuardEngine<P, A, S>;
  home: string;
  env: Env;
  cwd: string;
}): HookContext<P, A, S> {
  const paths = agentwardenPaths(opts.home, opts.env);
  return {
    ...opts,
    paths,
    now: () => new Date(),
    sandboxed: () => detectSandbox(hostSandboxProbe(opts.env)),
    exists: (p) => fs.existsSync(p),
    log: (entry) => {
      const written = appendActivity(paths.activityLog, entry);
      return written.ok ? undefined : written.error;
    },
  };
}
