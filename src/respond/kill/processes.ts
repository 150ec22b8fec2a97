import * as fs from 'node:fs';
import * as path from 'node:path';

/** The process table, read from /proc (a fixture directory in tests). */
export interface ProcReader {
  pids(): number[];
  /** argv from /proc/<pid>/cmdline; undefined when the process is gone or unreadable. */
  argv(pid: number): string[] | undefined;
  ppid(pid: number): number | undefined;
  /** Running (not gone, not a zombie waiting to be reaped). */
  alive(pid: number): boolean;
}

function statFields(root: string, pid: number): string[] | undefined {
  try {
    const text = fs.readFileSync(path.join(root, String(pid), 'stat'), 'utf8');
    // The command name in parentheses may hold spaces and parentheses: split after the last ')'.
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

export function procfsReader(root = '/proc'): ProcReader {
  return {
    pids: () => {
      try {
        return fs
          .readdirSync(root)
          .filter((n) => /^\d+$/.test(n))
          .map(Number);
      } catch {
        return [];
      }
    },
    argv: (pid) => {
      try {
        const raw = fs.readFileSync(path.join(root, String(pid), 'cmdline'), 'utf8');
        const argv = raw.split('\0');
        if (argv[argv.length - 1] === '') argv.pop();
        return argv.length > 0 ? argv : undefined;
      } catch {
        return undefined;
      }
    },
    ppid: (pid) => {
      const ppid = Number(statFields(root, pid)?.[1]);
      return Number.isInteger(ppid) ? ppid : undefined;
    },
    alive: (pid) => {
      const state = statFields(root, pid)?.[0];
      return state !== undefined && state !== 'Z' && state !== 'X';
    },
  };
}

export type AgentKind = 'claude-code' | 'openclaw';

const INTERPRETERS = /^(?:node|nodejs|node\d+|bun)$/;
const CLAUDE_SCRIPT = /(?:^|\/)@anthropic-ai\/claude-code\/cli\.m?js$/;
const OPENCLAW_NAMES = new Set(['openclaw', 'openclaw.mjs', 'clawdbot', 'clawdbot.mjs']);
// Long-running OpenClaw commands: the gateway daemon and an agent run. `openclaw status` and the like are not.
const OPENCLAW_RUNS = new Set(['gateway', 'agent']);
// Global options that take a value before the subcommand (`openclaw --profile work gateway`).
const OPENCLAW_VALUE_OPTIONS = new Set(['--profile', '--log-level']);

/**
 * Which agent a command line is, from the executable or the script an interpreter runs, never from a name
 * appearing anywhere in it: `claude` (the native binary), `node …/@anthropic-ai/claude-code/cli.js`,
 * `openclaw gateway …` / `node …/openclaw.mjs gateway …`. `vim claude.txt` or `grep openclaw` are not agents.
 */
export function identifyAgent(argv: readonly string[]): AgentKind | undefined {
  const exe = path.basename(argv[0] ?? '');
  let rest = argv.slice(1);
  let program = exe;
  let script = '';
  if (INTERPRETERS.test(exe)) {
    const at = rest.findIndex((a) => !a.startsWith('-'));
    if (at === -1) return undefined;
    script = rest[at] ?? '';
    program = path.basename(script);
    rest = rest.slice(at + 1);
  }
  if (program === 'claude' || CLAUDE_SCRIPT.test(script)) return 'claude-code';
  if (OPENCLAW_NAMES.has(program)) {
    const sub = rest.find((a, i) => !a.startsWith('-') && !OPENCLAW_VALUE_OPTIONS.has(rest[i - 1] ?? ''));
    return sub !== undefined && OPENCLAW_RUNS.has(sub) ? 'openclaw' : undefined;
  }
  return undefined;
}

export interface AgentProcess {
  pid: number;
  kind: AgentKind;
  argv: string[];
}

/** Agent processes in the table, leaving out `exclude` (agentwarden itself and the shell that ran it). */
export function findAgentProcesses(reader: ProcReader, exclude: ReadonlySet<number>): AgentProcess[] {
  const found: AgentProcess[] = [];
  for (const pid of reader.pids()) {
    if (exclude.has(pid)) continue;
    const argv = reader.argv(pid);
    const kind = argv ? identifyAgent(argv) : undefined;
    if (argv && kind && reader.alive(pid)) found.push({ pid, kind, argv });
  }
  return found;
}

export type StopOutcome = 'terminated' | 'killed' | 'survived' | 'gone' | 'not permitted' | 'would stop';

export interface StopResult extends AgentProcess {
  outcome: StopOutcome;
}

export interface StopOptions {
  reader: ProcReader;
  signal(pid: number, sig: NodeJS.Signals): void;
  graceMs: number;
  sleep(ms: number): Promise<void>;
  now(): number;
}

async function waitGone(pids: number[], o: StopOptions, ms: number): Promise<Set<number>> {
  const deadline = o.now() + ms;
  let left = pids.filter((p) => o.reader.alive(p));
  while (left.length > 0 && o.now() < deadline) {
    await o.sleep(25);
    left = left.filter((p) => o.reader.alive(p));
  }
  return new Set(left);
}

/**
 * SIGTERM to every agent, SIGKILL to those still running after the grace period. Before SIGKILL the command
 * line is read again, so a pid reused by another program in between is left alone.
 */
export async function stopProcesses(procs: AgentProcess[], o: StopOptions): Promise<StopResult[]> {
  const outcome = new Map<number, StopOutcome>();
  for (const p of procs) {
    try {
      o.signal(p.pid, 'SIGTERM');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      outcome.set(p.pid, code === 'ESRCH' ? 'gone' : 'not permitted');
    }
  }
  const signalled = procs.filter((p) => !outcome.has(p.pid)).map((p) => p.pid);
  const stubborn = await waitGone(signalled, o, o.graceMs);
  for (const p of procs) {
    if (outcome.has(p.pid)) continue;
    if (!stubborn.has(p.pid)) {
      outcome.set(p.pid, 'terminated');
      continue;
    }
    const again = o.reader.argv(p.pid);
    if (!again || again.join('\0') !== p.argv.join('\0')) {
      outcome.set(p.pid, 'gone');
      continue;
    }
    try {
      o.signal(p.pid, 'SIGKILL');
      outcome.set(p.pid, 'killed');
    } catch (err) {
      outcome.set(p.pid, (err as NodeJS.ErrnoException).code === 'ESRCH' ? 'gone' : 'not permitted');
    }
  }
  const killed = procs.filter((p) => outcome.get(p.pid) === 'killed').map((p) => p.pid);
  const survivors = await waitGone(killed, o, 2000);
  return procs.map((p) => ({
    ...p,
    outcome: survivors.has(p.pid) ? 'survived' : (outcome.get(p.pid) ?? 'survived'),
  }));
}
