import { isSecretName } from '../scanners/secrets/names.js';
import { searchPatternIndex } from '../scanners/shell/search-pattern.js';
import type { SimpleCommand } from '../scanners/shell/types.js';
import type { Evaluation } from './decide.js';
import { normalizeAbsolute } from './glob.js';
import { excerpt, REFS } from './wording.js';

/*
 * Rules on the simple commands the shell analysis found, for what its effects do not say: the guard's own
 * CLI, Claude Code's config commands, recursive reads and copies of whole trees, and secrets printed from
 * the environment. Arguments are taken as the analysis gives them; nothing here parses shell.
 */

const PACKAGE_RUNNERS = new Set(['npx', 'bunx', 'pnpx']);
// `agentwarden` subcommands that change the guard or speak for the human; the agent may run the others.
const GUARD_CHANGING = [
  ['unlock'],
  ['attest'],
  ['checklist', 'attest'],
  ['guard', 'install'],
  ['guard', 'uninstall'],
  ['skills', 'lock'],
  ['init'],
];

/** The arguments after `agentwarden` when a command runs the guard's own CLI, directly or through npx. */
function guardCliArgs(command: SimpleCommand): string[] | undefined {
  if (command.name === 'agentwarden') return command.args;
  const runner =
    command.name !== null &&
    (PACKAGE_RUNNERS.has(command.name) ||
      (['pnpm', 'yarn', 'bun'].includes(command.name) &&
        ['dlx', 'exec', 'x'].includes(command.args[0] ?? '')));
  if (!runner) return undefined;
  const args = PACKAGE_RUNNERS.has(command.name ?? '') ? command.args : command.args.slice(1);
  const at = args.findIndex((a) => !a.startsWith('-'));
  return at !== -1 && /^agentwarden(?:@.*)?$/.test(args[at] ?? '') ? args.slice(at + 1) : undefined;
}

/** The guard's CLI and Claude Code's own config commands: ways around the file rules (CC-H3, CC-H2). */
function checkSelfCommands(ev: Evaluation, command: SimpleCommand): void {
  const guardArgs = guardCliArgs(command);
  if (guardArgs !== undefined) {
    const words = guardArgs.filter((a) => !a.startsWith('-'));
    const changing =
      GUARD_CHANGING.some((sub) => sub.every((w, i) => words[i] === w)) ||
      (words[0] === 'audit' && guardArgs.includes('--fix'));
    if (changing) {
      ev.fire(
        'self/guard-cli',
        'deny',
        `runs \`agentwarden ${excerpt(guardArgs.join(' '), 60)}\`, which changes the guard or answers for the human: only a human may`,
        REFS.self,
      );
    }
  }
  if (command.name === 'claude' && /^(mcp|config|plugin)$/.test(command.args[0] ?? '')) {
    if (!/^(list|get|serve)$/.test(command.args[1] ?? '')) {
      ev.fire(
        'self/claude-config',
        'ask',
        `runs \`claude ${excerpt(command.args.join(' '), 60)}\`, which changes Claude Code's configuration`,
        REFS.mcp,
      );
    }
  }
}

const SEARCHERS = new Set(['grep', 'egrep', 'fgrep', 'rg', 'ag', 'ack']);
const ALWAYS_RECURSIVE = new Set(['rg', 'ag', 'ack']);
const COPIERS = new Set(['cp', 'scp', 'rsync', 'tar', 'zip', '7z', 'bsdtar']);

function isRecursive(command: SimpleCommand): boolean {
  const name = command.name ?? '';
  if (ALWAYS_RECURSIVE.has(name) || name === 'rsync' || name === '7z') return true;
  return command.args.some((a) => {
    if (a === '--recursive' || a === '--create' || a === '--archive') return true;
    if (name === 'tar' && a === command.args[0] && /^[^-]*c/.test(a)) return true;
    return /^-[a-zA-Z]*[rR]/.test(a) || ((name === 'cp' || name === 'tar') && /^-[a-zA-Z]*[ac]/.test(a));
  });
}

