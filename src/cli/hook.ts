// The Claude Code hook entry: `agentwarden guard hook claude`. Runs on every tool call, so it loads as
// little as it can: a call the warm helper answers needs only the socket client; the policy engine, the
// secret detector and (for non-trivial shell commands) the parser load only when deciding in-process.
// Whatever goes wrong, Claude Code must get a well-formed blocking answer (REFERENCE.md §2, §7): a deny
// as JSON with exit 0, or — when even that cannot be written — exit 2 with the reason on stderr.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HookResult } from '../adapters/claude-code/handle.js';
import type { HookOutput } from '../adapters/claude-code/output.js';
import { decodePayload, MAX_PAYLOAD_BYTES } from '../adapters/claude-code/payload.js';
import {
  askServer,
  buildIdentity,
  forwardedEnv,
  SERVER_PROTOCOL,
  serverSocketPath,
} from '../adapters/claude-code/server.js';
import type { OpenClawAnswer } from '../adapters/openclaw/handle.js';
import { agentwardenPaths } from '../core/paths.js';
import { VERSION } from '../core/version.js';
import { type ClaudeEngine, ENGINE_FILE, loadEngine, readEngine } from './hook-engine.js';

/** Under the installed 10 s timeout, so Claude Code gets our deny rather than a timeout. */
const HOOK_DEADLINE_MS = 8000;

/** How long to wait for the warm helper before deciding in-process. */
const SERVER_TIMEOUT_MS = 1500;
/** The helper exits after this long without a call. */
const SERVER_IDLE_MS = 15 * 60 * 1000;

/** Environment overrides may shorten a limit (tests), never lengthen it. */
function limitMs(value: string | undefined, max: number): number {
  const asked = Number(value);
  return Number.isFinite(asked) && asked > 0 ? Math.min(asked, max) : max;
}

function debug(message: string): void {
  if (process.env.AGENTWARDEN_DEBUG) process.stderr.write(`agentwarden: debug: ${message}\n`);
}

const BUILD = buildIdentity(VERSION, fileURLToPath(import.meta.url));

/**
 * Starts the warm helper in the background for the next calls. At most one start per 10 s per socket
 * (an O_EXCL marker), so a burst of parallel first calls does not start a crowd of servers.
 */
async function startServer(socketPath: string): Promise<void> {
  const marker = `${socketPath}.starting`;
  try {
    try {
      if (Date.now() - fs.statSync(marker).mtimeMs < 10_000) return;
      fs.rmSync(marker, { force: true });
    } catch {
      // no marker
    }
    fs.closeSync(fs.openSync(marker, 'wx', 0o600));
    const script = process.argv[1];
    if (!script) return;
    // Loaded only here: node:child_process costs ~3 ms to load on every call otherwise.
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, [script, 'guard', 'hook', 'claude', '--serve', socketPath], {
      detached: true,
      stdio: 'ignore',
      cwd: '/',
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.homedir() },
    });
    child.on('error', () => undefined);
    child.unref();
  } catch (err) {
    debug(`could not start the hook server: ${(err as Error).message}`);
  }
}

/** The helper process. It always ends by exiting: nothing it loaded may keep it alive once it stops serving. */
async function serve(socketPath: string): Promise<never> {
  process.umask(0o077);
  const startup = setTimeout(() => process.exit(3), 15_000);
  try {
    const { serveClaudeHooks } = await import('../adapters/claude-code/run.js');
    await serveClaudeHooks(socketPath, BUILD, SERVER_IDLE_MS, () => clearTimeout(startup));
    process.exit(0);
  } catch {
    process.exit(2);
  }
}

type StdinRead = { ok: true; text: string } | { ok: false; error: string };

/**
 * Reads a pipe on stdin without `process.stdin`, which loads `node:net` and the streams (issue 8, hook budget).
 * On Linux, opening /proc/self/fd/0 gives a new open file description of the same pipe, made non-blocking
 * without touching the caller's: it is read until its end into one buffer, trying again a millisecond later
 * whenever it is empty (then 2, 4 … up to MAX_POLL_MS while it stays so), so timers (the watchdog) still run and
 * the process can always exit. Undefined when stdin is not a pipe (a socket, as Node's child processes get, a
 * file, a terminal) or cannot be opened so.
 */
