import { execFile } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { type FileSystem, nodeFileSystem } from './files.js';

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a program (no shell). Implementations never throw: a missing program gives code 127. */
export type CommandRunner = (
  cmd: string,
  args: string[],
  opts?: { timeoutMs?: number },
) => Promise<CommandResult>;

/** Everything a check may look at. Checks never touch fs/process directly, so tests run on fixtures. */
export interface AuditContext {
  home: string;
  project: string;
  env: Readonly<Record<string, string | undefined>>;
  platform: NodeJS.Platform;
  /** Prefix for absolute system paths (/etc/...): '/' on a real machine, a fixture dir in tests. */
  systemRoot: string;
  fs: FileSystem;
  run: CommandRunner;
  now: Date;
  /** Per-audit memo so checks can share parsed state (e.g. effective settings). */
  memo<T>(key: string, compute: () => T): T;
}

export function systemPath(ctx: Pick<AuditContext, 'systemRoot'>, absolute: string): string {
  return ctx.systemRoot === '/' ? absolute : path.join(ctx.systemRoot, absolute);
}

export const nodeCommandRunner: CommandRunner = (cmd, args, opts) =>
  new Promise((resolve) => {
    execFile(
      cmd,
      args,
      { timeout: opts?.timeoutMs ?? 5000, maxBuffer: 4 * 1024 * 1024, encoding: 'utf8' },
      (err, stdout, stderr) => {
        if (!err) return resolve({ code: 0, stdout, stderr });
        const e = err as NodeJS.ErrnoException & { code?: string | number };
        const code = typeof e.code === 'number' ? e.code : e.code === 'ENOENT' ? 127 : 1;
        resolve({ code, stdout: stdout ?? '', stderr: stderr ?? String(err.message) });
      },
    );
  });

export function createMemo(): AuditContext['memo'] {
  const store = new Map<string, unknown>();
  return <T>(key: string, compute: () => T): T => {
    if (!store.has(key)) store.set(key, compute());
    return store.get(key) as T;
  };
}

export interface ContextOptions {
  home?: string;
  project?: string;
  env?: Record<string, string | undefined>;
  platform?: NodeJS.Platform;
  systemRoot?: string;
  fs?: FileSystem;
  run?: CommandRunner;
  now?: Date;
}

/**
 * The environment to audit `home` with. Auditing another home than the invoking user's (`--home`), the
 * invoker's $CLAUDE_CONFIG_DIR and XDG dirs point at the invoker's files, not at that home's: drop them.
 */
export function envForHome(
  env: Readonly<Record<string, string | undefined>>,
  home: string,
  invokerHome: string,
): Record<string, string | undefined> {
  if (path.resolve(home) === path.resolve(invokerHome)) return { ...env };
  const { CLAUDE_CONFIG_DIR: _c, XDG_CONFIG_HOME: _x, XDG_STATE_HOME: _s, ...rest } = env;
  return { ...rest, HOME: home };
}

export function createContext(opts: ContextOptions = {}): AuditContext {
  return {
    home: path.resolve(opts.home ?? os.homedir()),
    project: path.resolve(opts.project ?? process.cwd()),
    env: opts.env ?? process.env,
    platform: opts.platform ?? process.platform,
    systemRoot: opts.systemRoot ?? '/',
    fs: opts.fs ?? nodeFileSystem,
    run: opts.run ?? nodeCommandRunner,
    now: opts.now ?? new Date(),
    memo: createMemo(),
  };
}
