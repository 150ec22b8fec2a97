/**
 * Rewrites an agent's state file with its secrets masked, atomically and without breaking JSONL: each line that
 * parses as JSON has the string values inside it redacted and is re-serialised; any other line (shell history,
 * logs) is redacted as text. The masked form holds no quote or backslash, so a line stays what it was.
 * The new content goes to a temp file beside the original, is fsynced and renamed over it; if the original
 * changed meanwhile (an agent appended a line), nothing is replaced.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { redactText } from '../core/redact.js';

export interface RedactResult {
  file: string;
  linesChanged: number;
  /** Set when the file was left alone: it changed while being read, or could not be read. */
  skipped?: string;
  backup?: string;
}

function redactJson(value: unknown): unknown {
  if (typeof value === 'string') return redactText(value);
  if (Array.isArray(value)) return value.map(redactJson);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = redactJson(v);
    return out;
  }
  return value;
}

/** One line, redacted; the same string when nothing in it is a secret. */
export function redactLine(line: string): string {
  const masked = redactText(line);
  if (masked === line) return line;
  const trimmed = line.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.stringify(redactJson(JSON.parse(line)));
    } catch {
      // not JSON after all: the text form is safe too (see the module comment)
    }
  }
  return masked;
}

function sameFile(a: fs.Stats, b: fs.Stats): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ino === b.ino;
}

export function redactFile(
  file: string,
  opts: { dryRun?: boolean; backup?: boolean; now?: Date } = {},
): RedactResult {
  let before: fs.Stats;
  let text: string;
  try {
    before = fs.statSync(file);
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    return {
      file,
      linesChanged: 0,
      skipped: `cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
    };
  }
  const lines = text.split('\n');
  let linesChanged = 0;
  const out = lines.map((line) => {
    const r = redactLine(line);
    if (r !== line) linesChanged++;
    return r;
  });
  if (linesChanged === 0 || opts.dryRun) return { file, linesChanged };

  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.agentwarden-${process.pid}.tmp`);
  const fd = fs.openSync(tmp, 'w', before.mode & 0o777);
  try {
    fs.writeSync(fd, out.join('\n'));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  const after = fs.statSync(file, { throwIfNoEntry: false });
  if (!after || !sameFile(before, after)) {
    fs.rmSync(tmp, { force: true });
    return {
      file,
      linesChanged: 0,
      skipped: 'changed while it was being redacted; run again when the agent is idle',
    };
  }
  let backup: string | undefined;
  if (opts.backup !== false) {
    const stamp = (opts.now ?? new Date()).toISOString().replace(/[:.]/g, '-');
    backup = `${file}.agentwarden-backup-${stamp}`;
    fs.copyFileSync(file, backup);
    fs.chmodSync(backup, 0o600);
  }
  fs.renameSync(tmp, file);
  return { file, linesChanged, ...(backup && { backup }) };
}
