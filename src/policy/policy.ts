import * as path from 'node:path';
import { compileWildcard, type TextMatcher } from '../core/linear-match.js';
import { agentwardenPaths, PROJECT_POLICY_FILE } from '../core/paths.js';
import { CAPABILITIES, type Capability } from '../scanners/shell/types.js';
import {
  BUILT_IN_ALLOW_DOMAINS,
  BUILT_IN_DENY_DOMAINS,
  BUILT_IN_MATRIX,
  BUILT_IN_PROTECT,
  BUILT_IN_ROLE,
  BUILT_IN_UNTRUSTED_PATHS,
  type ProtectEntry,
} from './defaults.js';
import { compilePathPattern, matchablePath, type PathPattern } from './glob.js';
import { CELLS, type Cell, type RoleName } from './vocabulary.js';

export interface McpRule {
  tool: string;
  verdict: 'allow' | 'ask' | 'deny';
  /** From a project file, which may only tighten: the rule never goes below the cell in force. */
  fromProject?: boolean;
}

export interface LoopLimit {
  count: number;
  minutes: number;
}

/** What the respond code reads: spend and loop limits (`budgets`, `loops`, `prices`), `log`, `alerts`. */
export interface RespondLimits {
  budgets: { daily?: number; monthly?: number };
  loops: { sameCall?: LoopLimit; sameFailure?: LoopLimit };
  prices: Record<
    string,
    Partial<Record<'input' | 'output' | 'cacheWrite' | 'cacheWrite1h' | 'cacheRead', number>>
  >;
  /** Activity log rotation and retention (policy key `log`, user file only). */
  log?: { maxBytes?: number; retentionDays?: number };
  /** Alert delivery (policy key `alerts`, user file only). */
  alerts?: {
    webhook?: { url: string } | { urlEnv: string };
    maxPerMinute?: number;
    dedupMinutes?: number;
  };
}

/** Repeats that look like a runaway agent unless the user's policy says otherwise (src/respond/loops.ts). */
export const BUILT_IN_LOOP_LIMITS: Readonly<Required<RespondLimits['loops']>> = {
  sameCall: { count: 20, minutes: 10 },
  sameFailure: { count: 5, minutes: 10 },
};

/** The merged, validated policy `decide()` works from. Build it with `buildPolicy` or `loadPolicy`. */
export interface Policy {
  /** The role chosen by the user (or the default). */
  role: RoleName;
  /** A stricter role a project asked for: each cell is the stricter of the two roles' cells. */
  projectRole?: RoleName;
  matrix: Record<RoleName, Record<Capability, Cell>>;
  /** The cells in force, and the role each came from. */
  cells: Record<Capability, Cell>;
  cellRoles: Record<Capability, RoleName>;
  protect: ProtectEntry[];
  network: { allow: string[]; deny: string[] };
  mcp: McpRule[];
  taint: { untrustedPaths: string[]; trustedMcpServers: string[] };
  limits: RespondLimits;
  compiled: CompiledPolicy;
}

export interface CompiledProtect {
  entry: ProtectEntry;
  pattern: PathPattern;
  except: PathPattern[];
  /** The directory an anchored pattern cannot leave (`~/.ssh` for `~/.ssh/*.pub`); none for bare names. */
  root?: string;
}

