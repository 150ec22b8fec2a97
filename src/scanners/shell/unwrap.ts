import { posix } from 'node:path';
import { namesMatching } from './capabilities.js';
import type { Cmd } from './command.js';
import { findRoots } from './find-args.js';
import { evaluatesShellSetup } from './generated.js';
import { dynamicWord, literalWord, type RawCommand, type Redirect, type Word } from './model.js';
import { SHELLS } from './shells.js';
import { INPUT, knownInputs } from './xargs-input.js';

/** Options of each wrapper that take a value, so the value is not mistaken for the wrapped command. */
const VALUE_FLAGS: Record<string, ReadonlySet<string>> = {
  sudo: new Set([
    '-u',
    '-g',
    '-h',
    '-p',
    '-C',
    '-U',
    '-r',
    '-t',
    '-T',
    '-D',
    '-R',
    '--user',
    '--group',
    '--host',
  ]),
  doas: new Set(['-u', '-C']),
  pkexec: new Set(['--user']),
  env: new Set(['-u', '-C', '--unset', '--chdir', '-P']),
  nice: new Set(['-n', '--adjustment']),
  timeout: new Set(['-s', '-k', '--signal', '--kill-after']),
  stdbuf: new Set(['-i', '-o', '-e']),
  ionice: new Set(['-c', '-n', '-p', '-P', '-u']),
  exec: new Set(['-a']),
  xargs: new Set([
    '-I',
    '-n',
    '-P',
    '-L',
    '-d',
    '-E',
    '-s',
    '-a',
    '--max-args',
    '--max-procs',
    '--max-lines',
    '--delimiter',
    '--eof',
    '--arg-file',
    '--replace',
    '--max-chars',
  ]),
  parallel: new Set([
    '-j',
    '--jobs',
    '-S',
    '--sshlogin',
    '-a',
    '--arg-file',
    '--delay',
    '--timeout',
    '--joblog',
  ]),
  watch: new Set(['-n', '--interval', '-q', '--equexit']),
  setsid: new Set([]),
  chronic: new Set([]),
  unbuffer: new Set([]),
  caffeinate: new Set(['-t', '-w']),
  nohup: new Set([]),
  time: new Set(['-f', '-o', '--format', '--output']),
  builtin: new Set([]),
  command: new Set([]),
  flock: new Set(['-w', '-E', '--timeout', '--conflict-exit-code']),
  coproc: new Set([]),
  'railway run': new Set(['-s', '--service', '-e', '--environment']),
};

/**
 * Tools that run the command given after their own options (`poetry run`, `bundle exec`, `strace -f`,
 * `taskset -c 0`): the options that take a value, how many operands of their own come first, and the option
 * after which the command's words start (`nix develop -c cmd …`). After `--` the command always starts.
 */
interface Runner {
  flags?: readonly string[];
  operands?: number;
  commandAfter?: readonly string[];
}
const RUNNERS: Readonly<Record<string, Runner>> = {
  'poetry run': {},
  'pipenv run': {},
  'pdm run': {},
  'hatch run': {},
  'rye run': {},
  'uv run': {
    flags: [
      '--with',
      '--python',
      '-p',
      '--directory',
      '--project',
      '--env-file',
      '--package',
      '--extra',
      '--group',
    ],
  },
  'conda run': { flags: ['-n', '--name', '-p', '--prefix'] },
  'mamba run': { flags: ['-n', '--name', '-p', '--prefix'] },
  'micromamba run': { flags: ['-n', '--name', '-p', '--prefix'] },
  'pixi run': { flags: ['-e', '--environment', '--manifest-path'] },
  'bundle exec': {},
  'direnv exec': { operands: 1 },
  'mise exec': { flags: ['-C', '--cd', '-j', '--jobs'] },
  'mise x': { flags: ['-C', '--cd', '-j', '--jobs'] },
  'asdf exec': {},
  'devbox run': { flags: ['-c', '--config', '-e', '--env'] },
  'nix develop': { commandAfter: ['-c', '--command'] },
  'aws-vault exec': { operands: 1, flags: ['-d', '--duration', '--region', '-t', '--mfa-token'] },
  'chamber exec': { commandAfter: ['--'] },
  'teller run': {},
  'env-cmd': { flags: ['-f', '--file', '-e', '--environments', '-r', '--rc-file'] },
  'cross-env': {},
  firejail: {},
  fakeroot: { flags: ['-l', '--lib', '--faked', '-s', '-i'] },
  proot: { flags: ['-r', '-b', '-w', '-q'] },
  strace: { flags: ['-o', '-e', '-p', '-s', '-u', '-E', '-P', '-a', '-b', '-I', '-O', '-S', '-X'] },
  ltrace: { flags: ['-o', '-e', '-p', '-s', '-u', '-a', '-A', '-D', '-F', '-n', '-x'] },
  valgrind: {},
  taskset: { operands: 1 },
  chrt: { operands: 1 },
  numactl: {},
  cgexec: { flags: ['-g'] },
  'xvfb-run': {
    flags: ['-n', '--server-num', '-s', '--server-args', '-f', '--auth-file', '-e', '--error-file'],
  },
  runuser: { flags: ['-u', '--user', '-g', '--group', '-G', '--supp-group', '-s', '--shell'] },
  gosu: { operands: 1 },
  'su-exec': { operands: 1 },
  chroot: { operands: 1, flags: ['--userspec', '--groups'] },
  'sandbox-exec': { flags: ['-f', '-n', '-p', '-D'] },
  arch: { flags: ['-arch', '-e'] },
  tini: {},
  'dumb-init': {},
};

