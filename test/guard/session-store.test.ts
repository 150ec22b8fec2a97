import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { detectSandbox } from '../../src/guard/sandbox.js';
import { sessionStateCodec } from '../../src/guard/session-codec.js';
import { loadSessionState, saveSessionState, sessionFileName } from '../../src/guard/session-store.js';

let dirs: string[] = [];
function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-sessions-'));
  dirs.push(d);
  return path.join(d, 'sessions');
}
afterEach(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  dirs = [];
});

describe('sessionFileName', () => {
  it('keeps ordinary ids and makes any other id a safe, distinct name', () => {
    expect(sessionFileName('6f1c2e0a-3b7d-4c55-9a1e-2f0d8b7c4e11')).toBe(
      '6f1c2e0a-3b7d-4c55-9a1e-2f0d8b7c4e11.json',
    );
    const names = ['../../etc/passwd', '..', '', 'a/b', 'a_b', 'x'.repeat(500)].map(sessionFileName);
    for (const n of names) expect(n).toMatch(/^[A-Za-z0-9_-]{1,120}\.json$/);
    expect(new Set(names).size).toBe(names.length);
    expect(sessionFileName('a/b')).not.toBe(sessionFileName('a_b'));
  });
});

describe('session state', () => {
  it('round-trips and merges by union: a tainted state is never made clean', () => {
    const dir = tempDir();
    expect(loadSessionState(dir, 's', sessionStateCodec)).toEqual({ status: 'missing' });
    saveSessionState(dir, 's', { tainted: true, taintSources: ['WebFetch https://a'] }, sessionStateCodec);
    const clean = saveSessionState(dir, 's', { tainted: false, taintSources: [] }, sessionStateCodec);
    expect(clean).toEqual({
      ok: true,
      written: false,
      state: { tainted: true, taintSources: ['WebFetch https://a'] },
    });
    saveSessionState(dir, 's', { tainted: true, taintSources: ['MCP x'] }, sessionStateCodec);
    expect(loadSessionState(dir, 's', sessionStateCodec)).toEqual({
      status: 'found',
      state: { tainted: true, taintSources: ['WebFetch https://a', 'MCP x'] },
    });
    expect(fs.readdirSync(dir)).toEqual(['s.json']); // no temp or lock files left behind
    expect(fs.statSync(path.join(dir, 's.json')).mode & 0o777).toBe(0o600);
  });

  it('reports an unreadable or foreign file instead of guessing', () => {
    const dir = tempDir();
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'a.json'), '{oops');
    fs.writeFileSync(path.join(dir, 'b.json'), '{"tainted":"yes"}');
    expect(loadSessionState(dir, 'a', sessionStateCodec).status).toBe('unreadable');
    expect(loadSessionState(dir, 'b', sessionStateCodec).status).toBe('unreadable');
  });

  it('returns an error when the directory cannot be written', () => {
    const dir = tempDir();
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    fs.writeFileSync(dir, 'a file where the dir should be');
    const saved = saveSessionState(dir, 's', { tainted: true, taintSources: [] }, sessionStateCodec);
    expect(saved.ok).toBe(false);
  });
});

describe('detectSandbox', () => {
  const none = () => false;
  it('recognises Docker, Podman and systemd-nspawn/LXC by the files they leave', () => {
    expect(detectSandbox({ env: {}, exists: none })).toBe(false);
    expect(detectSandbox({ env: {}, exists: (p) => p === '/.dockerenv' })).toBe(true);
    expect(detectSandbox({ env: {}, exists: (p) => p === '/run/.containerenv' })).toBe(true);
    expect(detectSandbox({ env: {}, exists: (p) => p === '/run/systemd/container' })).toBe(true);
  });

  it('does not take the container env var alone as proof', () => {
    // A cloned repo's .claude/settings.json can set `env: {container: "1"}` for every hook Claude Code runs.
    expect(detectSandbox({ env: { container: 'podman' }, exists: none })).toBe(false);
  });
});
