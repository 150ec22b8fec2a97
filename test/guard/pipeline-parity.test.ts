// The hook (in-process), the warm helper, `guard test` and `guard explain` run one pipeline: the same
// inputs get the same verdict from all four, symlinks in the project included.
import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI, cli, decisionOf, hook, type Machine, useMachines } from './_cli.js';

const fresh = useMachines();
let children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  children = [];
});

interface Case {
  tool: string;
  input: Record<string, unknown>;
  /** The same call as `guard explain` arguments. */
  explain: string[];
}

function cases(m: Machine): Case[] {
  const inProject = (...p: string[]) => path.join(m.project, ...p);
  return [
    {
      tool: 'Read',
      input: { file_path: inProject('keys', 'deploy.txt') },
      explain: ['--tool', 'Read', '--path', inProject('keys', 'deploy.txt')],
    },
    {
      tool: 'Write',
      input: { file_path: inProject('cfg', 'settings.json'), content: '{}' },
      explain: ['--tool', 'Write', '--path', inProject('cfg', 'settings.json')],
    },
    {
      tool: 'Bash',
      input: { command: 'cat keys/deploy.txt' },
      explain: ['--', 'cat', 'keys/deploy.txt'],
    },
    {
      tool: 'Grep',
      input: { pattern: 'AKIA', path: m.home },
      explain: ['--tool', 'Grep', '--path', m.home],
    },
    {
      tool: 'Read',
      input: { file_path: inProject('src', 'app.ts') },
      explain: ['--tool', 'Read', '--path', inProject('src', 'app.ts')],
    },
    {
      tool: 'WebFetch',
      // Claude Code always sends a prompt with WebFetch; a call without one is malformed (issue 16).
      input: { url: 'https://unknown-host.example/page', prompt: 'Summarise' },
      explain: ['--tool', 'WebFetch', '--url', 'https://unknown-host.example/page'],
    },
    { tool: 'Bash', input: { command: 'rm -rf ~' }, explain: ['--', 'rm', '-rf', '~'] },
  ];
}

/** A project holding links into the home's credential store and Claude Code's settings. */
function linkedMachine(): Machine {
  const m = fresh();
  fs.mkdirSync(path.join(m.home, '.ssh'), { recursive: true });
  fs.writeFileSync(path.join(m.home, '.ssh', 'deploy.txt'), 'not a real key\n');
  fs.mkdirSync(path.join(m.home, '.claude'), { recursive: true });
  fs.mkdirSync(path.join(m.project, 'src'), { recursive: true });
  fs.writeFileSync(path.join(m.project, 'src', 'app.ts'), 'export {};\n');
  fs.symlinkSync(path.join(m.home, '.ssh'), path.join(m.project, 'keys'));
  fs.symlinkSync(path.join(m.home, '.claude'), path.join(m.project, 'cfg'));
  return m;
}

function hookPayload(m: Machine, c: Case): string {
  return JSON.stringify({
    session_id: 's-parity',
    cwd: m.project,
    hook_event_name: 'PreToolUse',
    tool_name: c.tool,
    tool_input: c.input,
  });
}

const verdictOfHook = (out: ReturnType<typeof hook>) => {
  const d = decisionOf(out);
  return d === 'none' ? 'allow' : d;
};

function viaGuardTest(m: Machine, all: Case[]): string[] {
  const input = `${all.map((c) => hookPayload(m, c)).join('\n')}\n`;
  const run = cli(['guard', 'test', '--jsonl', '-', '--home', m.home, '--project', m.project], m, { input });
  expect(run.stderr).toBe('');
  return run.stdout
    .trimEnd()
    .split('\n')
    .map((l) => (JSON.parse(l) as { verdict: string }).verdict);
}

function viaExplain(m: Machine, c: Case): string {
  const run = cli(['guard', 'explain', '--json', '--home', m.home, '--project', m.project, ...c.explain], m);
  expect(run.stderr).toBe('');
  return (JSON.parse(run.stdout) as { decision: { verdict: string } }).decision.verdict;
}

function connects(socket: string): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createConnection(socket);
    s.on('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.on('error', () => resolve(false));
  });
}

async function startServer(m: Machine): Promise<void> {
  const socket = path.join(m.stateDir, 'hook.sock');
  fs.mkdirSync(m.stateDir, { recursive: true });
  const child = spawn(process.execPath, [CLI, 'guard', 'hook', 'claude', '--serve', socket], {
    env: m.env,
    stdio: 'ignore',
  });
  children.push(child);
  const until = Date.now() + 8000;
  while (!(await connects(socket))) {
    if (Date.now() > until) throw new Error('the warm helper did not start');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('one guard pipeline', () => {
  it('the hook, the warm helper, guard test and guard explain give the same verdicts', async () => {
    const m = linkedMachine();
    const all = cases(m);
    const inProcess = all.map((c) =>
      verdictOfHook(hook(hookPayload(m, c), m, { env: { ...m.env, AGENTWARDEN_HOOK_SERVER: 'off' } })),
    );
    // What the links lead to decides, not the names in the project.
    expect(inProcess.slice(0, 3)).toEqual(['deny', 'deny', 'deny']);
    expect(inProcess).toContain('allow');
    expect(inProcess).toContain('ask');

    expect(viaGuardTest(m, all)).toEqual(inProcess);
    expect(all.map((c) => viaExplain(m, c))).toEqual(inProcess);

    await startServer(m);
    const viaServer = all.map((c) => {
      const run = hook(hookPayload(m, c), m, { env: { ...m.env, AGENTWARDEN_DEBUG: '1' } });
      expect(run.stderr).toContain('answered by the hook server');
      return verdictOfHook(run);
    });
    expect(viaServer).toEqual(inProcess);
  });

  it('the kill switch denies in guard test and guard explain as in the hook', () => {
    const m = linkedMachine();
    fs.mkdirSync(m.stateDir, { recursive: true });
    fs.writeFileSync(path.join(m.stateDir, 'kill.lock'), '');
    const all = cases(m);
    const inProcess = all.map((c) =>
      verdictOfHook(hook(hookPayload(m, c), m, { env: { ...m.env, AGENTWARDEN_HOOK_SERVER: 'off' } })),
    );
    expect(new Set(inProcess)).toEqual(new Set(['deny']));
    expect(viaGuardTest(m, all)).toEqual(inProcess);
    expect(all.map((c) => viaExplain(m, c))).toEqual(inProcess);
  });
});
