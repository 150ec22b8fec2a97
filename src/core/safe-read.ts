// Reads of agentwarden's own state files (session state, loop history, spend cache, transcripts) on the hook
// path. Another process of the same user can replace any of them: with a symlink to /dev/zero (an endless
// read), a fifo (an open that never returns) or a huge file. The hook must still answer before its watchdog,
// so these reads never follow the last link, never open anything but a regular file and never read past a cap.
import * as fs from 'node:fs';

export type StateRead =
  | { status: 'found'; text: string }
  | { status: 'missing' }
  | { status: 'refused'; error: string; why?: 'link' | 'not-regular' | 'too-large' };

// O_NOFOLLOW is absent on Windows; O_NONBLOCK makes the open of a fifo return at once instead of waiting
// for a writer (and changes nothing for a regular file).
const { O_RDONLY, O_NOFOLLOW = 0, O_NONBLOCK = 0 } = fs.constants;
const OPEN_FLAGS = O_RDONLY | O_NOFOLLOW | O_NONBLOCK;

export interface OpenOptions {
  /**
   * Follow a final symlink (a user's policy kept in a dotfiles repo): what it points at is still opened once,
   * non-blocking, and must be a regular file — checked on the open descriptor, so it cannot be swapped between
   * the check and the read.
   */
  followLinks?: boolean;
}

/**
 * Opens a file for reading only if it is a regular file reached without following a final symlink. Returns
 * the descriptor and its stat, `missing`, or why it was refused; the caller closes the descriptor.
 */
export function openRegularFile(
  file: string,
  opts: OpenOptions = {},
):
  | { status: 'open'; fd: number; stat: fs.Stats }
  | { status: 'missing' }
  | { status: 'refused'; error: string; why?: 'link' | 'not-regular' } {
  let fd: number;
  try {
    fd = fs.openSync(file, opts.followLinks ? O_RDONLY | O_NONBLOCK : OPEN_FLAGS);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { status: 'missing' };
    // Linux says ELOOP for a final symlink under O_NOFOLLOW, the BSDs EMLINK.
    if (code === 'ELOOP' || code === 'EMLINK')
      return { status: 'refused', error: `${file} is a symbolic link`, why: 'link' };
    return { status: 'refused', error: `cannot open ${file}: ${code ?? (err as Error).message}` };
  }
  try {
    const stat = fs.fstatSync(fd);
    if (stat.isFile()) return { status: 'open', fd, stat };
    fs.closeSync(fd);
    return { status: 'refused', error: `${file} is not a regular file`, why: 'not-regular' };
  } catch (err) {
    fs.closeSync(fd);
    return { status: 'refused', error: `cannot read ${file}: ${(err as Error).message}` };
  }
}

const tooLarge = (file: string, maxBytes: number): StateRead => ({
  status: 'refused',
  error: `${file} is larger than ${maxBytes} bytes`,
  why: 'too-large',
});

/**
 * The whole text of a small state file, or why not. A file over `maxBytes` is refused rather than cut: half
 * of a state file is not a state. The read stops at the cap even if the file grows while it is read.
 */
export function readStateFile(file: string, maxBytes: number, opts: OpenOptions = {}): StateRead {
  const opened = openRegularFile(file, opts);
  if (opened.status !== 'open') return opened;
  const { fd, stat } = opened;
  try {
    if (stat.size > maxBytes) return tooLarge(file, maxBytes);
    // Sized by the stat, grown in steps if the file grows while it is read, never past the cap.
    let buf = Buffer.allocUnsafe(stat.size + 1);
    let length = 0;
    for (;;) {
      if (length === buf.length) {
        if (length > maxBytes) return tooLarge(file, maxBytes);
        const grown = Buffer.allocUnsafe(Math.min(maxBytes + 1, length * 2 + 4096));
        buf.copy(grown, 0, 0, length);
        buf = grown;
      }
      const n = fs.readSync(fd, buf, length, buf.length - length, null);
      if (n === 0) break;
      length += n;
    }
    if (length > maxBytes) return tooLarge(file, maxBytes);
    return { status: 'found', text: buf.toString('utf8', 0, length) };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { status: 'refused', error: `cannot read ${file}: ${code ?? (err as Error).message}` };
  } finally {
    fs.closeSync(fd);
  }
}
