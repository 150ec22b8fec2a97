/**
 * The real Claude Code CLI, offline: installed once from the npm registry into a cache outside the repo,
 * talking to a scripted mock of the Messages API on 127.0.0.1, run as an unprivileged user in a throwaway
 * home. Nothing here touches the real home or any network but the registry install and loopback.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export const CLAUDE_VERSION = '2.1.332';
export const CACHE = process.env.AGENTWARDEN_E2E_CACHE ?? '/tmp/agentwarden-e2e';
export const REPO = path.resolve(import.meta.dirname, '..', '..');
export const CLI = path.join(REPO, 'dist', 'cli.js');
const USER = 'awe2e';

/** The native binary the npm wrapper would exec (its postinstall is not needed to run it). */
function claudeBinary(dir: string): string | undefined {
  const arch = process.arch === 'arm64' ? 'arm64' : 'x64';
  const bin = path.join(dir, 'node_modules', '@anthropic-ai', `claude-code-linux-${arch}`, 'claude');
  return fs.existsSync(bin) ? bin : undefined;
}

/** Installs the pinned client once; returns its binary, or why it cannot run here. */
export function ensureClaude(): { bin: string } | { skip: string } {
  if (process.platform !== 'linux') return { skip: 'the e2e suite runs the Linux build of Claude Code' };
  const dir = path.join(CACHE, `claude-${CLAUDE_VERSION}`);
  const cached = claudeBinary(dir);
  if (cached) return { bin: cached };
  fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
  fs.writeFileSync(path.join(dir, 'package.json'), '{"name":"aw-e2e-claude","private":true}\n');
  const npm = spawnSync(
    'npm',
    ['install', '--no-audit', '--no-fund', '--ignore-scripts', `@anthropic-ai/claude-code@${CLAUDE_VERSION}`],
    { cwd: dir, encoding: 'utf8', timeout: 900_000 },
  );
  const bin = claudeBinary(dir);
  if (bin) return { bin };
  return {
    skip: `npm could not install @anthropic-ai/claude-code@${CLAUDE_VERSION}: ${npm.stderr.trim().split('\n').at(-1) ?? npm.error?.message}`,
  };
}

export interface RunAs {
  uid: number;
  gid: number;
  name: string;
}

/** Claude Code refuses bypass mode as root, and root would read any canary: run as a plain user. */
export function ensureUser(): RunAs | { skip: string } {
  const uid = process.getuid?.();
  if (uid === undefined) return { skip: 'no POSIX user ids here' };
  if (uid !== 0) return { uid, gid: process.getgid?.() ?? uid, name: os.userInfo().username };
  let line = lookup();
  if (!line) {
    const add = spawnSync('useradd', ['--no-create-home', '--shell', '/bin/sh', USER], { encoding: 'utf8' });
    if (add.status !== 0) return { skip: `cannot create a non-root user (${add.stderr.trim()})` };
    line = lookup();
  }
  if (!line) return { skip: 'useradd reported success but the user is missing' };
  const [, , u, g] = line.split(':');
  return { uid: Number(u), gid: Number(g), name: USER };
}

