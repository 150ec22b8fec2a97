// No fake secret planted in the demo home may appear unredacted in any output format.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeFileSystem, walkFiles } from '../../src/core/files.js';
import { REPO, runCli } from '../helpers/cli.js';

const demo = path.join(REPO, 'examples/demo-home');

/** Every value in the demo home that carries the FAKE marker: keys, tokens, passwords in URLs. */
function plantedSecrets(): string[] {
  const out = new Set<string>();
  for (const rel of walkFiles(nodeFileSystem, demo, { maxDepth: 10 })) {
    const text = fs.readFileSync(path.join(demo, rel), 'utf8');
    for (const m of text.matchAll(/[A-Za-z0-9_-]*FAKE[A-Za-z0-9_-]*/g)) {
      if (m[0].length >= 20) out.add(m[0]);
    }
  }
  return [...out];
}

describe('secrets never reach output', () => {
  const secrets = plantedSecrets();

  it('the demo home plants several fake secrets', () => {
    expect(secrets.length).toBeGreaterThanOrEqual(8);
  });

  it.each(['text', 'json', 'sarif', 'markdown', 'html'])(
    '%s report redacts every planted secret',
    (format) => {
      const r = runCli([
        'audit',
        '--home',
        demo,
        '--project',
        path.join(demo, 'work/app'),
        '--format',
        format,
      ]);
      expect(r.code).toBe(0);
      expect(r.stdout.length).toBeGreaterThan(200);
      for (const secret of secrets) {
        expect(r.stdout, `${format} output leaks ${secret.slice(0, 12)}…`).not.toContain(secret);
        expect(r.stderr).not.toContain(secret);
      }
    },
  );
});
