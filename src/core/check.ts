import type { AuditContext, CommandResult } from './context.js';
import type { RawFinding } from './finding.js';
import type { Severity } from './severity.js';

/** Areas a check can belong to; `--only` filters on them. The id prefix must be the area. */
export const AREAS = ['claude', 'openclaw', 'host', 'deploy', 'skills', 'secrets'] as const;
export type Area = (typeof AREAS)[number];

/**
 * A fake machine for a check's examples. File keys: `~/x` is under home, `/x` under the system root,
 * anything else is relative to the project (which is `~/work/app`).
 */
export interface CheckExample {
  name: string;
  files: Record<string, string | FixtureEntry>;
  env?: Record<string, string>;
  platform?: NodeJS.Platform;
  /** Recorded output of commands the check runs, keyed by `cmd arg1 arg2`; anything else exits 127. */
  commands?: Record<string, CommandResult>;
}

export type FixtureEntry =
  | { content: string; mode?: number }
  | { bytes: number[]; mode?: number }
  | { dir: true; mode?: number }
  | { symlink: string };

export interface CheckDefinition {
  /** `area/kebab-name`, unique and stable. */
  id: string;
  severity: Severity;
  /** Ids from seed/ITEMS.md; at least one. */
  seedRefs: string[];
  frameworks?: string[];
  title: string;
  docs: { why: string; fix: string };
  examples: { bad: CheckExample[]; good: CheckExample[] };
  fixable?: boolean;
  /** This check reports the other checks' baseline findings as its items; the engine drops them elsewhere. */
  groupsBaseline?: true;
  run(ctx: AuditContext): RawFinding[] | Promise<RawFinding[]>;
}

export interface Check extends CheckDefinition {
  area: Area;
  frameworks: string[];
  fixable: boolean;
}

export function defineCheck(def: CheckDefinition): Check {
  const area = def.id.split('/')[0] as Area;
  return { ...def, area, frameworks: def.frameworks ?? [], fixable: def.fixable ?? false };
}
