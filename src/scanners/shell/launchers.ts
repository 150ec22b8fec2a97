import { posix } from 'node:path';
import type { SimpleCommand } from './types.js';

/** A command that fetches a package or image from a registry and runs it. */
export interface PackageLaunch {
  /** As it would be written: `npx`, `pnpm dlx`, `uvx`, `pipx run`, `uv tool run`, `docker`, … */
  launcher: string;
  registry: 'npm' | 'python' | 'container';
  /** What follows the launcher (and its subcommand): options, then the package or image, then its own args. */
  args: string[];
}

const NPM_RUNNERS = new Set(['npx', 'bunx', 'pnpx']);

/** Whether one simple command (after the analyser unwrapped sudo, env, sh -c, …) is a package launch. */
export function packageLaunch(cmd: Pick<SimpleCommand, 'name' | 'args'>): PackageLaunch | undefined {
  if (cmd.name === null) return undefined;
  let base = posix.basename(cmd.name.replace(/\\/g, '/'));
  let rest = cmd.args;
  // Windows configs wrap the launcher, which cmd.exe then runs: `cmd /c npx -y pkg`.
  if (/^cmd(?:\.exe)?$/i.test(base) && /^\/c$/i.test(rest[0] ?? '')) {
    base = posix.basename((rest[1] ?? '').replace(/\\/g, '/')).replace(/\.(?:cmd|exe)$/i, '');
    rest = rest.slice(2);
  }
  // Windows spells the same launchers npx.cmd, uvx.exe, …
  base = base.replace(/\.(?:cmd|exe)$/i, '');
  const sub = rest[0] ?? '';
  if (NPM_RUNNERS.has(base)) return { launcher: base, registry: 'npm', args: rest };
  if (base === 'bun' && sub === 'x') return { launcher: 'bun x', registry: 'npm', args: rest.slice(1) };
  if (/^(?:npm|pnpm|yarn)$/.test(base) && /^(?:exec|dlx|x)$/.test(sub))
    return { launcher: `${base} ${sub}`, registry: 'npm', args: rest.slice(1) };
  if (base === 'uvx') return { launcher: base, registry: 'python', args: rest };
  if (base === 'pipx' && sub === 'run')
    return { launcher: 'pipx run', registry: 'python', args: rest.slice(1) };
  if (base === 'uv' && sub === 'tool' && rest[1] === 'run')
    return { launcher: 'uv tool run', registry: 'python', args: rest.slice(2) };
  if ((base === 'docker' || base === 'podman') && sub === 'run')
    return { launcher: base, registry: 'container', args: rest.slice(1) };
  return undefined;
}

/** Launcher options that take the next word (so it is not read as the package). */
const LAUNCHER_VALUE_OPTS = new Set([
  '-p',
  '--package',
  '-c',
  '--call',
  '--from',
  '--with',
  '--python',
  '--dir',
]);
/** Runners of a project's own binaries: `yarn prisma …`, `pnpm rimraf dist`, `bundle exec rails …`. */
const BIN_RUNNERS: Readonly<Record<string, RegExp>> = {
  yarn: /^run$/,
  pnpm: /^run$/,
  bundle: /^exec$/,
};

/**
 * The program a package runner starts, its version dropped, and the arguments it is given (a suffix of the
 * command's): a package launched from a registry (`npx -y prisma@5 migrate reset`, `npx -p pkg bin …` names
 * pkg) or a project binary (`yarn rimraf dist`, `bundle exec rails db:drop`). Images are not programs here.
 */
export function runnerTarget(
  cmd: Pick<SimpleCommand, 'name' | 'args'>,
): { name: string; args: string[] } | undefined {
  const launch = packageLaunch(cmd);
  let args: string[];
  if (launch) {
    if (launch.registry === 'container') return undefined;
    args = launch.args;
  } else {
    const base = posix.basename(cmd.name ?? '');
    const verb = Object.hasOwn(BIN_RUNNERS, base) ? BIN_RUNNERS[base] : undefined;
    if (verb === undefined) return undefined;
    args = verb.test(cmd.args[0] ?? '') ? cmd.args.slice(1) : cmd.args;
  }
  let at = 0;
  let named: string | undefined; // `npx -p pkg bin …`, `uvx --from pkg bin …`: the package, whose bin follows
  for (; at < args.length && (args[at] as string).startsWith('-'); at++) {
    const [opt, value] = (args[at] as string).split(/=(.*)/s);
    if (value === undefined && LAUNCHER_VALUE_OPTS.has(opt as string)) at++;
    if (/^(-p|--package|--from)$/.test(opt as string)) named = value ?? args[at];
  }
  const target = named ?? args[at];
  if (target === undefined) return undefined;
  return { name: target.replace(/(?<=.)@[^/@]*$/, ''), args: args.slice(at + 1) };
}

/** Single-quotes a word for the shell, so text given as an argv element is analysed as one word. */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * Shell text for a program started with an argv (MCP servers, hooks with `args`): the command itself may be
 * a whole command line (`npx -y pkg`), so it is kept as written unless it is a single word.
 */
export function launchCommandLine(command: string, args: readonly string[]): string {
  const head = /\s/.test(command.trim()) ? command : shellQuote(command);
  return [head, ...args.map(shellQuote)].join(' ');
}