/** fd's options that run a command on its matches, and those that take a value. */
const FD_EXEC = /^(-x|--exec|-X|--exec-batch)$/;
const FD_VALUE =
  /^(-t|--type|-e|--extension|-E|--exclude|-d|--max-depth|--min-depth|-S|--size|-j|--threads|--changed-within|--changed-before|-o|--owner|--search-path|--base-directory|-c|--color)$/;

/** CLIs whose `run` starts a command with the service's secrets in its environment. */
const SECRET_RUNNERS = new Set(['railway', 'doppler', 'op', 'infisical', 'dotenvx']);

/** Runs `source` (a string found in a command) through the analyser; `via` is the wrapper chain so far. */
export type Nested = (source: string, via: string[]) => void;

/**
 * Strips wrappers (sudo, env, nohup, timeout, xargs, find -exec, sh -c, eval, ...) and returns the commands
 * that actually run. Strings run by a shell are handed to `nested` and analysed as commands of their own.
 */
export function unwrap(raw: RawCommand, via: string[], nested: Nested): Cmd[] {
  const out: Cmd[] = [];
  let words = raw.words;
  const chain = [...via];
  let dynamicInput = false;
  const extraRedirects: Redirect[] = [];
  const make = (ws: Word[]): Cmd => {
    const first = ws[0] as Word;
    const name = first.literal ? first.value : null;
    return {
      name,
      base: name === null ? '' : posix.basename(name),
      args: ws.slice(1),
      via: [...chain],
      redirects: extraRedirects.length > 0 ? [...raw.redirects, ...extraRedirects] : raw.redirects,
      text: raw.text.trim(),
      raw,
      dynamicInput,
    };
  };
  for (let guard = 0; guard < 16 && words.length > 0; guard++) {
    let first = words[0] as Word;
    if (!first.literal) break;
    if (first.glob) {
      // `/bin/r? -rf ~`: bash runs whatever the pattern matches; judge it as each known command it can name.
      const names = namesMatching(posix.basename(first.value)).slice(0, MAX_GLOB_NAMES);
      if (names.length === 0) {
        words = [dynamicWord(first.text), ...words.slice(1)];
        break;
      }
      if (names.length > 1) {
        for (const name of names)
          out.push(...unwrap({ ...raw, words: [literalWord(name), ...words.slice(1)] }, chain, nested));
        return out;
      }
      first = literalWord(names[0] as string);
      words = [first, ...words.slice(1)];
    }
    const base = posix.basename(first.value);
    const rest = words.slice(1);
    if (base === 'command' && rest.some((w) => w.value === '-v' || w.value === '-V')) break;
    if (
      base === 'sudo' ||
      base === 'doas' ||
      base === 'pkexec' ||
      base === 'nohup' ||
      base === 'setsid' ||
      base === 'builtin'
    ) {
      const inner = skipFlags(rest, VALUE_FLAGS[base]);
      if (inner.length === 0) break;
      chain.push(base);
      words = inner;
      continue;
    }
    if (
      base === 'nice' ||
      base === 'stdbuf' ||
      base === 'ionice' ||
      base === 'chronic' ||
      base === 'unbuffer' ||
      base === 'caffeinate' ||
      base === 'time' ||
      base === 'command' ||
      base === 'exec' ||
      base === 'flock' ||
      base === 'coproc'
    ) {
      let inner = skipFlags(rest, VALUE_FLAGS[base]);
      if (base === 'flock') inner = inner.slice(1);
      if (inner.length === 0) break;
      chain.push(base);
      words = inner;
      continue;
    }
    if (base === 'timeout') {
      const inner = skipFlags(rest, VALUE_FLAGS.timeout).slice(1);
      if (inner.length === 0) break;
      chain.push(base);
      words = inner;
      continue;
    }
    if (base === 'env') {
      const glued = rest.find((w) => /^-[a-zA-Z]*S./.test(w.value) && !w.value.startsWith('--'));
      const split =
        optionWord(rest, '-S', '--split-string') ?? (glued ? glued.value.replace(/^-[a-zA-Z]*?S/, '') : null);
      if (split !== null) {
        nested(split, [...chain, 'env -S']);
        return out;
      }
      const inner = skipFlags(rest, VALUE_FLAGS.env).filter((_, i, all) => !isAssignmentPrefix(all, i));
      if (inner.length === 0) break;
      chain.push(base);
      words = inner;
      continue;
    }
    if (base === 'xargs') {
      const glued = rest.find((w) => /^-I.+/.test(w.value))?.value.slice(2);
      const replace =
        optionWord(rest, '-I', '--replace') ??
        glued ??
        (rest.some((w) => w.value === '-i' || w.value.startsWith('--replace')) ? '{}' : null);
      const inner = skipFlags(rest, VALUE_FLAGS.xargs);
      chain.push(base);
      dynamicInput = true;
      // `xargs -a FILE` reads its input from FILE, as `< FILE` would.
      const argFile = optionWord(rest, '-a', '--arg-file');
      if (argFile !== null) extraRedirects.push({ op: '<', target: literalWord(argFile) });
      if (inner.length === 0) return [...out, make([literalWord('echo'), dynamicWord('<input>', '')])];
      // `echo ~/.aws/credentials | xargs -I% sh -c 'cat %'`: inside a shell string the input is text, filled
      // in where the pipeline shows it.
      const script = SHELLS.has(posix.basename(inner[0]?.value ?? ''))
        ? shellCommandString(inner.slice(1))
        : null;
      if (replace !== null && script?.value.includes(replace)) {
        const piped = pipedInputs(raw);
        if (piped.length > 0) {
          for (const input of piped) nested(script.value.split(replace).join(input), [...chain, 'xargs']);
          return out;
        }
      }
      // Each input stands in as a variable: a path built from it is unknown, a shell string stays readable.
      words =
        replace !== null
          ? inner.map((w) =>
              w.value.includes(replace) ? dynamicWord(w.text, w.value.split(replace).join(INPUT)) : w,
            )
          : [...inner, dynamicWord('<input>', INPUT)];
      continue;
    }
    if (base === 'parallel') {
      // GNU parallel runs its command through a shell once per input: `{}` is each input, else it is appended.
      const inputs: string[] = [];
      const sep = rest.findIndex((w) => w.value === ':::' || w.value === '::::');
      if (sep >= 0 && rest[sep]?.value === ':::') inputs.push(...rest.slice(sep + 1).map((w) => w.value));
      const template = skipFlags(sep >= 0 ? rest.slice(0, sep) : rest, VALUE_FLAGS.parallel);
      if (template.length === 0) break;
      const line = template.map((w) => w.value).join(' ');
      const fill = (input: string) =>
        line.includes('{}') ? line.split('{}').join(input) : `${line} ${input}`;
      // Fed by a pipe whose text shows what it lists (`ls tests/*.py | parallel python3 {}`): those inputs.
      // Only whole-word inputs are filled in (`cat ~/.ssh/{}` keeps the input unknown, judged as a glob).
      // An input run as code (`parallel bash -c {}`, `parallel {}`) stays unknown: a file name is no program.
      const whole =
        template.every((w) => !w.value.includes('{}') || w.value === '{}') &&
        template[0]?.value !== '{}' &&
        !SHELLS.has(posix.basename(template[0]?.value ?? '')) &&
        !/^(eval|source|\.|exec|command|env|sudo|xargs|parallel)$/.test(template[0]?.value ?? '');
      const piped = inputs.length === 0 && whole ? pipedInputs(raw) : [];
      const feeds = inputs.length > 0 ? inputs.slice(0, MAX_GLOB_NAMES) : piped.length > 0 ? piped : [INPUT];
      for (const input of feeds) nested(fill(input), [...chain, 'parallel']);
      return out;
    }
    if (base === 'alias') {
      // What an alias expands to runs when it is called; it is judged as written.
      for (const w of rest) {
        const eq = w.value.indexOf('=');
        if (eq > 0 && eq < w.value.length - 1) nested(w.value.slice(eq + 1), [...chain, 'alias']);
      }
      break;
    }
    if (base === 'watch') {
      const exec = rest.some((w) => w.value === '-x' || w.value === '--exec');
      const inner = skipFlags(rest, VALUE_FLAGS.watch);
      if (inner.length === 0) break;
      if (exec) {
        chain.push(base);
        words = inner;
        continue;
      }
      nested(inner.map((w) => w.value).join(' '), [...chain, 'watch']);
      return out;
    }
    const launched = launchedCommand(base, rest);
    if (launched !== null) {
      // `tmux new -d 'cmd'`, `screen -dm cmd`, `systemd-run --user cmd`, `vim -c ':!cmd'`: the launcher is judged
      // as itself, and the command it starts as a command of its own.
      out.push(make(words));
      nested(launched, [...chain, base]);
      return out;
    }
    if (base === 'busybox' && rest[0] && !SHELLS.has(posix.basename(rest[0].value))) {
      // `busybox rm -rf ~` runs the applet named first.
      chain.push(base);
      words = rest;
      continue;
    }
    if (SHELLS.has(base)) {
      const script = shellCommandString(base === 'busybox' ? rest.slice(1) : rest);
      if (script === undefined) break;
      // Code that only exists at run time (xargs input, `bash -c "$CMD"`) is the command itself, kept for the
      // rules to judge.
      if (script !== null && isRunTimeCode(script)) break;
      if (script !== null) {
        const args = base === 'busybox' ? rest.slice(1) : rest;
        nested(withPositionals(script.value, args.slice(args.indexOf(script) + 1)), [...chain, `${base} -c`]);
      }
      return out;
    }
    if (base === 'su') {
      const script = optionWord(rest, '-c', '--command');
      if (script === null) break;
      nested(script, [...chain, 'su -c']);
      return out;
    }
    if (base === 'script') {
      const command = scriptCommand(rest);
      if (command === null) break;
      nested(command, [...chain, 'script -c']);
      return out;
    }
    if (base === 'git') {
      // `git -c core.pager=CMD log` runs CMD now; the git command itself is analysed as usual.
      for (const command of gitConfigCommands(rest)) nested(command, [...chain, 'git -c']);
      break;
    }
    if ((base === 'at' || base === 'batch') && !rest.some((w) => /^-[lrdcV]$/.test(w.value))) {
      // The job is read from stdin: a heredoc or herestring body is the script that will run.
      for (const r of raw.redirects) if (r.body !== undefined) nested(r.body, [...chain, 'at']);
      break;
    }
    if (base === 'trap') {
      // `trap 'cmd' EXIT`: the string runs when the shell gets the signal, or exits.
      const action = rest.find((w) => !w.value.startsWith('-'));
      if (action && action.value !== '' && action.value !== '-' && rest.length >= 2)
        nested(action.value, [...chain, 'trap']);
      return out;
    }
    if (base === 'eval') {
      // `eval "$(pyenv init -)"` runs the tool's own set-up code; the tool itself is analysed as a command.
      if (rest.length > 0 && !evaluatesShellSetup(rest))
        nested(rest.map((w) => w.value).join(' '), [...chain, 'eval']);
      return out;
    }
    if (base === 'find') {
      out.push(make(words));
      const roots = findRoots(rest);
      const exec = findExec(rest, roots[0] ?? '.');
      if (exec.length === 0) return out;
      const execRaw: RawCommand = { ...raw, words: exec, pipeFrom: [] };
      for (const cmd of unwrap(execRaw, [...chain, 'find -exec'], nested))
        out.push({ ...cmd, dynamicInput: true });
      return out;
    }
    if (base === 'npx' || (/^(npm|pnpm)$/.test(base) && rest[0]?.value === 'exec')) {
      // `npx -c 'cmd'`, `npm exec -c 'cmd'`: the string runs in a shell with the project's bin on PATH.
      const call = optionWord(base === 'npx' ? rest : rest.slice(1), '-c', '--call');
      if (call !== null) {
        nested(call, [...chain, `${base} -c`]);
        return out;
      }
    }
    if ((base === 'fd' || base === 'fdfind') && rest.some((w) => FD_EXEC.test(w.value))) {
      // `fd PATTERN PATH -x cmd`: cmd runs on each match below PATH, judged as PATH/PATTERN (or PATH/*).
      out.push(make(words));
      const at = rest.findIndex((w) => FD_EXEC.test(w.value));
      const positional = rest
        .slice(0, at)
        .filter((w, i, all) => !w.value.startsWith('-') && !FD_VALUE.test(all[i - 1]?.value ?? ''));
      const pattern = positional[0]?.value ?? '';
      const root = (positional[1]?.value ?? '.').replace(/\/$/, '');
      const found = `${root}/${/^[\w.+-]+$/.test(pattern) && !/^\.+$/.test(pattern) ? pattern : '*'}`;
      const exec = rest.slice(at + 1).filter((w) => w.value !== ';');
      const inner = exec.some((w) => w.value.includes('{}'))
        ? exec.map((w) => (w.value.includes('{}') ? dynamicWord(w.text, found) : w))
        : [...exec, dynamicWord(found, found)];
      if (inner.length === 0) return out;
      for (const cmd of unwrap({ ...raw, words: inner, pipeFrom: [] }, [...chain, `${base} -x`], nested))
        out.push({ ...cmd, dynamicInput: true });
      return out;
    }
    if (SECRET_RUNNERS.has(base) && rest[0]?.value === 'run') {
      // `doppler run -- cmd`, `op run -- cmd`, `railway run cmd`, `infisical run --command 'cmd'`.
      const args = rest.slice(1);
      const script = optionWord(args, '--command', '--command');
      if (script !== null) {
        nested(script, [...chain, `${base} run`]);
        return out;
      }
      const dashes = args.findIndex((w) => w.value === '--');
      const inner =
        dashes >= 0
          ? args.slice(dashes + 1)
          : base === 'railway'
            ? skipFlags(args, VALUE_FLAGS['railway run'])
            : [];
      if (inner.length === 0) break;
      chain.push(`${base} run`);
      words = inner;
      continue;
    }
    const withSub = `${base} ${rest[0]?.value ?? ''}`;
    const key = Object.hasOwn(RUNNERS, withSub) ? withSub : Object.hasOwn(RUNNERS, base) ? base : null;
    if (key !== null) {
      const runner = RUNNERS[key] as Runner;
      const args = key === base ? rest : rest.slice(1);
      const after = args.findIndex(
        (w) => w.value === '--' || runner.commandAfter?.includes(w.value) === true,
      );
      const inner =
        after >= 0
          ? args.slice(after + 1)
          : runner.commandAfter
            ? []
            : skipFlags(args, new Set(runner.flags))
                .filter((_, i, all) => !isAssignmentPrefix(all, i))
                .slice(runner.operands ?? 0);
      if (inner.length === 0) break;
      chain.push(key);
      words = inner;
      continue;
    }
    break;
  }
  if (words.length > 0) out.push(make(words));
  return out;
}

