// A warm helper for `guard hook claude`: one long-lived process per state dir keeps the policy modules and
// the tree-sitter parser loaded, and answers hook calls over a Unix socket. The hook process stays the
// authority on failure: no answer, a late answer or a malformed one and it decides in-process (fail closed).
// Trust: the socket is 0600 in the user's state dir, which the policy protects from the agent. A process of
// the same user that could bind its own server there could equally rewrite the policy file; the helper adds
// no power the user's account does not already have. AGENTWARDEN_HOOK_SERVER=off turns the helper off.
import * as fs from 'node:fs';
import type * as net from 'node:net';
import * as path from 'node:path';
import type { Env } from '../../guard/engine.js';
import type { HookResult } from './handle.js';
import { MAX_PAYLOAD_BYTES } from './payload.js';

export const SERVER_PROTOCOL = 1;

/** The environment variables the guard reads; nothing else (API keys, tokens) is sent to the server. */
const FORWARDED_ENV = [
  'HOME',
  'XDG_CONFIG_HOME',
  'XDG_STATE_HOME',
  'CLAUDE_CONFIG_DIR',
  'CLAUDE_PROJECT_DIR',
  'container',
];

export interface HookRequest {
  protocol: number;
  /** Which build asked: a server from another build (upgrade, rebuild) must not answer for it. */
  build: string;
  home: string;
  cwd: string;
  env: Record<string, string>;
  payload: string;
}

export type HookReply = ({ ok: true } & HookResult) | { ok: false; error: string };

/** Unix socket paths are limited to 107 bytes; past that there is no server, only in-process answers. */
export function serverSocketPath(stateDir: string): string | undefined {
  const socket = path.join(stateDir, 'hook.sock');
  return Buffer.byteLength(socket) <= 100 ? socket : undefined;
}

export function forwardedEnv(env: Env): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of FORWARDED_ENV) {
    const value = env[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** An identity for the running bundle: version, file and its mtime, so a rebuilt file gets a new server. */
export function buildIdentity(version: string, scriptFile: string): string {
  let mtime = 0;
  try {
    mtime = fs.statSync(scriptFile).mtimeMs;
  } catch {
    // an unreadable script only makes the identity less specific
  }
  return `${version}:${scriptFile}:${mtime}`;
}

function readLine(socket: net.Socket, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    socket.on('data', (chunk: Buffer) => {
      const nl = chunk.indexOf(10);
      chunks.push(nl === -1 ? chunk : chunk.subarray(0, nl));
      size += chunk.length;
      if (nl !== -1) resolve(Buffer.concat(chunks).toString('utf8'));
      else if (size > limit) reject(new Error('message too large'));
    });
    socket.on('end', () => reject(new Error('connection closed before a full message')));
    socket.on('error', reject);
  });
}

export type ClientResult =
  | { answered: true; result: HookResult }
  | { answered: false; why: string; noServer: boolean };

/** Loaded on use: a hook call that decides in-process (helper off, or no socket yet) never needs node:net. */
function loadNet(): Promise<typeof net> {
  return import('node:net');
}

/** Asks the server; never throws. `noServer` says whether starting one could help. */
export async function askServer(
  socketPath: string,
  request: HookRequest,
  timeoutMs: number,
): Promise<ClientResult> {
  // No socket file: the same answer a connection would give (ENOENT), without loading node:net.
  if (!fs.existsSync(socketPath)) return { answered: false, why: 'server: ENOENT', noServer: true };
  let netModule: typeof net;
  try {
    netModule = await loadNet();
  } catch (err) {
    return { answered: false, why: `server: ${(err as Error).message}`, noServer: false };
  }
  return new Promise((resolve) => {
    let settled = false;
    const finish = (r: ClientResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(r);
    };
    const timer = setTimeout(
      () => finish({ answered: false, why: 'server did not answer in time', noServer: false }),
      timeoutMs,
    );
    const socket = netModule.createConnection(socketPath);
    socket.on('error', (err: NodeJS.ErrnoException) => {
      const noServer = err.code === 'ENOENT' || err.code === 'ECONNREFUSED';
      finish({ answered: false, why: `server: ${err.code ?? err.message}`, noServer });
    });
    socket.on('connect', () => {
      socket.write(`${JSON.stringify(request)}\n`);
      readLine(socket, 64 * 1024 * 1024).then(
        (line) => {
          let reply: HookReply;
          try {
            reply = JSON.parse(line) as HookReply;
          } catch {
            return finish({ answered: false, why: 'server reply is not JSON', noServer: false });
          }
          if (!isReply(reply))
            return finish({ answered: false, why: 'server reply is malformed', noServer: false });
          if (!reply.ok) return finish({ answered: false, why: `server: ${reply.error}`, noServer: false });
          finish({ answered: true, result: { output: reply.output, warnings: reply.warnings } });
        },
        (err: Error) => finish({ answered: false, why: `server: ${err.message}`, noServer: false }),
      );
    });
  });
}

