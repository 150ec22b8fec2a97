import * as fs from 'node:fs';
import * as path from 'node:path';

const VENDORED = path.resolve(import.meta.dirname, '../fixtures/shared');

/**
 * A file copied from the project's shared folder (reference payloads, labelled corpora) into
 * test/fixtures/shared, so a clone of this repository alone passes its tests (licences in
 * test/fixtures/shared/NOTICE.md). Missing data is an error, never a silent skip.
 */
export function sharedFile(...parts: string[]): string {
  const file = path.join(VENDORED, ...parts);
  if (!fs.existsSync(file)) throw new Error(`test fixture shared/${parts.join('/')} is missing (${file})`);
  return file;
}