function lookup(): string | undefined {
  return fs
    .readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${USER}:`));
}

export interface ToolCall {
  name: string;
  input: Record<string, unknown>;
}

/**
 * A Messages API that answers the first turn of a session with the scripted tool calls, and every later
 * turn (after the tool results) with plain text. Side requests without tools (titles, summaries) get text.
 */
export interface MockApi {
  url: string;
  script(calls: ToolCall[]): void;
  /** Every tool_result the client sent back, in order. */
  toolResults: { content: string; isError: boolean }[];
  close(): Promise<void>;
}

export async function startMockApi(): Promise<MockApi> {
  let calls: ToolCall[] = [];
  const toolResults: MockApi['toolResults'] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => {
      body += d;
    });
    req.on('end', () => {
      if (!req.url?.startsWith('/v1/messages') || req.method !== 'POST') {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end('{"type":"error","error":{"type":"not_found_error","message":"mock"}}');
        return;
      }
      if (req.url.startsWith('/v1/messages/count_tokens')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"input_tokens":10}');
        return;
      }
      const request = JSON.parse(body) as {
        stream?: boolean;
        tools?: { name: string }[];
        messages: { role: string; content: unknown }[];
      };
      const last = request.messages.at(-1);
      const results = Array.isArray(last?.content)
        ? (last.content as { type: string; content?: unknown; is_error?: boolean }[]).filter(
            (b) => b.type === 'tool_result',
          )
        : [];
      for (const r of results)
        toolResults.push({ content: JSON.stringify(r.content ?? ''), isError: r.is_error === true });
      const wantsTools = (request.tools?.length ?? 0) > 0 && results.length === 0;
      const blocks: Block[] = wantsTools
        ? calls.map((c, i) => ({
            type: 'tool_use' as const,
            id: `toolu_e2e_${i}`,
            name: c.name,
            input: c.input,
          }))
        : [{ type: 'text' as const, text: 'done' }];
      reply(res, blocks, wantsTools && calls.length > 0 ? 'tool_use' : 'end_turn', request.stream === true);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    script: (next) => {
      calls = next;
    },
    toolResults,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

type Block = { type: 'text'; text: string } | { type: 'tool_use'; id: string; name: string; input: unknown };

function reply(res: http.ServerResponse, blocks: Block[], stopReason: string, stream: boolean): void {
  const message = {
    id: 'msg_e2e',
    type: 'message',
    role: 'assistant',
    model: 'claude-sonnet-4-5',
    stop_reason: null as string | null,
    stop_sequence: null,
    usage: { input_tokens: 10, output_tokens: 10 },
  };
  if (!stream) {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ...message, content: blocks, stop_reason: stopReason }));
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const send = (event: string, data: unknown) =>
    res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  send('message_start', { type: 'message_start', message: { ...message, content: [] } });
  blocks.forEach((b, index) => {
    if (b.type === 'text') {
      send('content_block_start', {
        type: 'content_block_start',
        index,
        content_block: { type: 'text', text: '' },
      });
      send('content_block_delta', {
        type: 'content_block_delta',
        index,
        delta: { type: 'text_delta', text: b.text },
      });
    } else {
      send('content_block_start', {
        type: 'content_block_start',
        index,
        content_block: { type: 'tool_use', id: b.id, name: b.name, input: {} },
      });
      send('content_block_delta', {
        type: 'content_block_delta',
        index,
        delta: { type: 'input_json_delta', partial_json: JSON.stringify(b.input) },
      });
    }
    send('content_block_stop', { type: 'content_block_stop', index });
  });
  send('message_delta', {
    type: 'message_delta',
    delta: { stop_reason: stopReason, stop_sequence: null },
    usage: { output_tokens: 10 },
  });
  send('message_stop', { type: 'message_stop' });
  res.end();
}

export interface Sandbox {
  root: string;
  home: string;
  project: string;
  outside: string;
  env: NodeJS.ProcessEnv;
}

/** A throwaway home with canaries in it, owned by the test user, and a project inside it. */
export function sandbox(user: RunAs, api: Pick<MockApi, 'url'>): Sandbox {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-e2e-'));
  fs.chmodSync(root, 0o755);
  const home = path.join(root, 'home');
  const project = path.join(home, 'work', 'app');
  const outside = path.join(home, 'keep');
  fs.mkdirSync(project, { recursive: true });
  fs.mkdirSync(path.join(home, '.ssh'), { recursive: true });
  fs.mkdirSync(outside, { recursive: true });
  fs.writeFileSync(path.join(home, '.bashrc'), '# canary rc\n');
  fs.writeFileSync(path.join(home, '.ssh', 'id_rsa'), 'FAKE-E2E-KEY-CANARY\n');
  fs.writeFileSync(path.join(outside, 'precious.txt'), 'keep me\n');
  fs.writeFileSync(path.join(project, 'README.md'), '# app\n');
  spawnSync('chown', ['-R', `${user.uid}:${user.gid}`, root]);
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    USER: user.name,
    LOGNAME: user.name,
    SHELL: '/bin/bash',
    ANTHROPIC_BASE_URL: api.url,
    ANTHROPIC_API_KEY: 'sk-ant-e2e-fake',
    DISABLE_TELEMETRY: '1',
    DISABLE_ERROR_REPORTING: '1',
    DISABLE_AUTOUPDATER: '1',
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    NO_PROXY: '127.0.0.1',
    TMPDIR: root,
  };
  return { root, home, project, outside, env };
}

export interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** Asynchronous: the mock API answers from this same process, so a blocking spawn would deadlock. */
export function asUser(
  user: RunAs,
  file: string,
  args: string[],
  box: Sandbox,
  timeout = 120_000,
): Promise<Ran> {
  return new Promise((resolve) => {
    const child = spawn(file, args, {
      cwd: box.project,
      env: box.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(process.getuid?.() === 0 && { uid: user.uid, gid: user.gid }),
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeout);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr, timedOut });
    });
  });
}