/**
 * `sh -c 'rm -rf "$1"' sh ~/x`, `bash -c '"$@"' _ cmd args`: the words after a shell's -c string are its $0,
 * $1, … and "$@"; put in their place when all are plain words (a home path as $HOME, which expands anywhere).
 */
function withPositionals(script: string, params: Word[]): string {
  // A script that changes its parameters (`shift`, `set -- …`, `getopts`) is left as written.
  if (params.length === 0 || !/\$(\{?[0-9@*]\}?)/.test(script) || /\b(shift|set|getopts)\b/.test(script))
    return script;
  if (!params.every((w) => w.literal && /^[\w@%+=:,./~-]+$/.test(w.value))) return script;
  const values = params.map((w) => w.value.replace(/^~(?=\/|$)/, '$HOME'));
  const all = values.slice(1).join(' ');
  return script
    .replace(/"\$(@|\{@\})"/g, () => all)
    .replace(/\$(?:\{([0-9@*])\}|([0-9@*]))/g, (_, braced?: string, bare?: string) => {
      const key = (braced ?? bare) as string;
      return key === '@' || key === '*' ? all : (values[Number(key)] ?? '');
    });
}

/** tmux sub-commands that start a shell command, and the options of tmux and screen that take a value. */
const TMUX_RUNS =
  /^(new|new-session|new-window|neww|split-window|splitw|respawn-pane|respawnp|respawn-window|respawnw|run-shell|run|display-popup|popup)$/;
