import { sessionStateCodec, unreadableSessionState } from '../../guard/session-codec.js';
import {
  decide,
  initialSessionState,
  loadPolicy,
  observe,
  type Policy,
  type SessionState,
} from '../../policy/index.js';
import {
  isTriviallySimple,
  loadShellAnalyzer,
  type ShellAnalyzer,
  simpleShellAnalyzer,
} from '../../scanners/shell/index.js';
import type { GuardEngine } from './engine.js';

/** The guard engine made of the real policy module and shell analyzer. */
export function realGuardEngine(): GuardEngine<Policy, ShellAnalyzer, SessionState> {
  return {
    loadPolicy: async (req) => {
      const loaded = loadPolicy(req);
      return loaded.ok ? { ok: true, policy: loaded.policy } : loaded;
    },
    // Only a Bash command that is not trivially simple needs the tree-sitter parser (≈25 ms of wasm).
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
    session: {
      ...sessionStateCodec,
      initial: initialSessionState,
      unreadable: unreadableSessionState,
    },
  };
}
