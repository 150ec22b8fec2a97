import * as fs from 'node:fs';
import * as path from 'node:path';
import { readStateFile } from '../../core/safe-read.js';

/**
 * The kill-switch flag. The guard denies everything while the file exists (it checks existence only); the
 * content says why and since when, for `status` and the incident report.
 */
export interface Lockdown {
  reason: string;
  at: string;
  /** The user and pid that engaged it. */
  by: string;
}

export type LockdownRead = { on: false } | { on: true; lockdown: Lockdown };

export function readLockdown(lockfile: string): LockdownRead {
  let text: string;
  try {
    text = fs.readFileSync(lockfile, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { on: false };
    return {
      on: true,
      lockdown: { reason: `(unreadable flag: ${(err as NodeJS.ErrnoException).code})`, at: '', by: '' },
    };
  }
  try {
    const v = JSON.parse(text) as Partial<Lockdown>;
    return {
      on: true,
      lockdown: { reason: String(v.reason ?? ''), at: String(v.at ?? ''), by: String(v.by ?? '') },
    };
  } catch {
    // A flag written by hand (`touch kill.lock`) still locks.
    return { on: true, lockdown: { reason: text.trim().slice(0, 200), at: '', by: '' } };
  }
}

/** Writes the flag atomically (temp file + rename), so the guard never reads half a flag. */
export function writeLockdown(lockfile: string, lockdown: Lockdown): void {
  fs.mkdirSync(path.dirname(lockfile), { recursive: true, mode: 0o700 });
  const temp = `${lockfile}.${process.pid}.tmp`;
  fs.writeFileSync(temp, `${JSON.stringify(lockdown, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(temp, lockfile);
}

/** Removes the flag, keeping what it said in `kill.lock.released-<time>` (nothing is deleted). */
export function releaseLockdown(lockfile: string, now: Date): string | undefined {
  if (!fs.existsSync(lockfile)) return undefined;
  const kept = `${lockfile}.released-${now.toISOString().replace(/[:.]/g, '-')}`;
  fs.renameSync(lockfile, kept);
  return kept;
}

/**
 * Environment variables an agent sets for the commands it runs. `unlock` run with one of them set comes
 * from inside an agent session, which must never lift its own lockdown.
 */
const AGENT_ENV_MARKERS = ['CLAUDECODE', 'CLAUDE_CODE_SESSION_ID', 'CLAUDE_CODE_ENTRYPOINT'];

export function agentEnvMarker(env: Readonly<Record<string, string | undefined>>): string | undefined {
  return AGENT_ENV_MARKERS.find((name) => env[name] !== undefined && env[name] !== '');
}

/** Where `unlock` over a budget is recorded: the guard treats "exceeded" as an alert until `until`. */
export function budgetOverrideFile(stateDir: string): string {
  return path.join(stateDir, 'budget-override.json');
}

export function readBudgetOverride(stateDir: string): { untilMs: number } | undefined {
  try {
    const read = readStateFile(budgetOverrideFile(stateDir), 4096);
    if (read.status !== 'found') return undefined;
    const v = JSON.parse(read.text) as { until?: string };
    const untilMs = Date.parse(String(v.until));
    return Number.isNaN(untilMs) ? undefined : { untilMs };
  } catch {
    return undefined;
  }
}

/** Lets spend over budget continue until midnight: a person decides again each day. */
export function writeBudgetOverride(stateDir: string, now: Date): string {
  const until = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  const file = budgetOverrideFile(stateDir);
  fs.mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  fs.writeFileSync(file, `${JSON.stringify({ at: now.toISOString(), until: until.toISOString() })}\n`, {
    mode: 0o600,
  });
  return file;
}
