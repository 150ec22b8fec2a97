import * as path from 'node:path';
import { agentHookFiles } from '../adapters/registry.js';
import {
  decide,
  initialSessionState,
  type LoadOptions,
  loadPolicy,
  observe,
  type Policy,
  type SessionState,
} from '../policy/index.js';
import {
  isTriviallySimple,
  loadShellAnalyzer,
  type ShellAnalyzer,
  simpleShellAnalyzer,
} from '../scanners/shell/index.js';
import type { Env, GuardEngine } from './engine.js';
import { sessionStateCodec, unreadableSessionState } from './session-codec.js';

/**
 * The bundle the guard runs from (the dist/ folder holding cli.js), taken from the running script rather
 * than the environment, which a repository's settings can set: the guard protects its own code from the
 * agent. Only dist/: when the project is an agentwarden checkout, its sources stay editable.
 */
export function installDirOf(script: string | undefined): string | undefined {
  if (!script) return undefined;
  const dist = path.dirname(path.resolve(script));
  return path.basename(dist) === 'dist' ? dist : undefined;
}

const INSTALL_DIR = installDirOf(process.argv[1]);

/** What the guard loads its policy with: every agent's hook files and its own code are protected too. */
export function guardPolicyOptions(
  req: { home: string; project: string; env: Env },
  installDir: string | undefined = INSTALL_DIR,
): LoadOptions {
  return {
    ...req,
    hookFiles: agentHookFiles(req.home, req.env),
    ...(installDir ? { installDir } : {}),
  };
}

/** The guard engine made of the real policy module and shell analyzer. */
export function realGuardEngine(
  /** The bundle to protect when the running script is not agentwarden's (imported into OpenClaw). */
  opts: { installDir?: string } = {},
): GuardEngine<Policy, ShellAnalyzer, SessionState> {
  const installDir = INSTALL_DIR ?? opts.installDir;
  return {
    loadPolicy: async (req) => {
      const loaded = loadPolicy(guardPolicyOptions(req, installDir));
      return loaded.ok ? { ok: true, policy: loaded.policy } : loaded;
    },
    // Only a command that is not trivially simple needs the tree-sitter parser (≈25 ms of wasm).
    shellFor: async (action) =>
      action.kind === 'exec' && action.command !== undefined && !isTriviallySimple(action.command)
        ? loadShellAnalyzer()
        : simpleShellAnalyzer,
    decide: (action, input) => decide(action, input),
    observe: (action, state, { policy, shell, home, project }) =>
      observe(
        action,
        state,
        policy,
        action.command === undefined
          ? undefined
          : shell.analyze(action.command, { cwd: action.cwd, home, project }),
      ),
    limits: (policy) => policy.limits,
    session: {
      ...sessionStateCodec,
      initial: initialSessionState,
      tainted: (source) => ({ tainted: true, taintSources: [source] }),
      unreadable: unreadableSessionState,
    },
  };
}
