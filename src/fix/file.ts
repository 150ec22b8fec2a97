/**
 * Reading a user's file for an edit and writing it back: the one place that backs up, writes atomically
 * and keeps the file's mode and owner. `audit --fix` and `guard install` both write through here.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export type EditTarget =
  | { ok: true; exists: false; file: string }
  /** `file` is the real path: a symlinked file is edited where it points, so the link survives. */
  | { ok: true; exists: true; file: string; text: string; bom: boolean; stat: fs.Stats }
  | { ok: false; reason: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

function isSymlink(file: string): boolean {
  try {
    return fs.lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

/** Reads a text file an edit will rewrite; anything that is not plain UTF-8 text under maxBytes is refused. */
export function readForEdit(file: string, maxBytes: number): EditTarget {
  let real: string;
  let stat: fs.Stats;
  try {
    real = fs.realpathSync(file);
    stat = fs.statSync(real);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      // A dangling symlink also lands here; creating its target would write through it.
      if (isSymlink(file)) return { ok: false, reason: 'is a symlink to a missing file' };
      return { ok: true, exists: false, file };
    }
    return { ok: false, reason: code === 'ELOOP' ? 'is a symbolic link loop' : `cannot be read (${code})` };
  }
  if (!stat.isFile()) return { ok: false, reason: 'is not a regular file' };
  if (stat.size > maxBytes) return { ok: false, reason: 'is too large to edit safely' };
  let buf: Buffer;
  try {
    buf = fs.readFileSync(real);
  } catch (err) {
    return { ok: false, reason: `cannot be read (${(err as NodeJS.ErrnoException).code})` };
  }
  if (buf.includes(0)) return { ok: false, reason: 'looks binary' };
  // The decoder drops a leading byte-order mark; remember it so the rewrite keeps it.
  const bom = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
  try {
    return { ok: true, exists: true, file: real, text: utf8.decode(buf), bom, stat };
  } catch {
    return { ok: false, reason: 'is not valid UTF-8' };
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

/** temp file + rename in the same directory, so a reader never sees half a file; keeps mode and owner. */
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

/** Backs the file up, then replaces it with text (keeping its byte-order mark, mode and owner). */
export function replaceWithBackup(
  target: Extract<EditTarget, { exists: true }>,
  text: string,
  opts: { now: Date; backupMode?: number },
): string {
  const { file, stat } = target;
  const backup = makeBackup(file, stat, opts.now, opts.backupMode);
  writeAtomic(file, target.bom ? `\uFEFF${text}` : text, stat.mode & 0o7777, {
    uid: stat.uid,
    gid: stat.gid,
  });
  return backup;
}

/**
 * Writes a new file, readable by its owner only unless `mode` says otherwise (a managed settings drop-in
 * must be readable by every user), creating its directory (dirMode for new directories).
 */
export function createFile(file: string, text: string, dirMode?: number, mode = 0o600): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, ...(dirMode !== undefined && { mode: dirMode }) });
  writeAtomic(file, text, mode);
}

/** Puts a backup back after a write that went wrong. */
export function restoreBackup(backup: string, target: Extract<EditTarget, { exists: true }>): void {
  fs.copyFileSync(backup, target.file);
  fs.chmodSync(target.file, target.stat.mode & 0o7777);
}
