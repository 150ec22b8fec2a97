import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readStateFile } from '../../src/core/safe-read.js';

let dirs: string[] = [];
function dir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-safe-read-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  dirs = [];
});

describe('readStateFile', () => {
  it('reads a regular file and says missing for none', () => {
    const f = path.join(dir(), 's.json');
    expect(readStateFile(f, 10)).toEqual({ status: 'missing' });
    fs.writeFileSync(f, '{"a":1}');
    expect(readStateFile(f, 10)).toEqual({ status: 'found', text: '{"a":1}' });
  });

  it.each([
    [
      'a symlink (even to a regular file)',
      (f: string, d: string) => {
        fs.writeFileSync(path.join(d, 'real'), '{}');
        fs.symlinkSync(path.join(d, 'real'), f);
      },
      'symbolic link',
    ],
    ['a symlink to /dev/zero', (f: string) => fs.symlinkSync('/dev/zero', f), 'symbolic link'],
    [
      'a fifo with no writer',
      (f: string) => expect(spawnSync('mkfifo', [f]).status).toBe(0),
      'not a regular file',
    ],
    ['a directory', (f: string) => fs.mkdirSync(f), 'not a regular file'],
    ['a file over the cap', (f: string) => fs.writeFileSync(f, 'x'.repeat(11)), 'larger than 10 bytes'],
  ])('refuses %s, at once', (_what, make, why) => {
    const d = dir();
    const f = path.join(d, 's.json');
    make(f, d);
    const read = readStateFile(f, 10);
    expect(read.status).toBe('refused');
    if (read.status === 'refused') expect(read.error).toContain(why);
  });
});
