import type { AuditFinding } from '../core/finding.js';

export interface FixResult {
  changedFiles: string[];
  backups: string[];
  /** Human summary written to stderr by the CLI (dry run: the unified diff). */
  summary: string;
}

// PLACEHOLDER until src/fix is implemented: applies nothing.
export function applyFixes(_findings: AuditFinding[], _opts: { dryRun: boolean }): FixResult {
  return { changedFiles: [], backups: [], summary: 'agentwarden: no fixes applied\n' };
}
