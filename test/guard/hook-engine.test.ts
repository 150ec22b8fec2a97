import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, toolPayload, useMachines } from './_cli.js';

// The built hook decides in-process with dist/hook-engine.cjs and its V8 code cache (src/cli/hook-engine.ts).
const fresh = useMachines();

function copyDist(root: string): string {
  const dist = path.join(root, 'pkg', 'dist');
  fs.cpSync(path.join(REPO, 'dist'), dist, { recursive: true });
  fs.writeFileSync(path.join(root, 'pkg', 'package.json'), '{"type":"module"}\n');
  return path.join(dist, 'cli.js');
}

function inProcess(cliPath: string, input: string, m: ReturnType<typeof fresh>) {
  const r = spawnSync(process.execPath, [cliPath, 'guard', 'hook', 'claude'], {
    input,
    env: { ...m.env, AGENTWARDEN_HOOK_SERVER: 'off', AGENTWARDEN_DEBUG: '1' },
    cwd: m.project,
    encoding: 'utf8',
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the hook engine script and its code cache', () => {
  it('a fresh process takes the cache the build wrote', () => {
    const m = fresh();
    const cliPath = copyDist(m.root);
    const run = inProcess(cliPath, toolPayload(m, 'Bash', { command: 'git status' }), m);
    expect(run.stderr).toContain('engine from its code cache');
    expect(run).toMatchObject({ status: 0, stdout: '' });
    // The shell parser, loaded by the engine through the bundle's dynamic import.
    const compound = inProcess(
      path.join(REPO, 'dist', 'cli.js'),
      toolPayload(m, 'Bash', { command: 'ls | grep x' }),
      m,
    );
    expect(compound.stderr).toContain('engine from its code cache');
    expect(compound).toMatchObject({ status: 0, stdout: '' });
  });

  it('a cache of another build, a damaged cache or none: compiled, same decisions', () => {
    const m = fresh();
    const cliPath = copyDist(m.root);
    const cache = path.join(path.dirname(cliPath), 'hook-engine.cjs.cache');
    const calls = [
      toolPayload(m, 'Bash', { command: 'git status' }),
      toolPayload(m, 'Read', { file_path: path.join(m.project, '.env') }),
      toolPayload(m, 'Bash', { command: 'ls | grep x' }),
    ];
    const expected = calls.map((c) => inProcess(cliPath, c, m).stdout);
    expect(expected[1]).toMatch(/"deny"/);
    const good = fs.readFileSync(cache);
    const variants: [string, Buffer | undefined][] = [
      ['another build', Buffer.concat([Buffer.from('0123456789abcdef\n'), good.subarray(17)])],
      ['damaged', Buffer.concat([good.subarray(0, 17), Buffer.alloc(good.length - 17, 0x5a)])],
      ['none', undefined],
    ];
    for (const [, bytes] of variants) {
      if (bytes) fs.writeFileSync(cache, bytes);
      else fs.rmSync(cache);
      for (const [i, c] of calls.entries()) {
        const run = inProcess(cliPath, c, m);
        expect(run.stderr).toContain('engine compiled (no usable code cache)');
        expect(run.stdout).toBe(expected[i]);
      }
    }
  });

  it('without the engine script the hook decides with the chunks, the same decisions', () => {
    const m = fresh();
    const cliPath = copyDist(m.root);
    const calls = [
      toolPayload(m, 'Bash', { command: 'git status' }),
      toolPayload(m, 'Read', { file_path: path.join(m.project, '.env') }),
    ];
    const expected = calls.map((c) => inProcess(cliPath, c, m).stdout);
    expect(expected[1]).toMatch(/"deny"/);
    fs.rmSync(path.join(path.dirname(cliPath), 'hook-engine.cjs'));
    for (const [i, c] of calls.entries()) {
      const run = inProcess(cliPath, c, m);
      expect(run.stderr).not.toMatch(/engine (compiled|from its code cache)/);
      expect(run).toMatchObject({ status: 0, stdout: expected[i] });
    }
  });

  it('the hook entries leave writing the cache to a chunk of its own, loaded by `--engine-cache` only', () => {
    for (const entry of ['hook.cjs', 'hook.js']) {
      const code = fs.readFileSync(path.join(REPO, 'dist', entry), 'utf8');
      expect(code).not.toContain('createCachedData');
      expect(code).toContain('./hook-chunks/engine-cache.js');
    }
  });

  it('a deny through hook.cjs starts no ES module loader for builtins and does not load node:crypto', () => {
    const m = fresh();
    // Lists, at exit, the builtins the hook loaded (written with fs: process.stderr would load the streams).
    const preload = path.join(m.root, 'loaded.cjs');
    fs.writeFileSync(
      preload,
      "process.on('exit', () => require('node:fs').writeSync(2, process.moduleLoadList.join('\\n')));\n",
    );
    // Not `off`: with no helper running yet, the call also starts one (node:child_process).
    const r = spawnSync(
      process.execPath,
      ['-r', preload, path.join(REPO, 'dist', 'hook.cjs'), 'guard', 'hook', 'claude'],
      {
        input: toolPayload(m, 'Read', { file_path: path.join(m.project, '.env') }),
        env: m.env,
        cwd: m.project,
        encoding: 'utf8',
      },
    );
    expect(r.stdout).toMatch(/"deny"/);
    const loaded = r.stderr.split('\n');
    expect(loaded).toContain('NativeModule child_process');
    expect(loaded).not.toContain('NativeModule crypto');
    expect(loaded).not.toContain('NativeModule internal/modules/esm/translators');
  });

  it('guard install leaves the installed copy a cache this Node takes; the cache is not part of its id', () => {
    const m = fresh();
    const cliPath = copyDist(m.root);
    fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(m.root, 'pkg', 'node_modules'));
    const cache = path.join(path.dirname(cliPath), 'hook-engine.cjs.cache');
    const good = fs.readFileSync(cache);
    const install = () => {
      const r = spawnSync(
        process.execPath,
        [cliPath, 'guard', 'install', '--home', m.home, '--project', m.project],
        { env: m.env, cwd: m.project, encoding: 'utf8', timeout: 60_000 },
      );
      expect(r.status).toBe(0);
      return r.stdout;
    };
    // As a build by another Node version leaves it: a cache V8 refuses.
    fs.writeFileSync(cache, Buffer.concat([good.subarray(0, 17), Buffer.alloc(good.length - 17, 0x5a)]));
    expect(install()).toContain('(copied)');
    const [installed] = fs.readdirSync(path.join(m.home, '.local', 'share', 'agentwarden'));
    const dist = path.join(m.home, '.local', 'share', 'agentwarden', installed ?? '', 'dist');
    const written = fs.readFileSync(path.join(dist, 'hook-engine.cjs.cache'));
    expect(written.subarray(0, 17)).toEqual(good.subarray(0, 17));
    expect(fs.statSync(path.join(dist, 'hook-engine.cjs.cache')).mode & 0o777).toBe(0o644);
    const run = inProcess(path.join(dist, 'cli.js'), toolPayload(m, 'Bash', { command: 'git status' }), m);
    expect(run.stderr).toContain('engine from its code cache');
    // The build's own cache: same bundle id, already there, and the cache this Node takes is kept.
    fs.writeFileSync(cache, good);
    expect(install()).toContain(`${installed} (already there)`);
    expect(fs.readFileSync(path.join(dist, 'hook-engine.cjs.cache'))).toEqual(written);
  }, 120_000);
});
