import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '../../../src');
const ENGINE = path.join(SRC, 'scanners', 'secrets');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') ? [p] : [];
  });
}

describe('the secrets engine is the only code that handles a secret value', () => {
  it('masks and fingerprints secrets nowhere else: callers use hit.masked and hit.fingerprint', () => {
    const offenders = sourceFiles(SRC)
      .filter((f) => !f.startsWith(ENGINE + path.sep))
      .filter((f) => /\b(?:maskSecret|secretFingerprint)\b/.test(readFileSync(f, 'utf8')))
      .map((f) => path.relative(SRC, f));
    expect(offenders).toEqual([]);
  });

  it('finds the source tree it checks', () => {
    expect(sourceFiles(ENGINE).map((f) => path.basename(f))).toContain('mask.ts');
  });
});
