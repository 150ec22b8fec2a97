/** Capabilities of the permission matrix (PR-1). */
export const CAPABILITIES = [
  'read',
  'write',
  'delete',
  'exec',
  'network',
  'credentials',
  'package-install',
  'git-push',
  'infra',
  'mcp',
] as const;
export type Capability = (typeof CAPABILITIES)[number];

/**
 * How bad an effect is before any policy applies:
 * - harmless: everyday work (reading, building, testing, version control inside the project);
 * - low: ordinary but with an effect the policy may want to weigh (writing a file in the project);
 * - high: at stake enough that a human should confirm (deleting outside build outputs, pushing, installing);
 * - critical: never acceptable from an agent (rm -rf ~, fork bomb, mkfs on a disk, curl | sh).
 */
export type Risk = 'harmless' | 'low' | 'high' | 'critical';

export interface ShellEffect {
  capability: Capability;
  /** Stable id of what was recognised, e.g. `rm-recursive`, `curl-pipe-shell`, `read-env-file`. */
  id: string;
  risk: Risk;
  /** Plain words on what is at stake, e.g. "deletes /home/dev recursively". */
  reason: string;
  /** Absolute paths (resolved against cwd, ~ expanded) the effect touches. */
  paths: string[];
  /** URLs or hosts the effect contacts. */
  urls: string[];
  /** Source text of the simple command it came from. */
  command: string;
}

/** One simple command after unwrapping (bash -c, sudo, env, xargs, ...). */
export interface SimpleCommand {
  /** Command name, or null when computed at run time ($X, $(echo rm)). */
  name: string | null;
  /** Literal arguments; an argument that is not literal is kept as its source text. */
  args: string[];
  /** Wrappers this command was found inside, outermost first: ['sudo', 'bash -c']. */
  via: string[];
  redirects: { op: string; target: string }[];
  text: string;
}

export interface ShellAnalysis {
  commands: SimpleCommand[];
  effects: ShellEffect[];
  /** True when some command name is computed at run time: the policy must not guess. */
  dynamic: boolean;
  /** Set when the command could not be parsed; the policy asks. */
  parseError?: string;
}

export interface ShellContext {
  cwd: string;
  home: string;
  /** Project root; paths under it count as inside the project. */
  project: string;
}
