import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AuditFinding, FixPlan } from '../core/finding.js';
import { isRecord, parseJsonc } from '../core/jsonc.js';
import { unifiedDiff } from './diff.js';
import { applyJsonPlans, type JsonPlan } from './json-edit.js';

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

/** Above this a "settings" file is not one we should rewrite (~/.claude.json included). */
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

const utf8 = new TextDecoder('utf-8', { fatal: true });

type Loaded =
  | { ok: true; exists: false; text: string }
  | { ok: true; exists: true; text: string; bom: boolean; real: string; stat: fs.Stats }
  | { ok: false; reason: string };

/** Reads a JSON file that a fix will edit; anything but a parseable object is left alone. */
function loadForEdit(file: string): Loaded {
  let real: string;
  let stat: fs.Stats;
  try {
    real = fs.realpathSync(file);
    stat = fs.statSync(real);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      // A dangling symlink also lands here; creating its target would write through it.
      if (isSymlink(file)) return { ok: false, reason: 'is a dangling symbolic link' };
      return { ok: true, exists: false, text: '{}\n' };
    }
    return { ok: false, reason: code === 'ELOOP' ? 'is a symbolic link loop' : `cannot be read (${code})` };
  }
  if (!stat.isFile()) return { ok: false, reason: 'is not a regular file' };
  if (stat.size > MAX_FIX_BYTES) return { ok: false, reason: 'is too large to edit safely' };
  let buf: Buffer;
  try {
    buf = fs.readFileSync(real);
  } catch (err) {
    return { ok: false, reason: `cannot be read (${(err as NodeJS.ErrnoException).code})` };
  }
  if (buf.includes(0)) return { ok: false, reason: 'looks binary' };
  // The decoder drops a leading byte-order mark; remember it so the rewrite keeps it.
  const bom = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
  let text: string;
  try {
    text = utf8.decode(buf);
  } catch {
    return { ok: false, reason: 'is not valid UTF-8' };
  }
  const parsed = parseJsonc(text);
  if (!parsed.ok)
    return { ok: false, reason: `does not parse (${parsed.error} at line ${parsed.position.line})` };
  if (!isRecord(parsed.doc.value)) return { ok: false, reason: 'does not hold a JSON object' };
  return { ok: true, exists: true, text, bom, real, stat };
}

function isSymlink(file: string): boolean {
  try {
    return fs.lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

function stamp(now: Date): string {
  return now.toISOString().replace(/[:.]/g, '-');
}

/**
 * Copies the original next to it without ever overwriting an earlier backup. The copy keeps the file's
 * mode, narrowed by `narrowTo` when the same run restricts the file (a 0644 credential file's backup
 * must not stay readable by everyone once the file itself is chmod 600).
 */
function makeBackup(real: string, stat: fs.Stats, now: Date, narrowTo = 0o777): string {
  const base = `${real}.agentwarden-bak-${stamp(now)}`;
  for (let n = 0; ; n++) {
    const candidate = n === 0 ? base : `${base}-${n}`;
    try {
      fs.copyFileSync(real, candidate, fs.constants.COPYFILE_EXCL);
      fs.chmodSync(candidate, stat.mode & 0o777 & narrowTo);
      return candidate;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
}

/** temp file + rename in the same directory, keeping mode and (when permitted) owner. */
function writeAtomic(target: string, text: string, mode: number, owner?: { uid: number; gid: number }): void {
  const tmp = path.join(
    path.dirname(target),
    `.${path.basename(target)}.agentwarden-tmp-${process.pid}-${Date.now()}`,
  );
  try {
    fs.writeFileSync(tmp, text, { mode, flag: 'wx' });
    fs.chmodSync(tmp, mode);
    if (owner) {
      try {
        fs.chownSync(tmp, owner.uid, owner.gid);
      } catch {
        // Only root may give a file away; as the owner this is a no-op anyway.
      }
    }
    fs.renameSync(tmp, target);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
}

function fixJsonFile(
  file: string,
  plans: JsonPlan[],
  opts: FixOptions,
  now: Date,
  backupMode?: number,
): FileOutcome {
  const loaded = loadForEdit(file);
  if (!loaded.ok) return { status: 'skipped', file, reason: `${loaded.reason}; not modified` };
  const { text, applied, refused } = applyJsonPlans(loaded.text, plans);
  const notes = refused.map((r) => `not applied: ${r}`);
  if (applied.length === 0 || (loaded.exists && text === loaded.text))
    return { status: 'unchanged', file, notes };
  if (!parseJsonc(text).ok)
    return { status: 'skipped', file, reason: 'the edit would not parse; not modified' };
  const diff = unifiedDiff(loaded.exists ? loaded.text : '', text, loaded.exists ? file : '/dev/null', file);
  if (opts.dryRun) return { status: 'changed', file, created: !loaded.exists, applied, diff, notes };

  if (!loaded.exists) {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    writeAtomic(file, text, 0o600);
    return { status: 'changed', file, created: true, applied, diff, notes };
  }
  const { real, stat } = loaded;
  const backup = makeBackup(real, stat, now, backupMode);
  writeAtomic(real, loaded.bom ? `\uFEFF${text}` : text, stat.mode & 0o7777, {
    uid: stat.uid,
    gid: stat.gid,
  });
  const after = loadForEdit(real);
  if (!after.ok) {
    fs.copyFileSync(backup, real);
    fs.chmodSync(real, stat.mode & 0o7777);
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
  const json = plans.filter((p): p is JsonPlan => p.kind === 'json-set' || p.kind === 'json-append');
  const modes = plans.filter((p): p is Extract<FixPlan, { kind: 'chmod' }> => p.kind === 'chmod');
  const out: FileOutcome[] = [];
  try {
    if (json.length > 0) out.push(fixJsonFile(file, json, opts, now, modes.at(-1)?.mode));
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

/** Applies every finding's fix plans, file by file: backup first, comment-preserving, idempotent. */
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
