// Issue 16 regressions through the BUILT hook, as Claude Code runs it: malformed payloads are denied with a
// well-formed answer and no stack trace; state files replaced by a fifo, a link to /dev/zero or a huge file do
// not stall the hook, which answers with what an unreadable state means (a tainted session).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decisionOf, hook, type Machine, toolPayload, useMachines } from './_cli.js';

const newMachine = useMachines();

function serverless(m: Machine): Machine {
  m.env.AGENTWARDEN_HOOK_SERVER = 'off';
  return m;
}

function expectCleanDeny(run: ReturnType<typeof hook>): void {
  expect(run.status).toBe(0);
  expect(decisionOf(run)).toBe('deny');
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

describe('malformed payloads through the built hook', () => {
  it.each([
    ['Bash.command is an array', 'Bash', { command: [] }],
    ['Bash.command is an object', 'Bash', { command: { toString: 'ls' } }],
    ['Glob.pattern is an array', 'Glob', { pattern: ['~/.ssh/*'] }],
    ['Agent.prompt is an object', 'Agent', { description: 'x', prompt: { text: 'go' } }],
    ['Read has no file_path', 'Read', { path: '/etc/passwd' }],
    ['Write.file_path holds a NUL', 'Write', { file_path: 'a.txt\u0000/../../.bashrc', content: 'x' }],
  ])('%s: denied', (_what, tool, input) => {
    const m = serverless(newMachine());
    expectCleanDeny(hook(toolPayload(m, tool, input), m));
  });

  it('a key that is not valid UTF-8 is denied, not decoded into U+FFFD', () => {
    const m = serverless(newMachine());
    const text = toolPayload(m, 'Bash', { command: 'ls', KEY: 1 });
    const bytes = Buffer.from(text);
    const at = bytes.indexOf('KEY');
    bytes[at] = 0xff;
    expectCleanDeny(hook(bytes, m));
  });

  it('a lone surrogate escaped in a key is denied', () => {
    const m = serverless(newMachine());
    const text = toolPayload(m, 'Read', { file_path: path.join(m.project, 'a.ts'), LONE: true }).replace(
      'LONE',
      '\\ud800',
    );
    expectCleanDeny(hook(text, m));
  });

  it('the same calls well-formed are allowed', () => {
    const m = serverless(newMachine());
    // No output is Claude Code's "no objection".
    expect(decisionOf(hook(toolPayload(m, 'Glob', { pattern: 'src/**/*.ts' }), m))).toBe('none');
    expect(decisionOf(hook(toolPayload(m, 'Bash', { command: 'ls' }), m))).toBe('none');
  });
});

describe('hostile session state files', () => {
  // Allowed in a clean session; a tainted one asks before it reaches out with a query.
  const FETCH = { command: 'curl https://docs.python.org/3/?q=x' };

  function withStateFile(make: (file: string) => void): { run: ReturnType<typeof hook>; m: Machine } {
    const m = serverless(newMachine());
    const dir = path.join(m.stateDir, 'sessions');
    fs.mkdirSync(dir, { recursive: true });
    make(path.join(dir, 's-test.json'));
    return { run: hook(toolPayload(m, 'Bash', FETCH), m, { timeout: 30_000 }), m };
  }

  it('a readable clean state lets the fetch through (the baseline)', () => {
    const { run } = withStateFile((f) => fs.writeFileSync(f, '{"tainted":false,"taintSources":[]}'));
    expect(decisionOf(run)).toBe('none');
  });

  it.each([
    ['a fifo', (f: string) => expect(spawnSync('mkfifo', [f]).status).toBe(0)],
    ['a symlink to /dev/zero', (f: string) => fs.symlinkSync('/dev/zero', f)],
    [
      'a 100 MB file',
      (f: string) => {
        fs.writeFileSync(f, '{"tainted":false,"taintSources":[');
        fs.truncateSync(f, 100 * 1024 * 1024);
      },
    ],
    ['a directory', (f: string) => fs.mkdirSync(f)],
  ])('%s in its place: answered, as a tainted session (asked), without a stack trace', (_what, make) => {
    const { run } = withStateFile(make);
    expect(run.status).toBe(0);
    expect(decisionOf(run)).toBe('ask');
    expect(run.stdout).toContain('taint/side-effect');
    expect(run.stdout).toContain('unknown (session state');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
