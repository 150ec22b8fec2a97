import * as fs from 'node:fs';
import * as readline from 'node:readline';

/**
 * Calls `onLine` for each line of a file without holding the file in memory (transcripts reach hundreds of
 * MB). A file that cannot be opened is reported through the promise, not thrown mid-stream.
 */
export async function forEachLine(file: string, onLine: (line: string) => void): Promise<void> {
  const stream = fs.createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
  const lines = readline.createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  try {
    for await (const line of lines) onLine(line);
  } finally {
    lines.close();
    stream.destroy();
  }
}

/** Files under `dir` (to `depth` levels) whose name ends with `suffix` and that changed at or after `since`. */
export function recentFiles(dir: string, suffix: string, since: number, depth: number): string[] {
  const out: string[] = [];
  const walk = (at: string, level: number) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(at, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = `${at}/${entry.name}`;
      if (entry.isDirectory()) {
        if (level < depth) walk(full, level + 1);
      } else if (entry.isFile() && entry.name.endsWith(suffix)) {
        // A file last written before the window opened holds nothing inside it.
        try {
          if (fs.statSync(full).mtimeMs >= since) out.push(full);
        } catch {
          // removed while listing
        }
      }
    }
  };
  walk(dir, 0);
  return out.sort();
}
