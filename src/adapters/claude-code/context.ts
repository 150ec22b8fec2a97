import * as fs from 'node:fs';
import * as path from 'node:path';
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
    realPath: realPathOf,
    log: (entry) => {
      const written = appendActivity(paths.activityLog, entry);
      return written.ok ? undefined : written.error;
    },
  };
}

/**
 * Where an absolute path really leads: symlinks in its existing part are followed, a dangling link at any
 * step leads to its target (writing through it creates that), and the part that does not exist yet is kept.
 * Undefined when that is the path itself or the file system cannot say.
 */
export function realPathOf(p: string): string | undefined {
  let dir = path.resolve(p);
  const rest: string[] = [];
  // Bounded: a link loop or a very deep path gives up rather than spin.
  for (let step = 0; step < 256; step++) {
    try {
      const real = path.join(fs.realpathSync(dir), ...[...rest].reverse());
      return real === path.resolve(p) ? undefined : real;
    } catch {
      try {
        if (fs.lstatSync(dir).isSymbolicLink()) {
          dir = path.resolve(path.dirname(dir), fs.readlinkSync(dir));
          continue;
        }
      } catch {
        // not there: look at its parent
      }
      const parent = path.dirname(dir);
      if (parent === dir) return undefined;
      rest.push(path.basename(dir));
      dir = parent;
    }
  }
  return undefined;
}
