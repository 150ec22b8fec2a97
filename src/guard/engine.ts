import type { RespondLimits } from '../policy/policy.js';
import type { Action, Decision } from '../policy/types.js';
import type { SessionStateCodec } from './session-store.js';

export type Env = Readonly<Record<string, string | undefined>>;

export type PolicyLoad<P> = { ok: true; policy: P } | { ok: false; error: string };

/** What `decide` needs besides the action (mirrors `policy.decide`'s second argument). */
export interface DecideInput<P, A, S> {
  policy: P;
  shell: A;
  session: S;
  home: string;
  project: string;
  sandboxed: boolean;
  /** Where a path really leads (symlinks followed), when that differs from the path. */
  realPath?: (p: string) => string | undefined;
}

/**
 * The policy engine and shell analyzer behind one seam, so the pipeline can be tested with a fake and run
 * with the real modules (see `real-engine.ts`).
 */
export interface GuardEngine<P, A, S> {
  loadPolicy(req: { home: string; project: string; env: Env }): Promise<PolicyLoad<P>>;
  /** The analyzer for this action: the wasm-free one unless a command needs the real parser. */
  shellFor(action: Action): Promise<A>;
  decide(action: Action, input: DecideInput<P, A, S>): Decision;
  /** The state after the action ran; `shell` is the analyzer `shellFor` gave, for what a command fetched. */
  observe(action: Action, state: S, input: { policy: P; shell: A; home: string; project: string }): S;
  /** The policy's spend, loop, log and alert limits; without it the pipeline applies none. */
  limits?(policy: P): RespondLimits;
  session: SessionStateCodec<S> & {
    initial(): S;
    /** A state tainted by `source` alone, merged into the session's (what the detector found in a result). */
    tainted(source: string): S;
    /** The state to assume when the stored one cannot be read: tainted, so nothing is trusted by mistake. */
    unreadable(why: string): S;
  };
}
