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
import type { ShellAnalyzer } from '../scanners/shell/index.js';
import { quietAnalysis } from '../scanners/shell/quiet.js';
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

/** What an action without a shell command gets: decide() and observe() never ask it to analyse. */
const NO_COMMAND: ShellAnalyzer = {
  analyze: () => ({ commands: [], effects: [], dynamic: false, parseError: 'this action runs no command' }),
};

/** For a quiet command, its known analysis; anything else it cannot read (decide() then asks). */
const QUIET: ShellAnalyzer = {
  analyze: (command) =>
    quietAnalysis(command) ?? {
      commands: [],
      effects: [],
      dynamic: false,
      parseError: 'not a quiet command; the full analyser is needed',
    },
};

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
    // The shell analysis (its rules are most of the guard's code) loads only for a command, and the
    // tree-sitter parser (≈25 ms of wasm) only for one that is not trivially simple: a Read, Edit or
    // WebFetch call compiles neither.
    shellFor: async (action) => {
      if (action.kind !== 'exec' || action.command === undefined) return NO_COMMAND;
      // git status, ls, npm test …: a closed list whose analysis is known (scanners/shell/quiet.ts) needs
      // neither the rules nor the parser.
      if (quietAnalysis(action.command)) return QUIET;
      const shell = await import('../scanners/shell/index.js');
      return shell.isTriviallySimple(action.command) ? shell.simpleShellAnalyzer : shell.loadShellAnalyzer();
    },
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
