import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyActivityLog } from '../../src/log/activity-log.js';
import {
  CLI,
  cli,
  decisionOf,
  hook,
  hookAsync,
  type Machine,
  payload,
  REPO,
  toolPayload,
  useMachines,
} from './_cli.js';

const FAKE_KEY = 'sk-ant-api03-Qw3rTy7uIoP9aSdFgHjKlZxCvBnM1234567890aXcdEFqH';

const fresh = useMachines();

function expectDeny(run: ReturnType<typeof hook>, reason: RegExp): void {
  expect(run.status).toBe(0);
  const out = JSON.parse(run.stdout);
  expect(Object.keys(out)).toEqual(['hookSpecificOutput']);
  expect(Object.keys(out.hookSpecificOutput)).toEqual([
    'hookEventName',
    'permissionDecision',
    'permissionDecisionReason',
  ]);
  expect(out.hookSpecificOutput.hookEventName).toBe('PreToolUse');
  expect(out.hookSpecificOutput.permissionDecision).toBe('deny');
  expect(out.hookSpecificOutput.permissionDecisionReason).toMatch(reason);
  expect(out.hookSpecificOutput.permissionDecisionReason).not.toMatch(/\n| {4}at /);
}

describe('guard hook claude (built CLI) on the reference payloads', () => {
  it('denies reading the project .env with the exact PreToolUse JSON', () => {
    const m = fresh();
    expectDeny(hook(payload('PreToolUse.Read.json', m), m), /\.env/);
  });

  it('says nothing for harmless calls (no decision, so Claude Code keeps its own permission flow)', () => {
    const m = fresh();
    for (const name of ['PreToolUse.Edit.json', 'PreToolUse.Write.json']) {
      const run = hook(payload(name, m), m);
      expect(run).toMatchObject({ status: 0, stdout: '' });
    }
    expect(hook(toolPayload(m, 'Bash', { command: 'git status' }), m)).toMatchObject({
      status: 0,
      stdout: '',
    });
  });

  it('follows symlinks in the project to what they really reach', () => {
    const m = fresh();
    fs.mkdirSync(path.join(m.home, '.ssh'), { recursive: true });
    fs.writeFileSync(path.join(m.home, '.ssh', 'config'), 'Host x\n');
    fs.mkdirSync(path.join(m.home, '.claude'), { recursive: true });
    // What a cloned repo or an earlier `ln -s` can leave behind.
    fs.symlinkSync(path.join(m.home, '.ssh'), path.join(m.project, 'keys'));
    fs.symlinkSync(path.join(m.home, '.claude'), path.join(m.project, 'cfg'));
    fs.symlinkSync(path.join(m.home, '.bashrc'), path.join(m.project, 'rc'));
    expectDeny(hook(toolPayload(m, 'Read', { file_path: path.join(m.project, 'keys', 'config') }), m), /ssh/);
    expectDeny(hook(toolPayload(m, 'Bash', { command: 'cat keys/config' }), m), /ssh/);
    const settings = path.join(m.project, 'cfg', 'settings.json');
    expectDeny(hook(toolPayload(m, 'Write', { file_path: settings, content: '{}' }), m), /guard itself/);
    // A dangling link still leads somewhere: writing through it creates ~/.bashrc.
    expectDeny(
      hook(toolPayload(m, 'Write', { file_path: path.join(m.project, 'rc'), content: 'x' }), m),
      /bashrc/,
    );
  });

  it('denies dangerous shell commands, whether or not they need the full parser', () => {
    const m = fresh();
    expectDeny(hook(toolPayload(m, 'Bash', { command: 'rm -rf ~' }), m), /rm-recursive/);
    expectDeny(hook(toolPayload(m, 'Bash', { command: 'cd /tmp && bash -c "rm -rf $HOME"' }), m), /.+/);
    expectDeny(hook(toolPayload(m, 'Read', { file_path: path.join(m.home, '.ssh', 'id_rsa') }), m), /ssh/);
  });

  it('answers every event in the format its output file shows', () => {
    const m = fresh();
    const start = hook(payload('captured.SessionStart.json', m), m);
    expect(JSON.parse(start.stdout).hookSpecificOutput).toMatchObject({ hookEventName: 'SessionStart' });
    expect(hook(payload('captured.UserPromptSubmit.json', m), m)).toMatchObject({ status: 0, stdout: '' });
    const secret = hook(payload('UserPromptSubmit.json', m, { prompt: `deploy with ${FAKE_KEY}` }), m);
    expect(JSON.parse(secret.stdout)).toMatchObject({
      decision: 'block',
      hookSpecificOutput: { hookEventName: 'UserPromptSubmit', suppressOriginalPrompt: true },
    });
    expect(secret.stdout).not.toContain(FAKE_KEY.slice(0, 16));
    for (const name of [
      'Stop.json',
      'SessionEnd.json',
      'PostToolUseFailure.Bash.json',
      'PostToolUse.Edit.json',
    ])
      expect(hook(payload(name, m), m)).toMatchObject({ status: 0, stdout: '' });
  });

  it('masks a secret in tool output with updatedToolOutput', () => {
    const m = fresh();
    const run = hook(
      payload('PostToolUse.Bash.json', m, {
        tool_response: { stdout: `API_KEY=${FAKE_KEY}\n`, stderr: '', interrupted: false },
      }),
      m,
    );
    const out = JSON.parse(run.stdout).hookSpecificOutput;
    expect(out.hookEventName).toBe('PostToolUse');
    expect(out.updatedToolOutput.stdout).toMatch(/^API_KEY=/);
    expect(run.stdout).not.toContain(FAKE_KEY.slice(0, 16));
  });

  it('delivers a large redacted output whole through a slow pipe', async () => {
    const m = fresh();
    const big = `${'x'.repeat(100)}\n`.repeat(30_000);
    const input = payload('PostToolUse.Bash.json', m, {
      tool_response: { stdout: `${big}KEY=${FAKE_KEY}\n`, stderr: '', interrupted: false },
    });
    const stdout = await new Promise<string>((resolve) => {
      const child = spawn(process.execPath, [CLI, 'guard', 'hook', 'claude'], { env: m.env, cwd: m.project });
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
      });
      child.stdout.pause();
      setTimeout(() => child.stdout.resume(), 300);
      child.on('close', () => resolve(out));
      child.stdin.end(input);
    });
    const updated = JSON.parse(stdout).hookSpecificOutput.updatedToolOutput.stdout as string;
    expect(updated.length).toBeGreaterThan(big.length);
    expect(updated).toMatch(/KEY=.*redacted/);
    expect(stdout).not.toContain(FAKE_KEY.slice(0, 16));
  });

  it('remembers taint across calls: a session that fetched from the web is stored tainted', () => {
    const m = fresh();
    expect(hook(payload('PostToolUse.WebFetch.json', m), m).status).toBe(0);
    const file = path.join(m.stateDir, 'sessions', '6f1c2e0a-3b7d-4c55-9a1e-2f0d8b7c4e11.json');
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toMatchObject({ tainted: true });
  });
});

