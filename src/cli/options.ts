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

/** Colour only on a terminal, never into a file, and never against NO_COLOR. */
export function useColor(opts: { color?: boolean; output?: string }, stream: NodeJS.WriteStream): boolean {
  if (opts.color === false || opts.output || 'NO_COLOR' in process.env) return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return Boolean(stream.isTTY) && process.env.TERM !== 'dumb';
}