const TMUX_VALUE = /^-[stncxyeFlTwfN]$/;
const SCREEN_VALUE = /^-[SctpehT]$/;
const SYSTEMD_RUN_VALUE =
  /^(-p|--property|-u|--unit|-E|--setenv|--uid|--gid|--slice|-M|--machine|-H|--host|--description|--working-directory|-D|--on-active|--on-boot|--on-startup|--on-unit-active|--on-unit-inactive|--on-calendar|--timer-property|--path-property|--socket-property|--nice|--service-type|--property-file)$/;

/**
 * The shell text a terminal multiplexer, service launcher or editor is told to run: `tmux new -d 'cmd'`,
 * `tmux send-keys 'cmd' Enter`, `screen -dmS x cmd args`, `systemd-run --user cmd args`, `vim -c ':!cmd'`.
 * Words keep their quoting. Null for anything else.
 */
function launchedCommand(base: string, args: Word[]): string | null {
  const after = (from: Word[], value: RegExp) => {
    let i = 0;
    while (i < from.length && from[i]?.value.startsWith('-') && from[i]?.value !== '--')
      i += value.test(from[i]?.value ?? '') ? 2 : 1;
    if (from[i]?.value === '--') i++;
    return from.slice(i);
  };
  const text = (ws: Word[]) => (ws.length === 0 ? null : ws.map((w) => w.text).join(' '));
  if (base === 'tmux') {
    const at = args.findIndex((w) => !w.value.startsWith('-'));
    const sub = args[at]?.value ?? '';
    const rest = args.slice(at + 1);
    if (TMUX_RUNS.test(sub)) {
      const command = after(rest, TMUX_VALUE);
      return command.length === 1 ? (command[0] as Word).value : text(command);
    }
    if (sub === 'send-keys' || sub === 'send') {
      const keys = after(rest, TMUX_VALUE).filter(
        (w) => !/^(Enter|C-m|C-j|KPEnter|Space|Tab)$/.test(w.value),
      );
      return keys.length === 0 ? null : keys.map((w) => w.value).join(' ');
    }
    return null;
  }
  if (base === 'screen' && !args.some((w) => /^-(X|r|R|x|ls|list|wipe)$/.test(w.value)))
    return text(after(args, SCREEN_VALUE));
  if (base === 'systemd-run') return text(after(args, SYSTEMD_RUN_VALUE));
  if (/^(n?vim?|ex|view)$/.test(base)) {
    const commands = args.flatMap((w, i) =>
      w.value.startsWith('+')
        ? [w.value.slice(1)]
        : /^(-c|--cmd)$/.test(w.value)
          ? [args[i + 1]?.value ?? '']
          : [],
    );
    const shell = commands.flatMap((c) => /^:?\s*!(.+)$/.exec(c)?.[1] ?? []);
    return shell.length === 0 ? null : shell.join('; ');
  }
  return null;
}

