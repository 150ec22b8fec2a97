import * as fs from 'node:fs';
import * as path from 'node:path';

const REPO = path.resolve(import.meta.dirname, '../..');

/**
 * A file of the project's shared folder (reference payloads, labelled corpora). CI clones the repo with
 * shared/ beside it; AGENTWARDEN_SHARED overrides. Missing data is an error, never a silent skip.
 */
export function sharedFile(...parts: string[]): string {
  const roots = [process.env.AGENTWARDEN_SHARED, path.join(REPO, '..', 'shared'), '/work/shared'];
  for (const root of roots) {
    if (!root) continue;
    const file = path.join(root, ...parts);
    if (fs.existsSync(file)) return file;
  }
  throw new Error(`shared file ${parts.join('/')} not found (set AGENTWARDEN_SHARED to the shared folder)`);
}
