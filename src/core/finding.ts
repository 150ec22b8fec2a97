import type { DocumentFormat, JsonPath } from './document/document.js';
import type { Severity } from './severity.js';

/**
 * A planned, declarative repair. Checks describe it; src/fix applies it (backup first, idempotent) to a
 * JSONC, JSON5 or YAML file; `format` names the file's format when its name does not (see formatFor).
 */
export type FixPlan =
  | {
      kind: 'json-set';
      file: string;
      path: JsonPath;
      value: unknown;
      description: string;
      format?: DocumentFormat;
    }
  | {
      kind: 'json-append';
      file: string;
      path: JsonPath;
      values: unknown[];
      description: string;
      format?: DocumentFormat;
    }
  | { kind: 'chmod'; file: string; mode: number; description: string }
  /** Rewrite a Claude Code JSON file that holds comments or trailing commas as strict JSON, so it loads. */
  | { kind: 'strict-json'; file: string; description: string };

/**
 * One item of a grouped finding (claude/security-baseline groups the advice that applies to every machine
 * missing a protection): enough for a machine to act on each item alone.
 */
export interface FindingItem {
  checkId: string;
  severity: Severity;
  message: string;
  file?: string;
  line?: number;
  column?: number;
  evidence?: string;
  fix?: string;
  fixable: boolean;
}

/** What a check's run() returns; the engine fills in the check's metadata. */
export interface RawFinding {
  message: string;
  /** Absolute path. */
  file?: string;
  line?: number;
  column?: number;
  /** Must already be redacted (a secret hit's `masked`, or redactText); reporters redact again as a last line of defence. */
  evidence?: string;
  /** Overrides the check's default severity for this finding. */
  severity?: Severity;
  /** Overrides docs.fix for this finding. */
  fix?: string;
  fixPlans?: FixPlan[];
  /**
   * Why `--fix` will refuse this finding's plans (kept, so the fix summary says so too): the finding is
   * reported as not fixable, and the check puts the reason in its fix text.
   */
  fixRefused?: string;
  /**
   * Generic advice that holds on any machine without this protection: reported inside the grouping check's
   * finding (items) when that check runs, on its own otherwise.
   */
  baseline?: true;
  /** The items a grouping finding stands for. */
  items?: FindingItem[];
}

/** A finding as reported (JSON report, schemaVersion 1). */
export interface Finding {
  checkId: string;
  severity: Severity;
  title: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
  evidence?: string;
  fix?: string;
  fixable: boolean;
  seedRefs: string[];
  frameworks: string[];
  items?: FindingItem[];
}

/** Finding plus what only the fixer needs; never serialised. */
export interface AuditFinding extends Finding {
  fixPlans: FixPlan[];
}