describe('guard hook claude fails closed', () => {
  it.each([
    ['garbage', 'not json at all'],
    ['truncated JSON', '{"hook_event_name":"PreToolUse","tool_name":"Bash","tool_input":{"command":"ls"'],
    ['empty stdin', ''],
    ['a JSON array', '[]'],
    ['no event name', '{"tool_name":"Bash","tool_input":{"command":"ls"}}'],
    ['no tool_input', '{"hook_event_name":"PreToolUse","tool_name":"Bash"}'],
    ['a wrong type', '{"hook_event_name":"PreToolUse","tool_name":["Bash"],"tool_input":{}}'],
    ['invalid UTF-8', Buffer.from([0x7b, 0xff, 0xfe, 0x7d])],
  ])('malformed payload (%s) → deny JSON, exit 0', (_what, input) => {
    const m = fresh();
    expectDeny(hook(input, m), /malformed hook payload/);
  });

  it('an oversized payload → deny', () => {
    const m = fresh();
    const big = toolPayload(m, 'Write', { file_path: 'a.txt', content: 'x'.repeat(17 * 1024 * 1024) });
    expectDeny(hook(big, m), /larger than/);
  });

  it('a broken policy file → deny naming the file, for every tool', () => {
    const m = fresh();
    const policy = path.join(m.home, '.config', 'agentwarden', 'policy.yaml');
    fs.mkdirSync(path.dirname(policy), { recursive: true });
    fs.writeFileSync(policy, 'role: [unclosed\n');
    expectDeny(hook(payload('PreToolUse.Edit.json', m), m), /policy error: .*policy\.yaml/);
    const start = hook(payload('captured.SessionStart.json', m), m);
    expect(start.stdout).toContain('policy cannot be loaded');
  });

  it('the kill-switch lockfile → deny everything, block prompts', () => {
    const m = fresh();
    fs.mkdirSync(m.stateDir, { recursive: true });
    fs.writeFileSync(path.join(m.stateDir, 'kill.lock'), '');
    expectDeny(hook(payload('PreToolUse.Edit.json', m), m), /kill switch/);
    expect(JSON.parse(hook(payload('UserPromptSubmit.json', m), m).stdout).decision).toBe('block');
  });

  it('a missing shell analyzer (wasm not installed) → deny for a command that needs it', () => {
    const m = fresh();
    // A copy of the bundle where web-tree-sitter cannot be resolved.
    const dist = path.join(m.root, 'pkg', 'dist');
    fs.cpSync(path.join(REPO, 'dist'), dist, { recursive: true });
    const run = spawnHook(path.join(dist, 'cli.js'), toolPayload(m, 'Bash', { command: 'ls | grep x' }), m);
    expectDeny(run, /shell analyzer unavailable/);
    // A trivially simple command needs no parser and is still decided.
    expect(
      decisionOf(spawnHook(path.join(dist, 'cli.js'), toolPayload(m, 'Bash', { command: 'git status' }), m)),
    ).toBe('none');
  });

  it('a damaged install → deny as JSON, or exit 2 when even the deny cannot load', () => {
    const m = fresh();
    const dist = path.join(m.root, 'pkg', 'dist');
    fs.cpSync(path.join(REPO, 'dist'), dist, { recursive: true });
    const chunks = path.join(dist, 'hook-chunks');
    const env = { ...m.env, AGENTWARDEN_HOOK_SERVER: 'off' };
    const run = (cliPath: string) =>
      spawnSync(process.execPath, [cliPath, 'guard', 'hook', 'claude'], {
        input: payload('PreToolUse.Edit.json', m),
        env,
        encoding: 'utf8',
      });
    // The in-process engine: dist/hook-engine.cjs (what a built hook runs) and the run chunks it came from.
    const engine = fs.readdirSync(chunks).filter((f) => f.endsWith('run.js'));
    for (const f of engine) fs.writeFileSync(path.join(chunks, f), 'this is not javascript (');
    fs.writeFileSync(path.join(dist, 'hook-engine.cjs'), 'this is not javascript (');
    // Both entries: cli.js (installs made before hook.cjs) and hook.cjs (what `guard install` now names).
    const entries = ['cli.js', 'hook.cjs'].map((f) => path.join(dist, f));
    for (const entry of entries) {
      const damaged = run(entry);
      expectDeny(
        { status: damaged.status, stdout: damaged.stdout, stderr: damaged.stderr },
        /internal error/,
      );
    }
    for (const f of fs.readdirSync(chunks))
      fs.writeFileSync(path.join(chunks, f), 'this is not javascript (');
    for (const entry of entries) {
      const wrecked = run(entry);
      expect(wrecked.status).toBe(2);
      expect(wrecked.stderr).toMatch(/^agentwarden: /);
      expect(wrecked.stdout).toBe('');
    }
  });

  /** A copy of dist/ whose engine throws an error carrying a key. */
  function distWithBrokenEngine(m: ReturnType<typeof fresh>): string {
    const dist = path.join(m.root, 'pkg', 'dist');
    fs.cpSync(path.join(REPO, 'dist'), dist, { recursive: true });
    fs.writeFileSync(
      path.join(dist, 'hook-engine.cjs'),
      `throw new Error('engine broken near token=${FAKE_KEY} (line 1)\\nsecond line');\n`,
    );
    return dist;
  }

  it('an error escaping hook.cjs is written redacted, or withheld when the redaction cannot load', () => {
    const m = fresh();
    // `--engine-cache` runs the engine outside the fail-closed answer: its error reaches the entry.
    const dist = distWithBrokenEngine(m);
    const run = () =>
      spawnSync(
        process.execPath,
        [path.join(dist, 'hook.cjs'), 'guard', 'hook', 'claude', '--engine-cache'],
        {
          env: m.env,
          encoding: 'utf8',
        },
      );
    const redacted = run();
    expect(redacted.status).toBe(2);
    expect(redacted.stderr).toMatch(/^agentwarden: internal error: engine broken near token=.*\(line 1\)\n$/);
    expect(redacted.stderr).not.toContain(FAKE_KEY.slice(8));
    expect(redacted.stderr).toContain('redacted');
    fs.writeFileSync(path.join(dist, 'hook-chunks', 'secrets-engine.cjs'), 'this is not javascript (');
    const withheld = run();
    expect(withheld.status).toBe(2);
    expect(withheld.stderr).toBe(
      'agentwarden: internal error: (message withheld: the secret redaction would not load)\n',
    );
  });

  it('an engine error in-process is denied with its first line redacted', () => {
    const m = fresh();
    const dist = distWithBrokenEngine(m);
    const run = spawnSync(process.execPath, [path.join(dist, 'hook.cjs'), 'guard', 'hook', 'claude'], {
      input: payload('PreToolUse.Edit.json', m),
      env: { ...m.env, AGENTWARDEN_HOOK_SERVER: 'off' },
      encoding: 'utf8',
    });
    expectDeny(run, /internal error: engine broken near token=.*\(line 1\)/);
    expect(run.stdout).not.toContain(FAKE_KEY.slice(8));
    expect(run.stdout).toContain('redacted');
  });

  it('a pipe that stays empty a while costs little CPU before the payload comes', () => {
    const m = fresh();
    const input = path.join(m.root, 'payload.json');
    fs.writeFileSync(input, toolPayload(m, 'Bash', { command: 'git status' }));
    const preload = path.join(m.root, 'cpu.cjs');
    const cpuOut = path.join(m.root, 'cpu.txt');
    fs.writeFileSync(
      preload,
      "process.on('exit', () => { const u = process.cpuUsage(); require('node:fs').writeFileSync(process.env.CPU_OUT, String((u.user + u.system) / 1000)); });\n",
    );
    // The payload through a real pipe (a FIFO, as `cat payload | hook` gives), after `delay` seconds.
    const cpuMs = (delay: number) => {
      const run = spawnSync(
        'sh',
        [
          '-c',
          `(sleep ${delay}; cat "$1") | "$2" -r "$3" "$4" guard hook claude`,
          'sh',
          input,
          process.execPath,
          preload,
          CLI,
        ],
        { env: { ...m.env, AGENTWARDEN_HOOK_SERVER: 'off', CPU_OUT: cpuOut }, encoding: 'utf8' },
      );
      expect(run.status).toBe(0);
      return Number(fs.readFileSync(cpuOut, 'utf8'));
    };
    const least = (delay: number) => Math.min(cpuMs(delay), cpuMs(delay));
    // Polling every millisecond with a fresh 64 KiB buffer cost ~170 ms of CPU over 2 s here; backing off, ~20 ms.
    expect(least(2) - least(0)).toBeLessThan(80);
  });

  it('a stdin that never ends → deny at the deadline', () => {
    const m = fresh();
    const run = new Promise<{ status: number | null; stdout: string }>((resolve) => {
      const child = spawn(process.execPath, [CLI, 'guard', 'hook', 'claude'], {
        env: { ...m.env, AGENTWARDEN_HOOK_DEADLINE_MS: '300' },
      });
      let stdout = '';
      child.stdout.on('data', (d) => {
        stdout += d;
      });
      child.stdin.write('{"hook_event_name":"PreToolUse",');
      child.on('close', (status) => resolve({ status, stdout }));
    });
    return run.then((r) => expectDeny({ ...r, stderr: '' }, /did not decide within 300 ms/));
  });

  it('a deny by the watchdog is logged like any other decision, with what the payload told', () => {
    const m = fresh();
    const run = new Promise<{ status: number | null; stdout: string }>((resolve) => {
      const child = spawn(process.execPath, [CLI, 'guard', 'hook', 'claude'], {
        env: { ...m.env, AGENTWARDEN_HOOK_DEADLINE_MS: '300', AGENTWARDEN_HOOK_SERVER: 'off' },
      });
      let stdout = '';
      child.stdout.on('data', (d) => {
        stdout += d;
      });
      child.stdin.write('{"hook_event_name":"PreToolUse","session_id":"s-watchdog",');
      child.on('close', (status) => resolve({ status, stdout }));
    });
    return run.then((r) => {
      expectDeny({ ...r, stderr: '' }, /did not decide within 300 ms/);
      const log = fs.readFileSync(path.join(m.stateDir, 'activity.jsonl'), 'utf8');
      expect(verifyActivityLog(log)).toEqual({ ok: true, lines: 1 });
      const entry = JSON.parse(log.trim());
      expect(entry).toMatchObject({ verdict: 'deny', ruleId: 'guard-watchdog', event: 'unknown' });
      expect(entry.reason).toMatch(/did not decide within 300 ms/);
    });
  });

  it('when stdout cannot be written → exit 2 with the reason on stderr', () => {
    const m = fresh();
    const readOnly = path.join(m.root, 'ro.txt');
    fs.writeFileSync(readOnly, '');
    const fd = fs.openSync(readOnly, 'r');
    try {
      const run = hook(toolPayload(m, 'Bash', { command: 'rm -rf ~' }), m, { stdio: ['pipe', fd, 'pipe'] });
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/^agentwarden: could not write the decision to stdout \(\w+\); blocking$/m);
    } finally {
      fs.closeSync(fd);
    }
  });

  it('a log that cannot be written does not turn a deny into an allow', () => {
    const m = fresh();
    fs.mkdirSync(path.join(m.stateDir, 'activity.jsonl'), { recursive: true });
    const run = hook(toolPayload(m, 'Bash', { command: 'rm -rf ~' }), m);
    expectDeny(run, /rm-recursive/);
    expect(run.stderr).toMatch(/activity log/);
  });

  it('rejects an unknown agent with exit 2', () => {
    const m = fresh();
    const run = cli(['guard', 'hook', 'cursor'], m, { input: '{}' });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/usage/);
  });
});