function isReply(value: unknown): value is HookReply {
  const r = value as Record<string, unknown>;
  if (typeof r !== 'object' || r === null) return false;
  if (r.ok === false) return typeof r.error === 'string';
  return (
    r.ok === true &&
    (r.output === null || (typeof r.output === 'object' && !Array.isArray(r.output))) &&
    Array.isArray(r.warnings) &&
    r.warnings.every((w) => typeof w === 'string')
  );
}

export interface ServerOptions {
  socketPath: string;
  build: string;
  /** Exit after this long without a request. */
  idleMs: number;
  handle(request: HookRequest): Promise<HookResult>;
  /** Called once the socket accepts connections. */
  onListening?(): void;
}

function isRequest(value: unknown): value is HookRequest {
  const r = value as Record<string, unknown>;
  return (
    typeof r === 'object' &&
    r !== null &&
    typeof r.protocol === 'number' &&
    typeof r.build === 'string' &&
    typeof r.home === 'string' &&
    typeof r.cwd === 'string' &&
    typeof r.payload === 'string' &&
    typeof r.env === 'object' &&
    r.env !== null &&
    Object.values(r.env).every((v) => typeof v === 'string')
  );
}

async function alive(socketPath: string): Promise<boolean> {
  const netModule = await loadNet();
  return new Promise((resolve) => {
    const s = netModule.createConnection(socketPath);
    s.on('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.on('error', () => resolve(false));
  });
}

/**
 * Serves until idle, until its socket file is removed or replaced (another server took over, or the state
 * dir was deleted), or until a request from another build arrives. Resolves when it has stopped.
 */
export async function runHookServer(opts: ServerOptions): Promise<void> {
  const { socketPath } = opts;
  // Never create the state dir: if it is gone (uninstalled, or a test's temp home), there is nothing to serve.
  if (!fs.existsSync(path.dirname(socketPath))) return;
  if (await alive(socketPath)) return;
  fs.rmSync(socketPath, { force: true });
  let lastRequest = Date.now();
  let inode: number | undefined;
  let stopping = false;
  let stopped: (() => void) | undefined;
  const netModule = await loadNet();
  const server = netModule.createServer((socket) => {
    lastRequest = Date.now();
    readLine(socket, MAX_PAYLOAD_BYTES + 64 * 1024)
      .then(async (line) => {
        let request: unknown;
        try {
          request = JSON.parse(line);
        } catch {
          request = undefined;
        }
        let reply: HookReply;
        if (!isRequest(request)) reply = { ok: false, error: 'malformed request' };
        else if (request.protocol !== SERVER_PROTOCOL || request.build !== opts.build) {
          reply = { ok: false, error: 'server is from another build' };
          stop();
        } else reply = { ok: true, ...(await opts.handle(request)) };
        socket.end(`${JSON.stringify(reply)}\n`);
      })
      .catch(() => socket.destroy());
  });
  const stop = () => {
    if (stopping) return;
    stopping = true;
    clearInterval(watch);
    server.close();
    stopped?.();
    try {
      if (fs.statSync(socketPath).ino === inode) fs.rmSync(socketPath, { force: true });
    } catch {
      // already gone
    }
  };
  const watch = setInterval(() => {
    let current: number | undefined;
    try {
      current = fs.statSync(socketPath).ino;
    } catch {
      current = undefined;
    }
    if (current !== inode || Date.now() - lastRequest > opts.idleMs) stop();
  }, 1000);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => resolve());
  });
  fs.chmodSync(socketPath, 0o600);
  inode = fs.statSync(socketPath).ino;
  opts.onListening?.();
  // Resolves once stopped; connections still open then are cut (their hooks decide in-process).
  await new Promise<void>((resolve) => {
    server.once('close', () => resolve());
    stopped = resolve;
  });
}

/** Stops a running helper by removing its socket (it exits within a second when its socket is gone). */
export function stopHookServer(socketPath: string): boolean {
  try {
    if (!fs.lstatSync(socketPath).isSocket()) return false;
    fs.rmSync(socketPath, { force: true });
    return true;
  } catch {
    return false;
  }
}

export function hookServerRunning(socketPath: string): boolean {
  try {
    return fs.lstatSync(socketPath).isSocket();
  } catch {
    return false;
  }
}