const MAX_POLL_MS = 16;

function readPipe(limit: number): Promise<StdinRead> | undefined {
  if (process.platform !== 'linux') return undefined;
  let fd: number;
  try {
    if (!fs.fstatSync(0).isFIFO()) return undefined;
    fd = fs.openSync('/proc/self/fd/0', fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch {
    return undefined;
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const buffer = Buffer.allocUnsafe(64 * 1024);
    let size = 0;
    // While the pipe stays empty, polls back off from 1 ms to MAX_POLL_MS (a writer slow to start costs no CPU).
    let wait = 1;
    const done = (read: StdinRead) => {
      fs.closeSync(fd);
      resolve(read);
    };
    const poll = () => {
      for (;;) {
        let n: number;
        try {
          n = fs.readSync(fd, buffer, 0, buffer.length, null);
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'EAGAIN')
            return done({ ok: false, error: `cannot read stdin: ${(err as Error).message}` });
          setTimeout(poll, wait);
          wait = Math.min(wait * 2, MAX_POLL_MS);
          return;
        }
        if (n === 0) return done(decodePayload(Buffer.concat(chunks, size)));
        wait = 1;
        size += n;
        if (size > limit) return done({ ok: false, error: `hook payload larger than ${limit} bytes` });
        chunks.push(Buffer.from(buffer.subarray(0, n)));
      }
    };
    poll();
  });
}

function readStdin(limit: number): Promise<StdinRead> {
  const piped = readPipe(limit);
  if (piped) {
    debug('reading the payload from a pipe');
    return piped;
  }
  return new Promise((resolve) => {
    if (process.stdin.isTTY)
      return resolve({ ok: false, error: 'no hook payload on stdin (it is a terminal)' });
    const chunks: Buffer[] = [];
    let size = 0;
    process.stdin.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        process.stdin.destroy();
        resolve({ ok: false, error: `hook payload larger than ${limit} bytes` });
        return;
      }
      chunks.push(chunk);
    });
    process.stdin.on('end', () => resolve(decodePayload(Buffer.concat(chunks))));
    process.stdin.on('error', (err) => resolve({ ok: false, error: `cannot read stdin: ${err.message}` }));
  });
}