function literalRoot(pattern: string): string | undefined {
  if (!pattern.startsWith('~/') && !pattern.startsWith('/')) return undefined;
  const wild = pattern.search(/[*?[{]/);
  if (wild === -1) return pattern.replace(/\/+$/, '');
  const cut = pattern.lastIndexOf('/', wild);
  return cut <= 1 ? undefined : pattern.slice(0, cut);
}

export interface CompiledPolicy {
  home: string;
  caseInsensitive: boolean;
  protect: CompiledProtect[];
  untrusted: PathPattern[];
  /** `*` in a rule's tool name is any text; matched without a RegExp (a project policy can supply it). */
  mcp: { rule: McpRule; re: TextMatcher }[];
}

export interface PolicyData {
  role: RoleName;
  projectRole?: RoleName;
  matrix: Record<RoleName, Record<Capability, Cell>>;
  protect: ProtectEntry[];
  network: { allow: string[]; deny: string[] };
  mcp: McpRule[];
  taint: { untrustedPaths: string[]; trustedMcpServers: string[] };
  limits: RespondLimits;
}

export interface BuildOptions {
  home: string;
  env: Readonly<Record<string, string | undefined>>;
  platform?: NodeJS.Platform;
  /** The folder of the running guard's code (dist/): the agent must not rewrite the guard itself either. */
  installDir?: string;
  /**
   * The files that hold each guarded agent's hook or plugin settings, from the adapters' registry
   * (`agentHookFiles`): absolute, `~/`-relative or project-relative paths, taken literally.
   */
  hookFiles?: readonly string[];
}

export function builtInPolicyData(): PolicyData {
  return {
    role: BUILT_IN_ROLE,
    matrix: Object.fromEntries(
      Object.entries(BUILT_IN_MATRIX).map(([role, cells]) => [role, { ...cells }]),
    ) as PolicyData['matrix'],
    protect: BUILT_IN_PROTECT.map((p) => ({ ...p, except: [...p.except] })),
    network: { allow: [...BUILT_IN_ALLOW_DOMAINS], deny: [...BUILT_IN_DENY_DOMAINS] },
    mcp: [],
    taint: { untrustedPaths: [...BUILT_IN_UNTRUSTED_PATHS], trustedMcpServers: [] },
    limits: {
      budgets: {},
      loops: {
        sameCall: { ...BUILT_IN_LOOP_LIMITS.sameCall },
        sameFailure: { ...BUILT_IN_LOOP_LIMITS.sameFailure },
      },
      prices: {},
    },
  };
}

export function cellRank(cell: Cell): number {
  return CELLS.indexOf(cell);
}

export function stricterCell(a: Cell, b: Cell): Cell {
  return cellRank(a) >= cellRank(b) ? a : b;
}

function escapeGlob(literal: string): string {
  return literal.replace(/[*?[\]{}]/g, '[$&]');
}

/**
 * agentwarden's own files and the agents' settings that hold its hook: the agent must not be able to
 * switch the guard off (CC-H3). Not configurable.
 */
export function selfProtectedPatterns(
  home: string,
  env: Readonly<Record<string, string | undefined>>,
  installDir?: string,
  hookFiles: readonly string[] = [],
): string[] {
  const own = agentwardenPaths(home, env);
  const literal = (p: string) => escapeGlob(path.isAbsolute(p) ? matchablePath(p, home) : p);
  return [
    literal(own.configDir),
    literal(own.stateDir),
    literal(own.userPolicy),
    literal(own.lockfile),
    literal(own.activityLog),
    ...hookFiles.map(literal),
    PROJECT_POLICY_FILE,
    ...(installDir ? [literal(installDir)] : []),
  ];
}

/** Resolves the cells in force and compiles every pattern once, so `decide()` only matches. */
export function buildPolicy(data: PolicyData, options: BuildOptions): Policy {
  const caseInsensitive = options.platform === 'darwin' || options.platform === 'win32';
  const cells = {} as Record<Capability, Cell>;
  const cellRoles = {} as Record<Capability, RoleName>;
  for (const capability of CAPABILITIES) {
    const own = data.matrix[data.role][capability];
    const project = data.projectRole ? data.matrix[data.projectRole][capability] : undefined;
    const tighter = project !== undefined && cellRank(project) > cellRank(own);
    cells[capability] = tighter ? project : own;
    cellRoles[capability] = tighter && data.projectRole ? data.projectRole : data.role;
  }
  const compile = (p: string) => compilePathPattern(p, caseInsensitive);
  const self: ProtectEntry[] = [
    ...new Set(selfProtectedPatterns(options.home, options.env, options.installDir, options.hookFiles)),
  ].map((pattern) => ({
    pattern,
    kind: 'self',
    except: [],
  }));
  const protect = [...self, ...data.protect];
  return {
    ...data,
    protect,
    cells,
    cellRoles,
    compiled: {
      home: options.home,
      caseInsensitive,
      protect: protect.map((entry) => ({
        entry,
        pattern: compile(entry.pattern),
        except: entry.except.map(compile),
        ...(literalRoot(entry.pattern) ? { root: literalRoot(entry.pattern) } : {}),
      })),
      untrusted: data.taint.untrustedPaths.map(compile),
      mcp: data.mcp.map((rule) => ({ rule, re: compileWildcard(rule.tool, false) })),
    },
  };
}

/** The built-in policy alone, as when neither policy file exists. */
export function defaultPolicy(options: BuildOptions): Policy {
  return buildPolicy(builtInPolicyData(), options);
}
