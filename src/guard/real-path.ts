import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Where an absolute path really leads: symlinks in its existing part are followed, a dangling link at any
 * step leads to its target (writing through it creates that), and the part that does not exist yet is kept.
 * Undefined when that is the path itself or the file system cannot say.
 */
export function realPathOf(p: string): string | undefined {
  let dir = path.resolve(p);
  const rest: string[] = [];
  // Bounded: a link loop or a very deep path gives up rather than spin.
  for (let step = 0; step < 256; step++) {
    try {
      const real = path.join(fs.realpathSync(dir), ...[...rest].reverse());
      return real === path.resolve(p) ? undefined : real;
    } catch {
      try {
        if (fs.lstatSync(dir).isSymbolicLink()) {
          dir = path.resolve(path.dirname(dir), fs.readlinkSync(dir));
          continue;
        }
      } catch {
        // not there: look at its parent
      }
      const parent = path.dirname(dir);
      if (parent === dir) return undefined;
      rest.push(path.basename(dir));
      dir = parent;
    }
  }
  return undefined;
}
