import * as fs from 'node:fs';
import * as path from 'node:path';
import { UsageError } from './errors.js';

/** A --home/--project directory that must exist; anything else is a one-line usage error. */
export function existingDir(flag: string, dir: string): string {
  const abs = path.resolve(dir);
  let st: fs.Stats;
  try {
    st = fs.statSync(abs);
  } catch {
    throw new UsageError(`${flag} ${dir}: directory does not exist`);
  }
  if (!st.isDirectory()) throw new UsageError(`${flag} ${dir}: not a directory`);
  return abs;
}

/**
 * A report file whose directory must exist, like --home and --project: a typo in a CI path should fail
 * before the audit runs, not create a stray directory.
 */
export function outputFile(file: string): string {
  const abs = path.resolve(file);
  const dir = path.dirname(abs);
  if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
    throw new UsageError(`--output ${file}: directory ${dir} does not exist (create it first)`);
  }
  return abs;
}

/** Colour only on a terminal, never into a file, and never against NO_COLOR. */
export function useColor(opts: { color?: boolean; output?: string }, stream: NodeJS.WriteStream): boolean {
  if (opts.color === false || opts.output || 'NO_COLOR' in process.env) return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return Boolean(stream.isTTY) && process.env.TERM !== 'dumb';
}
