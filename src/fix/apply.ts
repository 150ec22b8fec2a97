import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatFor } from '../core/document/index.js';
import type { AuditFinding, FixPlan } from '../core/finding.js';
import { unifiedDiff } from './diff.js';
import type { EditPlan } from './edit-plans.js';
import { createFile, readForEdit, replaceWithBackup, restoreBackup } from './file.js';
import { notEditable, planDocumentEdit } from './plan-edit.js';

export interface FixResult {
  changedFiles: string[];
  backups: string[];
  /** Human summary written to stderr by the CLI (dry run: the unified diff). */
  summary: string;
}

export interface FixOptions {
  dryRun: boolean;
  /** Timestamp for backup names; tests pass a fixed one. */
  now?: Date;
}

/** Above this a config file is not one we should rewrite (~/.claude.json included). */
const MAX_FIX_BYTES = 64 * 1024 * 1024;

type FileOutcome =
  | {
      status: 'changed';
      file: string;
      backup?: string;
      created: boolean;
      applied: string[];
      diff: string;
      notes: string[];
    }
  | { status: 'unchanged'; file: string; notes: string[] }
  | { status: 'skipped'; file: string; reason: string };

function fixDocument(
  file: string,
  plans: EditPlan[],
  opts: FixOptions,
  now: Date,
  backupMode?: number,
): FileOutcome {
  const format = plans.find((p) => p.format)?.format ?? formatFor(file);
  const target = readForEdit(file, MAX_FIX_BYTES);
  if (!target.ok) return { status: 'skipped', file, reason: `${target.reason}; not modified` };
  const original = target.exists ? target.text : format === 'yaml' ? '' : '{}\n';
  const planned = planDocumentEdit(original, target.exists, format, plans);
  if (planned.status === 'skipped') return { status: 'skipped', file, reason: planned.reason };
  if (planned.status === 'unchanged') return { status: 'unchanged', file, notes: planned.notes };
  const { text, applied, notes } = planned;
  const diff = unifiedDiff(target.exists ? original : '', text, target.exists ? file : '/dev/null', file);
  if (opts.dryRun) return { status: 'changed', file, created: !target.exists, applied, diff, notes };

  if (!target.exists) {
    createFile(file, text, 0o700);
    return { status: 'changed', file, created: true, applied, diff, notes };
  }
  const backup = replaceWithBackup(target, text, { now, backupMode });
  const after = readForEdit(target.file, MAX_FIX_BYTES);
  if (!after.ok || !after.exists || notEditable(after.text, format)) {
    restoreBackup(backup, target);
    return { status: 'skipped', file, reason: `the written file no longer parsed; restored from ${backup}` };
  }
  return { status: 'changed', file, backup, created: false, applied, diff, notes };
}

function fixMode(file: string, plans: Extract<FixPlan, { kind: 'chmod' }>[], opts: FixOptions): FileOutcome {
  const plan = plans[plans.length - 1];
  if (!plan) return { status: 'unchanged', file, notes: [] };
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (err) {
    return { status: 'skipped', file, reason: `cannot chmod (${(err as NodeJS.ErrnoException).code})` };
  }
  const current = stat.mode & 0o7777;
  if (current === plan.mode) return { status: 'unchanged', file, notes: [] };
  const line = `mode ${current.toString(8).padStart(4, '0')} -> ${plan.mode.toString(8).padStart(4, '0')}`;
  if (!opts.dryRun) fs.chmodSync(file, plan.mode);
  return {
    status: 'changed',
    file,
    created: false,
    applied: [plan.description],
    diff: `${file}: ${line}\n`,
    notes: [],
  };
}

function fixFile(file: string, plans: FixPlan[], opts: FixOptions, now: Date): FileOutcome[] {
  const edits = plans.filter((p): p is EditPlan => p.kind === 'json-set' || p.kind === 'json-append');
  // Rewriting as strict JSON happens before any edit of a Claude Code file; alone it is an edit with no plans.
  const strictOnly = edits.length === 0 && plans.some((p) => p.kind === 'strict-json');
  const modes = plans.filter((p): p is Extract<FixPlan, { kind: 'chmod' }> => p.kind === 'chmod');
  const out: FileOutcome[] = [];
  try {
    if (edits.length > 0 || strictOnly) out.push(fixDocument(file, edits, opts, now, modes.at(-1)?.mode));
    if (modes.length > 0) out.push(fixMode(file, modes, opts));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    out.push({
      status: 'skipped',
      file,
      reason: `could not write (${code ?? (err as Error).message}); not modified`,
    });
  }
  return out;
}

function summarize(outcomes: FileOutcome[], dryRun: boolean): string {
  const changed = outcomes.filter((o) => o.status === 'changed');
  const skipped = outcomes.filter((o) => o.status === 'skipped');
  const backups = changed.filter((o) => o.status === 'changed' && o.backup);
  const head = dryRun
    ? `agentwarden fix (dry run): would change ${changed.length} file(s), skip ${skipped.length}; nothing was written`
    : `agentwarden fix: changed ${changed.length} file(s), made ${backups.length} backup(s), skipped ${skipped.length}`;
  const lines = [head];
  for (const o of outcomes) {
    if (o.status === 'changed') {
      const verb = dryRun ? (o.created ? 'would create' : 'would change') : o.created ? 'created' : 'changed';
      lines.push(`  ${verb} ${o.file}${o.backup ? ` (backup: ${o.backup})` : ''}`);
      for (const a of o.applied) lines.push(`    - ${a}`);
    } else if (o.status === 'skipped') lines.push(`  skipped ${o.file}: ${o.reason}`);
    else lines.push(`  unchanged ${o.file}: already fixed`);
    if (o.status !== 'skipped') for (const n of o.notes) lines.push(`    ! ${n}`);
  }
  if (outcomes.length === 0) lines.push('  nothing to fix');
  let text = `${lines.join('\n')}\n`;
  if (dryRun) for (const o of changed) if (o.status === 'changed' && o.diff) text += `\n${o.diff}`;
  return text;
}

/** Applies every finding's fix plans, file by file (JSONC, JSON5, YAML): backup first, comment-preserving, idempotent. */
export function applyFixes(findings: AuditFinding[], opts: FixOptions): FixResult {
  const now = opts.now ?? new Date();
  const byFile = new Map<string, FixPlan[]>();
  for (const plan of findings.flatMap((f) => f.fixPlans)) {
    const file = path.resolve(plan.file);
    byFile.set(file, [...(byFile.get(file) ?? []), plan]);
  }
  const outcomes = [...byFile].flatMap(([file, plans]) => fixFile(file, plans, opts, now));
  const changed = outcomes.filter((o) => o.status === 'changed');
  return {
    changedFiles: opts.dryRun ? [] : [...new Set(changed.map((o) => o.file))],
    backups: changed.flatMap((o) => (o.status === 'changed' && o.backup ? [o.backup] : [])),
    summary: summarize(outcomes, opts.dryRun),
  };
}