/** Names a globbed command name is judged as, at most. */
const MAX_GLOB_NAMES = 8;

/** A shell's `-c` string that is not in the command text: wholly an expansion (`"$CMD"`, xargs input). */
export function isRunTimeCode(script: Word): boolean {
  return !script.literal && /^"?\$(\{[^}]*\}|\w+|\([^)]*\))"?$/.test(script.value);
}

/** Words a pipe hands parallel, as shell text, when the producer's text shows them; none otherwise. */
function pipedInputs(raw: RawCommand): string[] {
  const producers = raw.pipeFrom.flatMap((p) => unwrap(p, [], () => {}).slice(-1));
  const known = producers.length > 0 ? knownInputs(producers) : null;
  if (!known?.every((w) => /^[\w.~/*?@+:=-]+$/.test(w.text))) return [];
  return (known ?? []).slice(0, MAX_GLOB_NAMES).map((w) => w.text);
}

/** The command `script -c CMD` (also `-qc CMD`, `--command CMD`, `--command=CMD`) runs; null without one. */
function scriptCommand(args: Word[]): string | null {
  for (let i = 0; i < args.length; i++) {
    const v = (args[i] as Word).value;
    if (v.startsWith('--command=')) return v.slice('--command='.length);
    if (v === '--command' || /^-[a-zA-Z]*c$/.test(v)) return args[i + 1]?.value ?? null;
  }
  return null;
}

// git configuration whose value is a command git runs (a leading `!` marks a shell alias or helper).
const GIT_EXEC_CONFIG =
  /^(core\.(pager|sshcommand|editor|fsmonitor|askpass|hookspath)|sequence\.editor|diff\.external|diff\..+\.(textconv|command)|merge\..+\.driver|filter\..+\.(clean|smudge|process)|credential\.helper|gpg\.program|gpg\..+\.program|alias\..+|pager\..+|uploadpack\.packobjectshook)$/i;

/** Commands given through `git -c key=value` options before the subcommand. */
function gitConfigCommands(args: Word[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const v = (args[i] as Word).value;
    if (!v.startsWith('-')) break;
    if (v !== '-c') {
      if (v === '-C' || v === '--git-dir' || v === '--work-tree' || v === '--namespace') i++;
      continue;
    }
    const setting = args[++i]?.value ?? '';
    const eq = setting.indexOf('=');
    if (eq > 0 && GIT_EXEC_CONFIG.test(setting.slice(0, eq))) {
      const command = setting.slice(eq + 1).replace(/^!/, '');
      if (command !== '' && !/^(true|false)$/i.test(command)) out.push(command);
    }
  }
  return out;
}

/** Skips options (and the values of those listed) up to the first operand; `--` ends options. */
function skipFlags(words: Word[], withValue: ReadonlySet<string> = new Set()): Word[] {
  let i = 0;
  while (i < words.length) {
    const v = (words[i] as Word).value;
    if (v === '--') return words.slice(i + 1);
    if (!v.startsWith('-') || v === '-') break;
    // `nice -5 cmd`, `-n5`: numbers glued to the option need no separate value.
    i += withValue.has(v) ? 2 : 1;
  }
  return words.slice(i);
}

function isAssignmentPrefix(words: Word[], index: number): boolean {
  for (let i = 0; i <= index; i++)
    if (!/^[A-Za-z_][A-Za-z0-9_]*=/.test((words[i] as Word).value)) return false;
  return true;
}

function optionWord(words: Word[], short: string, long: string): string | null {
  for (let i = 0; i < words.length; i++) {
    const v = (words[i] as Word).value;
    if (v === short || v === long) return words[i + 1]?.value ?? null;
    if (v.startsWith(`${long}=`)) return v.slice(long.length + 1);
  }
  return null;
}

/**
 * The string a shell runs with `-c` (`bash -lc 'x'`, `sh -e -c 'x'`); null for `-c` without a string;
 * undefined when the shell reads a script file or stdin instead.
 */
export function shellCommandString(args: Word[]): Word | null | undefined {
  for (let i = 0; i < args.length; i++) {
    const v = (args[i] as Word).value;
    if (v === '--' || !v.startsWith('-')) {
      if (v.startsWith('+')) continue;
      return undefined;
    }
    if (/^-[a-zA-Z]*c[a-zA-Z]*$/.test(v)) {
      return args.slice(i + 1).find((w) => !w.value.startsWith('-')) ?? null;
    }
    if (v === '-o' || v === '-O' || v === '+O' || v === '+o') i++;
  }
  return undefined;
}

/** The command of `-exec`/`-execdir`/`-ok`, with `{}` standing for files under the first root. */
function findExec(args: Word[], root: string): Word[] {
  const start = args.findIndex((w) => /^-(exec|execdir|ok|okdir)$/.test(w.value));
  if (start < 0) return [];
  // One literal name filter (`-name __pycache__ -exec rm -rf {} +`) says what each `{}` is: a directory of
  // that name somewhere below the root, judged as that name (a build output is one wherever it is).
  const names = args.flatMap((w, i) => (w.value === '-name' && i < start ? [args[i + 1]] : []));
  const name = names.length === 1 ? names[0] : undefined;
  const named =
    name?.literal && /^[\w.+-]+$/.test(name.value) && !/^\.+$/.test(name.value) ? name.value : undefined;
  const found = `${root.replace(/\/$/, '')}/${named ?? '{}'}`;
  const out: Word[] = [];
  for (const arg of args.slice(start + 1)) {
    if (arg.value === ';' || arg.value === '+') break;
    out.push(arg.value.includes('{}') ? dynamicWord(arg.text, found) : arg);
  }
  return out;
}
