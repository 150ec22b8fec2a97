// The Claude Code hook entry: `agentwarden guard hook claude`. Runs on every tool call, so it loads only
// the adapter, the policy and (for non-trivial shell commands) the parser: no commander, no audit code.
// Whatever goes wrong, Claude Code must get a well-formed blocking answer (REFERENCE.md §2, §7): a deny
// as JSON with exit 0, or — when even that cannot be written — exit 2 with the reason on stderr.
import * as fs from 'node:fs';
import * as os from 'node:os';
import { failClosedOutput } from '../adapters/claude-code/handle.js';
import type { HookOutput } from '../adapters/claude-code/output.js';
import { MAX_PAYLOAD_BYTES } from '../adapters/claude-code/payload.js';
import { redactText } from '../core/redact.js';

/** Under the installed 10 s timeout, so Claude Code gets our deny rather than a timeout. */
const HOOK_DEADLINE_MS = 8000;

/** AGENTWARDEN_HOOK_DEADLINE_MS may shorten the deadline (tests), never lengthen it. */
function deadlineMs(env: NodeJS.ProcessEnv): number {
  const asked = Number(env.AGENTWARDEN_HOOK_DEADLINE_MS);
  return Number.isFinite(asked) && asked > 0 ? Math.min(asked, HOOK_DEADLINE_MS) : HOOK_DEADLINE_MS;
}

type StdinRead = { ok: true; text: string } | { ok: false; error: string };

function readStdin(limit: number): Promise<StdinRead> {
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
    process.stdin.on('end', () => resolve({ ok: true, text: Buffer.concat(chunks).toString('utf8') }));
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

function oneLine(text: string): string {
  return redactText(text.replace(/\s*[\r\n]+\s*/g, ' '));
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

/** Prints the answer; a failed write becomes exit 2, Claude Code's other way to block. */
function emit(output: HookOutput | null, fallbackReason: string): number {
  if (output === null) return 0;
  try {
    writeAllSync(1, Buffer.from(`${JSON.stringify(output)}\n`));
    return 0;
  } catch (err) {
    process.stderr.write(
      `agentwarden: ${oneLine(fallbackReason)} (stdout failed: ${(err as Error).message})\n`,
    );
    return 2;
  }
}

export async function runHookCommand(args: string[]): Promise<number> {
  if (args.length !== 1 || args[0] !== 'claude') {
    process.stderr.write('agentwarden: usage: agentwarden guard hook claude (the only supported agent)\n');
    return 2;
  }
  let payloadText: string | undefined;
  let answered = false;
  const answerOnce = (output: HookOutput | null, reason: string): number => {
    if (answered) return 0;
    answered = true;
    return emit(output, reason);
  };
  const deadline = deadlineMs(process.env);
  const watchdog = setTimeout(() => {
    const reason = `agentwarden guard did not decide within ${deadline} ms`;
    process.exit(answerOnce(failClosedOutput(eventOf(payloadText), reason), reason));
  }, deadline);
  watchdog.unref();
  try {
    const read = await readStdin(MAX_PAYLOAD_BYTES);
    const reason = read.ok ? '' : `malformed hook payload: ${read.error}`;
    if (!read.ok) return answerOnce(failClosedOutput(undefined, reason), reason);
    payloadText = read.text;
    const { runClaudeHook } = await import('../adapters/claude-code/run.js');
    const result = await runClaudeHook(read.text, {
      home: os.homedir(),
      env: process.env,
      cwd: process.cwd(),
    });
    for (const warning of result.warnings) process.stderr.write(`agentwarden: ${oneLine(warning)}\n`);
    return answerOnce(result.output, 'blocked by agentwarden');
  } catch (err) {
    const reason =
      `internal error: ${(err as Error)?.message ?? String(err)}`.split('\n')[0] ?? 'internal error';
    return answerOnce(failClosedOutput(eventOf(payloadText), reason), reason);
  } finally {
    clearTimeout(watchdog);
  }
}
