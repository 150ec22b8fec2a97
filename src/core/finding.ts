import type { Severity } from './severity.js';

/** A planned, declarative repair. Checks describe it; src/fix applies it (backup first, idempotent). */
export type FixPlan =
  | { kind: 'json-set'; file: string; path: (string | number)[]; value: unknown; description: string }
  | { kind: 'json-append'; file: string; path: (string | number)[]; values: unknown[]; description: string }
  | { kind: 'chmod'; file: string; mode: number; description: string };

/** What a check's run() returns; the engine fills in the check's metadata. */
export interface RawFinding {
  message: string;
  /** Absolute path. */
  file?: string;
  line?: number;
  column?: number;
  /** Must already be redacted (use maskSecret); reporters redact again as a last line of defence. */
  evidence?: string;
  /** Overrides the check's default severity for this finding. */
  severity?: Severity;
  /** Overrides docs.fix for this finding. */
  fix?: string;
  fixPlans?: FixPlan[];
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
}

/** Finding plus what only the fixer needs; never serialised. */
export interface AuditFinding extends Finding {
  fixPlans: FixPlan[];
}