function eventOf(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  try {
    const value = JSON.parse(text) as { hook_event_name?: unknown };
    return typeof value.hook_event_name === 'string' ? value.hook_event_name : undefined;
  } catch {
    return undefined;
  }
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Writes all of `data` to a file descriptor synchronously. The stdout pipe Claude Code gives us may be
 * non-blocking, and a redacted tool output can be larger than the pipe buffer: retry on EAGAIN and
 * continue after partial writes instead of losing the end of the JSON.
 */
function writeAllSync(fd: number, data: Buffer): void {
  let offset = 0;
  const deadline = Date.now() + 2000;
  while (offset < data.length) {
    try {
      offset += fs.writeSync(fd, data, offset, data.length - offset);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EAGAIN' || Date.now() > deadline) throw err;
      Atomics.wait(pause, 0, 0, 1);
    }
  }
}

/**
 * The first line of an error's message, redacted, for stderr or an answer. The secret redaction loads only on
 * this path (in the built hook: the secrets engine script beside the chunks, scripts/build.mjs); when even that
 * will not load, the message is withheld rather than shown unredacted.
 */
export async function redactedErrorLine(err: unknown): Promise<string> {
  const line = String((err as Error)?.message ?? err).split('\n')[0] ?? '';
  try {
    const { redactText } = await import('../core/redact.js');
    return redactText(line);
  } catch {
    return '(message withheld: the secret redaction would not load)';
  }
}

/** Prints the answer; a failed write becomes exit 2, Claude Code's other way to block. */
function emit(output: HookOutput | null): number {
  if (output === null) return 0;
  try {
    writeAllSync(1, Buffer.from(`${JSON.stringify(output)}\n`));
    return 0;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    process.stderr.write(`agentwarden: could not write the decision to stdout (${code}); blocking\n`);
    return 2;
  }
}

/** Logs the watchdog's deny after it is answered; loaded only then, and never in the way of the exit. */
async function logWatchdog(payload: string | undefined, reason: string): Promise<void> {
  try {
    const { logWatchdogDeny } = await import('../guard/watchdog-log.js');
    const error = logWatchdogDeny({ home: os.homedir(), env: process.env, payload, reason });
    if (error)
      process.stderr.write(`agentwarden: could not log the watchdog's deny: ${error.split('\n')[0]}\n`);
  } catch {
    // A broken install: the deny stands, unlogged.
  }
}

/** The blocking answer for what went wrong. Loaded lazily: the happy path never needs it. */
async function failClosed(event: string | undefined, reason: string): Promise<HookOutput | null> {
  try {
    const { failClosedOutput } = await import('../adapters/claude-code/output.js');
    return failClosedOutput(event, reason);
  } catch {
    // Even the fail-closed module will not load (broken install): exit 2 blocks just as well.
    throw new Error(reason);
  }
}

/**
 * The OpenClaw plugin's in-process entry: a plugin that can import this bundle calls it with the request it
 * would otherwise send to `guard hook openclaw`. Rejects only when agentwarden itself cannot load.
 */
export async function answerOpenClaw(text: string): Promise<OpenClawAnswer> {
  const { runOpenClawHook } = await import('../adapters/openclaw/run.js');
  // Inside OpenClaw the running script is openclaw's: the bundle to protect is the one this module is in.
  const here = path.dirname(fileURLToPath(import.meta.url));
  const installDir = [here, path.dirname(here)].find((d) => path.basename(d) === 'dist');
  const { answer, warnings } = await runOpenClawHook(text, {
    home: os.homedir(),
    env: process.env,
    ...(installDir ? { installDir } : {}),
  });
  for (const warning of warnings) debug(warning);
  return answer;
}

/** The plugin calls this once when it loads: the first tool call then finds agentwarden warm. */
export async function warmOpenClaw(): Promise<void> {
  const { warmOpenClawHook } = await import('../adapters/openclaw/run.js');
  await warmOpenClawHook();
}

/** `guard hook openclaw`: one request on stdin, one answer line on stdout; whatever fails answers a block. */
async function runOpenClawCommand(): Promise<number> {
  let answered = false;
  const answer = (value: OpenClawAnswer): number => {
    if (answered) return 0;
    answered = true;
    try {
      writeAllSync(1, Buffer.from(`${JSON.stringify(value)}\n`));
      return 0;
    } catch {
      // The plugin blocks on a non-zero exit just as on a block answer.
      return 2;
    }
  };
  const block = (why: string) =>
    answer({ block: true, blockReason: `agentwarden: ${why}; blocking (fail closed)` });
  const deadline = limitMs(process.env.AGENTWARDEN_HOOK_DEADLINE_MS, HOOK_DEADLINE_MS);
  let requestText: string | undefined;
  const watchdog = setTimeout(() => {
    const reason = `the guard did not decide within ${deadline} ms`;
    const code = block(reason);
    void logWatchdog(requestText, reason).then(() => process.exit(code));
  }, deadline);
  watchdog.unref();
  try {
    const read = await readStdin(MAX_PAYLOAD_BYTES);
    if (!read.ok) return block(`malformed OpenClaw request: ${read.error}`);
    requestText = read.text;
    const { runOpenClawHook } = await import('../adapters/openclaw/run.js');
    const result = await runOpenClawHook(read.text, { home: os.homedir(), env: process.env });
    for (const warning of result.warnings) process.stderr.write(`agentwarden: ${warning}\n`);
    return answer(result.answer);
  } catch (err) {
    return block(`internal error: ${await redactedErrorLine(err)}`);
  } finally {
    clearTimeout(watchdog);
  }
}

/**
 * The in-process engine: the built single-file engine beside this bundle (hook-engine.ts), else (running from
 * the sources) the modules themselves.
 */
const engineFile = () => path.join(path.dirname(fileURLToPath(import.meta.url)), ENGINE_FILE);

async function claudeEngine(): Promise<ClaudeEngine> {
  const file = engineFile();
  const source = readEngine(file);
  if (source === undefined) return import('../adapters/claude-code/run.js');
  const { engine, compiled } = loadEngine(file, source);
  debug(compiled ? 'engine compiled (no usable code cache)' : 'engine from its code cache');
  return engine;
}

/** Named in every answer that blames the guard's own files: the installed bundle can be put back. */
const REINSTALL = 'reinstall with `agentwarden guard install`';

export async function runHookCommand(args: string[]): Promise<number> {
  if (args.length === 3 && args[0] === 'claude' && args[1] === '--serve' && args[2]) return serve(args[2]);
  if (args.length === 2 && args[0] === 'claude' && args[1] === '--engine-cache') {
    // `guard install` only: writing the cache is a module of its own, never loaded by a tool call.
    const { engineCacheCommand } = await import('./hook-engine-cache.js');
    return engineCacheCommand(engineFile());
  }
  if (args.length === 1 && args[0] === 'openclaw') return runOpenClawCommand();
  if (args.length !== 1 || args[0] !== 'claude') {
    process.stderr.write('agentwarden: usage: agentwarden guard hook claude|openclaw\n');
    return 2;
  }
  let payloadText: string | undefined;
  // Who answered: the decision, or the watchdog (whose deny alone is logged as the watchdog's).
  let answered: 'decision' | 'watchdog' | undefined;
  const answerOnce = (output: HookOutput | null, by: 'decision' | 'watchdog' = 'decision'): number => {
    if (answered) return 0;
    answered = by;
    return emit(output);
  };
  const blockWith = async (
    event: string | undefined,
    reason: string,
    by: 'decision' | 'watchdog' = 'decision',
  ): Promise<number> => {
    try {
      return answerOnce(await failClosed(event, reason), by);
    } catch {
      if (answered) return 0;
      answered = by;
      process.stderr.write(
        `agentwarden: the guard could not decide (its files may be damaged; ${REINSTALL}); blocking\n`,
      );
      return 2;
    }
  };
  const deadline = limitMs(process.env.AGENTWARDEN_HOOK_DEADLINE_MS, HOOK_DEADLINE_MS);
  let startServerFor: string | undefined;
  const watchdog = setTimeout(() => {
    const reason = `agentwarden guard did not decide within ${deadline} ms`;
    void blockWith(eventOf(payloadText), reason, 'watchdog')
      .then(async (code) => {
        // The decision may have been answered while the fail-closed answer loaded: then no deny happened.
        if (answered === 'watchdog') await logWatchdog(payloadText, reason);
        return code;
      })
      .then((code) => process.exit(code));
  }, deadline);
  watchdog.unref();
  try {
    const read = await readStdin(MAX_PAYLOAD_BYTES);
    if (!read.ok) return await blockWith(undefined, `malformed hook payload: ${read.error}`);
    payloadText = read.text;
    const where = { home: os.homedir(), env: process.env, cwd: process.cwd() };
    let result: HookResult | undefined;
    const socketPath =
      process.env.AGENTWARDEN_HOOK_SERVER === 'off'
        ? undefined
        : serverSocketPath(agentwardenPaths(where.home, where.env).stateDir);
    if (socketPath) {
      const request = {
        protocol: SERVER_PROTOCOL,
        build: BUILD,
        ...where,
        env: forwardedEnv(where.env),
        payload: read.text,
      };
      const timeout = limitMs(process.env.AGENTWARDEN_HOOK_SERVER_TIMEOUT_MS, SERVER_TIMEOUT_MS);
      const asked = await askServer(socketPath, request, timeout);
      if (asked.answered) {
        debug('answered by the hook server');
        result = asked.result;
      } else {
        debug(`deciding in-process (${asked.why})`);
        if (asked.noServer) startServerFor = socketPath;
      }
    }
    if (!result) {
      const { runClaudeHook } = await claudeEngine();
      result = await runClaudeHook(read.text, where);
    }
    // Warnings arrive one line each and redacted (handleHook makes them so).
    for (const warning of result.warnings) process.stderr.write(`agentwarden: ${warning}\n`);
    return answerOnce(result.output);
  } catch (err) {
    return await blockWith(
      eventOf(payloadText),
      `internal error: ${await redactedErrorLine(err)} (${REINSTALL} if its files are damaged)`,
    );
  } finally {
    clearTimeout(watchdog);
    // After the answer is out: the helper only speeds up later calls.
    if (startServerFor) await startServer(startServerFor);
  }
}