/** Operands that name a place: `~`, `~/x`, absolute paths, `.` and relative paths with a slash. */
export function pathOperands(command: SimpleCommand, cwd: string, home: string): string[] {
  const out: string[] = [];
  for (const arg of command.args) {
    if (arg.startsWith('-') || arg.includes('$') || /^[a-z][a-z0-9+.-]*:\/\//i.test(arg)) continue;
    if (arg === '~' || arg.startsWith('~/')) out.push(normalizeAbsolute(`${home}/${arg.slice(1)}`));
    else if (arg.startsWith('/')) out.push(normalizeAbsolute(arg));
    else if (arg === '.' || arg === '..' || arg.startsWith('./') || arg.startsWith('../')) {
      out.push(normalizeAbsolute(`${cwd}/${arg}`));
    }
  }
  return out;
}

/**
 * A recursive search or copy reads every file below its operands: `grep -r x ~` prints lines of
 * ~/.aws/credentials, `cp -r ~ /tmp/b` makes a readable copy of ~/.ssh.
 */
function checkTreeReads(ev: Evaluation, command: SimpleCommand): void {
  const name = command.name ?? '';
  const searching = SEARCHERS.has(name);
  if ((!searching && !COPIERS.has(name)) || !isRecursive(command)) return;
  const credentials = ev.verdictOf('credentials');
  const verdict = searching && credentials !== 'allow' ? 'ask' : credentials;
  for (const p of pathOperands(command, ev.action.cwd, ev.env.home)) {
    ev.checkCovers(p, searching ? `\`${name}\` searches the contents of` : `\`${name}\` copies`, verdict);
  }
}

const PRINTERS = new Set(['echo', 'printf', 'printenv']);

/** Printing a secret from the environment puts it in the transcript (PR-3): the credentials cell decides. */
function checkEnvSecrets(ev: Evaluation, command: SimpleCommand): void {
  if (!PRINTERS.has(command.name ?? '')) return;
  const names =
    command.name === 'printenv'
      ? command.args.filter((a) => !a.startsWith('-'))
      : command.args.flatMap((a) => [...a.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1] ?? ''));
  const secret = names.find(isSecretName);
  if (!secret) return;
  const verdict = ev.verdictOf('credentials');
  ev.fire(
    'credentials/env-secret',
    verdict,
    `prints $${secret} from the environment (${ev.roleNote('credentials')})`,
    REFS.secret,
  );
  ev.sideEffects.push(`prints $${secret}`);
}

function operandPath(arg: string, cwd: string, home: string): string | undefined {
  if (arg === '' || arg.length > 1024 || arg.startsWith('-') || arg.includes('$')) return undefined;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(arg)) return undefined;
  if (arg === '~' || arg.startsWith('~/')) return normalizeAbsolute(`${home}/${arg.slice(1)}`);
  return normalizeAbsolute(arg.startsWith('/') ? arg : `${cwd}/${arg}`);
}

/**
 * A plain read has no effect of its own, so an operand that is a symlink (`cat keys/config` with keys ->
 * ~/.ssh) is checked where it really leads. Only with an adapter that can tell (`realPath`).
 */
function checkLinkedOperands(ev: Evaluation, command: SimpleCommand): void {
  const { realPath, home } = ev.env;
  if (!realPath) return;
  for (const arg of command.args.slice(0, 64)) {
    const abs = operandPath(arg, ev.action.cwd, home);
    const real = abs === undefined ? undefined : realPath(abs);
    if (real !== undefined && normalizeAbsolute(real) !== abs) ev.checkPath(real, 'read');
  }
}

/** Commands that print, copy or pack the files they are given: what they read leaves the file. */
const PLAIN_READERS = new Set([
  'cat',
  'tac',
  'nl',
  'less',
  'more',
  'head',
  'tail',
  'bat',
  'batcat',
  'jq',
  'yq',
  'strings',
  'grep',
  'egrep',
  'fgrep',
  'rg',
  'ag',
  'awk',
  'sed',
  'cut',
  'sort',
  'uniq',
  'diff',
  'xxd',
  'od',
  'hexdump',
  'base64',
  'base32',
  'cp',
  'tar',
  'zip',
  'gzip',
  'bzip2',
  'xz',
  'vim',
  'vi',
  'nano',
  'emacs',
  'code',
  'source',
  '.',
]);

/**
 * The shell analyzer knows the usual credential files; the policy's protected paths are longer and the
 * user adds to them. What a plain reader is given, and any `< file`, is checked against them too.
 */
function checkReadOperands(ev: Evaluation, command: SimpleCommand): void {
  const { cwd } = ev.action;
  const { home } = ev.env;
  const name = command.name ?? '';
  const pattern = searchPatternIndex(name, command.args);
  let words = PLAIN_READERS.has(name) ? command.args.slice(0, 64).filter((_, i) => i !== pattern) : [];
  // cp's last operand is where the copy goes: a write, which the analyzer reports.
  if (name === 'cp') words = words.slice(0, -1);
  // `sed -i` edits the file where it is and prints none of it, unless its script writes out (`w`) or runs (`e`).
  if (
    (name === 'sed' || name === 'gsed') &&
    words.some((a) => /^(-[a-zA-Z]*i|--in-place)/.test(a)) &&
    !words.some((a) => /(^|[;\s}])[wWe](\s|$)|\/dev\/|\/proc\//.test(a))
  )
    words = [];
  const inputs = command.redirects.filter((r) => r.op === '<' || r.op === '<>').map((r) => r.target);
  for (const arg of [...words, ...inputs]) {
    const p = operandPath(arg, cwd, home);
    if (p) ev.checkPath(p, 'read');
  }
}

export function checkCommands(ev: Evaluation, commands: readonly SimpleCommand[]): void {
  for (const command of commands) {
    checkReadOperands(ev, command);
    checkLinkedOperands(ev, command);
    checkSelfCommands(ev, command);
    checkTreeReads(ev, command);
    checkEnvSecrets(ev, command);
  }
}
