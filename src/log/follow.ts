import * as fs from 'node:fs';

export interface FollowOptions {
  /** Start reading here (the live file's size when the caller already printed its tail). */
  from: number;
  signal: AbortSignal;
  pollMs?: number;
}

function statOf(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch {
    return undefined;
  }
}

/**
 * Calls `onLine` for every complete line appended to the log until `signal` aborts. Polls rather than
 * relying on fs.watch (not reliable on every filesystem). The open descriptor keeps a rotated file
 * readable: its last lines are read to the end before following the new file from its start.
 */
export async function followLog(
  file: string,
  onLine: (line: string) => void,
  opts: FollowOptions,
): Promise<void> {
  let fd: number | undefined;
  let ino: number | undefined;
  let pos = opts.from;
  let partial = '';
  const open = () => {
    try {
      fd = fs.openSync(file, 'r');
      ino = fs.fstatSync(fd).ino;
    } catch {
      fd = undefined;
    }
  };
  const drain = () => {
    if (fd === undefined) return;
    const size = fs.fstatSync(fd).size;
    if (size < pos) pos = 0; // truncated in place
    if (size === pos) return;
    const buf = Buffer.alloc(size - pos);
    const n = fs.readSync(fd, buf, 0, buf.length, pos);
    pos += n;
    const lines = (partial + buf.subarray(0, n).toString('utf8')).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) if (line) onLine(line);
  };
  const poll = () => {
    if (fd === undefined) {
      open();
      pos = Math.min(pos, fd === undefined ? 0 : fs.fstatSync(fd).size);
    }
    drain();
    const now = statOf(file);
    if (fd !== undefined && now && now.ino !== ino) {
      fs.closeSync(fd);
      fd = undefined;
      pos = 0;
      partial = '';
      open();
      drain();
    }
  };
  open();
  await new Promise<void>((resolve) => {
    const stop = () => {
      clearInterval(timer);
      if (fd !== undefined) fs.closeSync(fd);
      resolve();
    };
    const timer = setInterval(poll, opts.pollMs ?? 250);
    if (opts.signal.aborted) stop();
    else opts.signal.addEventListener('abort', stop, { once: true });
  });
}
