import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listDir, nodeFileSystem, readTextFile, statFile, walkFiles } from '../../src/core/files.js';
import { type MaterializedFixture, materialize } from '../../src/core/fixture.js';

let fx: MaterializedFixture | undefined;
afterEach(() => fx?.cleanup());

describe('readTextFile on bad input', () => {
  it('reads UTF-8 text and strips a BOM', () => {
    fx = materialize({ files: { 'a.txt': '\ufeffhello' } });
    expect(readTextFile(path.join(fx.project, 'a.txt'))).toEqual({ ok: true, text: 'hello', size: 8 });
  });

  it('reports missing, directory, binary, non-UTF-8, too large and symlink loops without throwing', () => {
    const f = materialize({
      files: {
        'dir.json': { dir: true },
        'bin.json': { bytes: [0x7b, 0x00, 0x7d] },
        'latin1.json': { bytes: [0x7b, 0x22, 0xe9, 0x22, 0x7d] },
        'big.json': 'x'.repeat(2048),
        'loop-a': { symlink: '~/work/app/loop-b' },
        'loop-b': { symlink: '~/work/app/loop-a' },
      },
    });
    fx = f;
    const p = (n: string) => path.join(f.project, n);
    const problem = (r: ReturnType<typeof readTextFile>) => (r.ok ? 'ok' : r.problem);
    expect(problem(readTextFile(p('nope.json')))).toBe('missing');
    expect(problem(readTextFile(p('dir.json')))).toBe('not-a-file');
    expect(problem(readTextFile(p('bin.json')))).toBe('binary');
    expect(problem(readTextFile(p('latin1.json')))).toBe('not-utf8');
    expect(problem(readTextFile(p('big.json'), 1024))).toBe('too-large');
    expect(problem(readTextFile(p('loop-a')))).toBe('loop');
    const r = readTextFile(p('dir.json'));
    expect(r.ok ? '' : r.message).toContain('dir.json');
  });

  it('stat and list never throw', () => {
    expect(statFile('/definitely/not/here')).toBeUndefined();
    expect(listDir('/definitely/not/here')).toEqual([]);
  });
});

describe('walkFiles', () => {
  it('lists files, skips node_modules and survives directory symlink loops', () => {
    fx = materialize({
      files: {
        'a/b/c.md': 'x',
        'node_modules/pkg/README.md': 'x',
        'a/loop': { symlink: '~/work/app/a' },
      },
    });
    const files = walkFiles(nodeFileSystem, fx.project);
    expect(files).toContain('a/b/c.md');
    expect(files.some((f) => f.startsWith('node_modules'))).toBe(false);
    expect(files.filter((f) => f.endsWith('c.md'))).toHaveLength(1);
  });

  it('stops at maxFiles', () => {
    fx = materialize({ files: Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`f${i}.txt`, 'x'])) });
    expect(walkFiles(nodeFileSystem, fx.project, { maxFiles: 5 })).toHaveLength(5);
  });
});

describe('materialize', () => {
  it('puts ~ under home, / under the system root and the rest in the project, with modes', () => {
    fx = materialize({
      files: { '~/.claude.json': { content: '{}', mode: 0o644 }, '/etc/x.json': '{}', '.mcp.json': '{}' },
    });
    expect(fs.existsSync(path.join(fx.home, '.claude.json'))).toBe(true);
    expect(fs.existsSync(path.join(fx.systemRoot, 'etc/x.json'))).toBe(true);
    expect(fs.existsSync(path.join(fx.project, '.mcp.json'))).toBe(true);
    expect(statFile(path.join(fx.home, '.claude.json'))?.mode).toBe(0o644);
    expect(fx.project.startsWith(fx.home)).toBe(true);
  });
});