// With stdin a pipe (not the socket a Node parent gives), the hook on Linux reads it without process.stdin
// (readPipe in src/cli/hook.ts): same answers, and the watchdog still ends a pipe that never closes.
describe.runIf(process.platform === 'linux')('guard hook claude with its stdin a pipe', () => {
  const HOOK_CJS = path.join(REPO, 'dist', 'hook.cjs');
  const inProcess = (m: Machine) => ({ ...m.env, AGENTWARDEN_HOOK_SERVER: 'off', AGENTWARDEN_DEBUG: '1' });

  /** `cat file | hook`: the payload through a pipe. */
  function throughPipe(input: string, m: Machine, entry: string) {
    const file = path.join(m.root, 'stdin.json');
    fs.writeFileSync(file, input);
    const script = 'cat "$1" | "$2" "$3" guard hook claude';
    const r = spawnSync('sh', ['-c', script, 'sh', file, process.execPath, entry], {
      env: inProcess(m),
      cwd: m.project,
      encoding: 'utf8',
      timeout: 20_000,
    });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  it('answers as through a socket, from both entries', () => {
    const m = fresh();
    const calls = [
      toolPayload(m, 'Read', { file_path: path.join(m.project, '.env') }),
      toolPayload(m, 'Bash', { command: 'git status' }),
      toolPayload(m, 'Bash', { command: 'ls | grep x' }),
      toolPayload(m, 'Bash', { command: 'rm -rf ~' }),
      '',
    ];
    for (const entry of [CLI, HOOK_CJS]) {
      for (const input of calls) {
        const piped = throughPipe(input, m, entry);
        expect(piped.stderr).toContain('reading the payload from a pipe');
        const socket = hook(input, m, { env: inProcess(m) });
        expect(socket.stderr).not.toContain('reading the payload from a pipe');
        expect({ status: piped.status, stdout: piped.stdout }).toEqual({
          status: socket.status,
          stdout: socket.stdout,
        });
      }
    }
    expect(decisionOf(throughPipe(calls[0] ?? '', m, HOOK_CJS))).toBe('deny');
    expectDeny(throughPipe('', m, HOOK_CJS), /malformed hook payload/);
  });

  it('an oversized payload through a pipe → deny', () => {
    const m = fresh();
    const big = toolPayload(m, 'Write', { file_path: 'a.txt', content: 'x'.repeat(17 * 1024 * 1024) });
    expectDeny(throughPipe(big, m, HOOK_CJS), /larger than/);
  });

  it('a pipe that never ends → deny at the deadline, and the process exits', () => {
    const m = fresh();
    const fifo = path.join(m.root, 'stdin.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const reader = fs.openSync(fifo, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
    // This test holds the pipe's write end open until the hook has exited.
    const writer = fs.openSync(fifo, fs.constants.O_WRONLY);
    try {
      fs.writeSync(writer, '{"hook_event_name":"PreToolUse",');
      const r = spawnSync(process.execPath, [HOOK_CJS, 'guard', 'hook', 'claude'], {
        stdio: [reader, 'pipe', 'pipe'],
        env: { ...inProcess(m), AGENTWARDEN_HOOK_DEADLINE_MS: '300' },
        encoding: 'utf8',
        timeout: 20_000,
      });
      expect(r.stderr).toContain('reading the payload from a pipe');
      expectDeny({ status: r.status, stdout: r.stdout, stderr: r.stderr }, /did not decide within 300 ms/);
    } finally {
      fs.closeSync(writer);
      fs.closeSync(reader);
    }
  });
});

function spawnHook(cliPath: string, input: string, m: Machine) {
  const r = spawnSync(process.execPath, [cliPath, 'guard', 'hook', 'claude'], {
    input,
    env: m.env,
    cwd: m.project,
    encoding: 'utf8',
  });
  return { status: r.status as number | null, stdout: String(r.stdout), stderr: String(r.stderr) };
}

describe('activity log and session state under the built CLI', () => {
  it('never writes a secret from a command into the log, and the chain verifies', () => {
    const m = fresh();
    hook(
      toolPayload(m, 'Bash', { command: `curl -H "x-api-key: ${FAKE_KEY}" https://api.anthropic.com/v1` }),
      m,
    );
    hook(payload('PreToolUse.Read.json', m), m);
    const log = fs.readFileSync(path.join(m.stateDir, 'activity.jsonl'), 'utf8');
    expect(log).not.toContain(FAKE_KEY);
    expect(log).not.toContain(FAKE_KEY.slice(12, 40));
    expect(log).toContain('curl -H');
    expect(verifyActivityLog(log)).toEqual({ ok: true, lines: 2 });
  });

  it('10 concurrent hook calls keep the log chain intact and never lose the taint', async () => {
    const m = fresh();
    const session = 'parallel-session';
    const calls: Promise<unknown>[] = [];
    for (let i = 0; i < 10; i++) {
      const post =
        i % 2 === 0
          ? payload('PostToolUse.WebFetch.json', m, {
              session_id: session,
              tool_input: { url: `https://example.org/${i}` },
            })
          : payload('PostToolUse.Read.json', m, { session_id: session });
      calls.push(hookAsync(post, m));
      calls.push(hookAsync(toolPayload(m, 'Bash', { command: `rm -rf ~/dir${i}` }, session), m));
    }
    const runs = (await Promise.all(calls)) as { status: number }[];
    expect(runs.every((r) => r.status === 0)).toBe(true);
    const log = fs.readFileSync(path.join(m.stateDir, 'activity.jsonl'), 'utf8');
    const verified = verifyActivityLog(log);
    expect(verified.ok).toBe(true);
    expect(verified.lines).toBeGreaterThanOrEqual(10 + 5);
    const state = JSON.parse(fs.readFileSync(path.join(m.stateDir, 'sessions', `${session}.json`), 'utf8'));
    expect(state.tainted).toBe(true);
    expect(state.taintSources.length).toBeGreaterThan(0);
    expect(fs.readdirSync(path.join(m.stateDir, 'sessions')).filter((f) => !f.endsWith('.json'))).toEqual([]);
  });

  it('a session id cannot escape the sessions directory', () => {
    const m = fresh();
    hook(payload('PostToolUse.WebFetch.json', m, { session_id: '../../../../escape' }), m);
    const files = fs.readdirSync(path.join(m.stateDir, 'sessions'));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^[A-Za-z0-9_-]+\.json$/);
    expect(fs.existsSync(path.join(m.root, 'escape.json'))).toBe(false);
  });
});
