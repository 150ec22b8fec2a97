// bench/unseen.mjs is how the skills scanner is measured on sets it was never tuned on; it runs once per
// detector version, so its skills mode must work before that run. Four handwritten rows (2 benign, 2
// malicious), scanned as text by a child process that bundles the scanner from src/.
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = path.resolve(import.meta.dirname, '../../..');

describe('bench/unseen.mjs skills', () => {
  it('scores a tiny handwritten set: both malicious rows flagged, neither benign one', () => {
    const out = execFileSync(
      process.execPath,
      ['bench/unseen.mjs', 'skills', 'test/fixtures/skills-eval/tiny.jsonl'],
      { cwd: repo, encoding: 'utf8' },
    );
    expect(out).toContain('n=4 tp=2 fp=0 fn=0 tn=2');
  }, 60_000);
});
