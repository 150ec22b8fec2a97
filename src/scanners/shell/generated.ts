import { posix } from 'node:path';
import { type Cmd, make, type RuleContext, urlsIn } from './command.js';
import { lastStages, staticOutput } from './decode.js';
import { literalWord, type RawCommand, type Word } from './model.js';
import { NETWORK_TOOLS } from './network-tools.js';
import { isCredentialPath, isInside, resolveText, resolveWord } from './paths.js';
import {
  FETCHERS,
  INTERPRETERS,
  isFetcher,
  producedText,
  readsScriptFromStdin,
  runsDownloadedPowerShell,
} from './rules/network.js';
import { SHELLS } from './shells.js';
import type { ShellContext } from './types.js';
import { computedHere, type Variables } from './variables.js';

/**
 * Code that only exists at run time: what a command prints, decodes or downloads, reaching something that runs
 * it (`source <(…)`, a herestring of `$(…)`, `powershell -EncodedCommand …`). Tools that print their own shell
 * set-up code (`eval "$(pyenv init -)"`) are the everyday exception.
 */

/** Environment managers, prompts and agents whose set-up code users evaluate in their shell. */
const SETUP_TOOLS = new Set([
  'ssh-agent',
  'direnv',
  'pyenv',
  'rbenv',
  'nodenv',
  'goenv',
  'jenv',
  'plenv',
  'phpenv',
  'brew',
  'conda',
  'mamba',
  'micromamba',
  'pixi',
  'devbox',
  'starship',
  'zoxide',
  'atuin',
  'mcfly',
  'oh-my-posh',
  'mise',
  'rtx',
  'fnm',
  'opam',
  'luarocks',
  'dircolors',
  'thefuck',
  'fzf',
  'keychain',
]);
/** The sub-commands with which such a tool prints set-up code. */
const SETUP_VERB =
  /^(init|hook|shellenv|shell-hook|activate|env|path|completions?|generate-shell-completion|virtualenv-init|shell(\.\w+)?)$/;
/** Options with which a set-up tool, given no sub-command, prints its set-up code. */
const SETUP_FLAG =
  /^(--?(bash|zsh|fish|sh|csh|tcsh|posix|nu|elvish|xonsh|powershell)|-[sckbq]|--alias(=[\w-]+)?|--eval|--quiet|--agents?(=[\w,]+)?|--inherit=[\w-]+|--noask|--nogui|--disable-[\w-]+)$/;
/** Tools that print their set-up code given no argument at all. */
const BARE_SETUP = new Set(['ssh-agent', 'dircolors', 'keychain']);
/**
 * A tool's `completion bash` (kubectl, helm, gh, npm, rustup …), the verb first, prints completion code, unless
 * the tool reads files, talks to the network, is a shell or interpreter, or runs a task or package of that name
 * (`make completion`, `npx completion`).
 */
const COMPLETION_VERB = /^(completions?|generate-shell-completion)$/;
const TASK_RUNNERS =
  /^(make|gmake|bmake|just|ninja|rake|gradlew?|mvnw?|ant|task|invoke|nox|tox|scons|yarn|pnpm|npx|pnpx|bunx|uvx|pipx)$/;
const FILE_READERS =
  /^(cat|tac|head|tail|less|more|sed|awk|gawk|tr|rev|cut|grep|rg|sort|uniq|base64|base32|xxd|od|openssl|gunzip|zcat|bzcat|xzcat|xz|gzip|bzip2|unzip|tar|jq|yq|strings|dd|echo|printf|env|sudo|xargs|eval|source|\.)$/;
const INSTALLED =
  /^(\/usr(\/local)?|\/opt\/homebrew|\/home\/linuxbrew\/\.linuxbrew|\/snap|)\/s?bin\/[\w.-]+$/;
/** Words a set-up call is made of: names, options, shell names; no paths, URLs or code. */
const SETUP_WORD = /^[\w.@:=+-]+$/;

/**
 * Whether the command (its literal words) prints the shell set-up code of a known tool: `ssh-agent -s`,
 * `direnv hook bash`, `/opt/homebrew/bin/brew shellenv`, `conda shell.bash hook`, `kubectl completion zsh`.
 */
function printsShellSetup(name: string | null, args: readonly Word[]): boolean {
  if (name === null || !args.every((w) => w.literal && SETUP_WORD.test(w.value))) return false;
  // A tool named by a path is one installed in a system or package manager's bin directory.
  if (name.includes('/') && !INSTALLED.test(name)) return false;
  const base = posix.basename(name);
  if (SETUP_TOOLS.has(base)) {
    const verb = args.find((w) => !w.value.startsWith('-'))?.value;
    if (verb !== undefined) return SETUP_VERB.test(verb);
    // No sub-command: only options that ask for set-up code (`fzf --zsh`, `thefuck --alias`, `ssh-agent -s`);
    // `fzf --filter=…` prints what it selects.
    return args.length === 0 ? BARE_SETUP.has(base) : args.every((w) => SETUP_FLAG.test(w.value));
  }
  const runsOthers =
    [FILE_READERS, TASK_RUNNERS, INTERPRETERS].some((re) => re.test(base)) ||
    [SHELLS, NETWORK_TOOLS, FETCHERS].some((set) => set.has(base.toLowerCase()));
  return COMPLETION_VERB.test(args[0]?.value ?? '') && !runsOthers;
}

/** Whether words run by `eval` are one substitution of a set-up printer: `eval "$(pyenv init -)"`. */
export function evaluatesShellSetup(words: readonly Word[]): boolean {
  const only = words.length === 1 ? words[0] : undefined;
  const sub = only?.subs.length === 1 ? only.subs[0] : undefined;
  if (!sub || sub.pipeFrom.length > 0 || sub.redirects.some((r) => r.op.startsWith('<'))) return false;
  const [name, ...args] = sub.words;
  return (
    /^"?(\$\([\s\S]*\)|`[^`]*`)"?$/.test(only?.value ?? '') &&
    name?.literal === true &&
    printsShellSetup(name.value, args)
  );
}

/**
 * Stdin fed by a process substitution (`sh -s < <(curl …)`) or by a herestring holding a command substitution
 * (`python3 <<< "$(base64 -d x)"`) reads what those commands print, as a pipe would: they become producers.
 * So does the script `source <(…)` reads.
 */
export function withStdinProducers(raw: RawCommand): RawCommand {
  const [name, script] = raw.words;
  const sourced =
    /^(source|\.)$/.test(name?.value ?? '') && script?.value.startsWith('<(') ? script.subs : [];
  const feeds = [
    ...lastStages(sourced),
    ...raw.redirects.flatMap((r) =>
      (r.op === '<' && r.target.value.startsWith('<(')) || r.op === '<<<' ? lastStages(r.target.subs) : [],
    ),
  ];
  return feeds.length === 0 ? raw : { ...raw, pipeFrom: [...raw.pipeFrom, ...feeds] };
}

/** `source`/`.` of a process substitution or of stdin, and PowerShell's base64-encoded commands. */
export function generatedCode(cmd: Cmd, rc: RuleContext): void {
  if (INTERPRETERS.test(cmd.base)) builtNames(cmd, rc);
  if (cmd.base === 'source' || cmd.base === '.') sourcedCode(cmd, rc);
  else if (SHELLS.has(cmd.base)) decodedScript(cmd, rc);
  else if (/^(powershell|pwsh)(\.exe)?$/i.test(cmd.base)) encodedPowerShell(cmd, rc);
}

/** A word that ends in an expansion: `$F`, `"${F}"`, `$(cmd)`, `` `cmd` ``. */
const RUN_TIME_END = /(\$\w+|\$\{[^}]*\}|\$\([\s\S]*\)|`[^`]*`)"?$/;

/**
 * `source <(gunzip -c x)`, `. /dev/stdin <<< "$(base64 -d x)"`: the shell runs whatever the feeding command
 * prints. Downloads are reported as remote code elsewhere; literal text is analysed; set-up printers are fine.
 */
function sourcedCode(cmd: Cmd, rc: RuleContext): void {
  const named = cmd.args[0];
  // `source "$F"`, `. "$(mktemp)"`: a script whose name is only known at run time (a literal file name after
  // the expansion, `"$VIRTUAL_ENV/bin/activate"`, names the script).
  if (named !== undefined && !named.literal && RUN_TIME_END.test(named.text))
    rc.emit(
      make('exec', 'dynamic-code', 'high', `${cmd.base} runs ${named.text}, a script only named at run time`),
    );
  const script = named?.value ?? '-';
  if (!script.startsWith('<(') && !readsScriptFromStdin([cmd.base, ...cmd.args.map((w) => w.value)])) return;
  for (const feed of rc.producers()) {
    if (isFetcher(feed) || printsShellSetup(feed.name, feed.args)) continue;
    const text = staticOutput(feed.raw) ?? producedText(feed);
    if (text !== null) rc.nested(text, `${cmd.base} <(…)`);
    else
      rc.emit(
        make(
          'exec',
          'dynamic-code',
          'high',
          `${cmd.base} runs whatever ${feed.base || 'a command'} prints as shell code`,
        ),
      );
  }
}

/**
 * A shell reading what a decoder makes of literal text (`echo cm0gLXJmIH4= | base64 -d | sh`, `printf '%b'
 * '\162\155 …' | bash`) runs the decoded text: it is analysed as commands, besides being piped code.
 */
function decodedScript(cmd: Cmd, rc: RuleContext): void {
  if (!readsScriptFromStdin([cmd.base, ...cmd.args.map((w) => w.value)])) return;
  for (const feed of rc.producers()) {
    const text = staticOutput(feed.raw);
    if (text !== undefined && text !== producedText(feed)) rc.nested(text, `${feed.base} | ${cmd.base}`);
  }
}

/**
 * Interpreter code that reaches a module, function or method by a name it builds at run time: `__import__('o'+'s')`,
 * `getattr(m, 'sys'+'tem')`, `require('child_'+'process')`, `global['ev'+'al']`, Ruby's `send(:system, …)`,
 * PHP's `$f = 'sys'.'tem'; $f(…)`, or code assembled from character codes or reversed text and run. Nobody writes
 * everyday one-liners this way; it hides what runs from a reader.
 */
const BUILT_NAMES: readonly RegExp[] = [
  /\b(__import__|import_module|require|getattr|hasattr|globals\(\)\s*\[|global\s*\[|window\s*\[|this\s*\[|process\s*\[)\s*\(?[^)\]]{0,40}?(['"])[\w.]*\2\s*[+.]\s*(['"])[\w.]*\3/,
  /\b(public_)?send\s*\(?\s*[:'"](system|exec|spawn|eval|syscall|open|`)/,
  /\bmethod\s*\(\s*:(system|exec|spawn|eval)\b/,
  /\$\w+\s*=\s*(['"])\w*\1\s*\.\s*(['"])\w*\2\s*;[^;]{0,80}\$\w+\s*\(/,
  /(\bchr\s*\(\s*\d+\s*\)\s*\+\s*){3}|String\.fromCharCode\s*\(\s*\d+\s*(,\s*\d+\s*){3}/,
  /\b(exec|eval|system|popen|Function)\b[^;]{0,60}\[\s*::\s*-1\s*\]|\.reverse\(\)[^;]{0,40}\b(eval|exec|Function)\b/,
];

function builtNames(cmd: Cmd, rc: RuleContext): void {
  const code = [...cmd.args.map((w) => w.value), ...cmd.redirects.flatMap((r) => r.body ?? [])].join('\n');
  if (BUILT_NAMES.some((re) => re.test(code.slice(0, CODE_SCAN_LIMIT))))
    rc.emit(
      make(
        'exec',
        'dynamic-code',
        'high',
        `${cmd.base} code calls something by a name it builds at run time`,
      ),
    );
}

/** Inline code scanned for built names, at most (the patterns look at short spans). */
const CODE_SCAN_LIMIT = 65_536;

/** PowerShell's `-EncodedCommand` and its prefixes (`-e`, `-ec`, `-enc`): base64 of UTF-16LE code. */
const ENCODED_COMMAND = /^-(e|ec|en|enc|enco|encod|encode|encoded|encodedc\w*)$/i;

function encodedPowerShell(cmd: Cmd, rc: RuleContext): void {
  const at = cmd.args.findIndex((w) => ENCODED_COMMAND.test(w.value));
  const encoded = at < 0 ? undefined : cmd.args[at + 1]?.value;
  if (encoded === undefined) return;
  const code = Buffer.from(encoded, 'base64').toString('utf16le');
  if (runsDownloadedPowerShell(code)) {
    rc.emit(
      make(
        'exec',
        'curl-pipe-shell',
        'critical',
        'runs PowerShell code, given base64-encoded, that downloads code and runs it',
        [],
        urlsIn(code),
      ),
    );
    return;
  }
  rc.emit(make('exec', 'dynamic-code', 'high', 'runs PowerShell code given base64-encoded, unreadable here'));
}

/** Variables that by convention name the user's toolchain program: `$PYTHON …` is analysed as `python …`. */
const TOOLCHAIN: ReadonlyMap<string, string> = new Map([
  ['SHELL', 'sh'],
  ['CC', 'cc'],
  ['CXX', 'c++'],
  ['FC', 'gfortran'],
  ['LD', 'ld'],
  ['AR', 'ar'],
  ['MAKE', 'make'],
  ['PYTHON', 'python'],
  ['NODE', 'node'],
  ['JAVA', 'java'],
  ['RUBY', 'ruby'],
  ['PERL', 'perl'],
  ['GO', 'go'],
  ['CARGO', 'cargo'],
  ['RUSTC', 'rustc'],
]);
/** Variables that by convention name the user's editor, pager or browser. */
const VIEWERS = new Set(['EDITOR', 'VISUAL', 'PAGER', 'BROWSER']);
/**
 * The setting a command's name is: `$EDITOR`, `"${PYTHON}"`, unless this command line set or computed it
 * (`CC=rm; $CC …` runs rm: the word was expanded).
 */
function settingNamed(word: Word | undefined, vars: Variables): string | undefined {
  if (word === undefined || word.literal) return undefined;
  const variable = /^"?\$\{?([A-Z_]+)\}?"?$/.exec(word.text)?.[1];
  return variable === undefined || vars.has(variable) || computedHere(vars, variable) ? undefined : variable;
}

/**
 * `"$PYTHON" -m pytest tests`, `$CC -o app main.c`: a toolchain variable the command line did not set holds
 * that program (some build of it), and every rule judges the command as if that program were named.
 */
export function withToolchainName(raw: RawCommand, vars: Variables): RawCommand {
  const [name, ...args] = raw.words;
  const program = TOOLCHAIN.get(settingNamed(name, vars) ?? '');
  return program === undefined ? raw : { ...raw, words: [literalWord(program), ...args] };
}

/**
 * `$EDITOR notes.md`, `$PAGER +42 log.txt`: the user's editor, pager or browser, not computed by the command
 * line, opening files of the project. Any option besides a line number (`+cmd`, `--cmd`, `-c`, `-u`, `-S`,
 * `--eval` … run code in an editor), a path outside the project (judged from the directory `cd` left), a URL,
 * a secret, a wrapper, a pipe or a redirection, or no argument at all leaves the command unknown.
 */
export function runsUserProgram(cmd: Cmd, vars: Variables, ctx: ShellContext): boolean {
  if (!VIEWERS.has(settingNamed(cmd.raw.words[0], vars) ?? '')) return false;
  if (cmd.via.length > 0 || cmd.args.length === 0) return false;
  if (
    cmd.raw.pipeFrom.length > 0 ||
    cmd.redirects.some((r) => !/^(\/dev\/null|&?[0-2])$/.test(r.target.value))
  )
    return false;
  return cmd.args.every((w) => {
    if (/^\+\d+$/.test(w.value)) return true;
    if (!w.literal || /^[-+]|:\/\/|\$/.test(w.value)) return false;
    const path = resolveWord(w, ctx).abs;
    return path !== null && isInside(path, ctx.project) && !isCredentialPath(path, ctx);
  });
}

/** The value of an option given alone, at the end of a cluster (`-sSLo FILE`), glued (`-qO-`) or long (`--output=F`). */
function outputOption(args: readonly Word[], letter: string, long: string): string | null {
  for (let i = 0; i < args.length; i++) {
    const v = (args[i] as Word).value;
    if (v === long) return args[i + 1]?.value ?? null;
    if (v.startsWith(`${long}=`)) return v.slice(long.length + 1);
    const short = new RegExp(`^-[a-zA-Z]*?${letter}(.*)$`).exec(v);
    if (short && !v.startsWith('--'))
      return short[1] === '' ? (args[i + 1]?.value ?? null) : (short[1] as string);
  }
  return null;
}

/** The file name a URL is saved under by default (`wget URL`, `curl -O URL`). */
function remoteName(url: string): string | null {
  try {
    return posix.basename(new URL(url).pathname) || null;
  } catch {
    return null;
  }
}

/** Files a download writes (curl -o/-O, wget -O or the URL's name, aria2c -o/-d, fetch -o), by the URLs fetched. */
function downloadedFiles(cmd: Cmd): string[] {
  const urls = cmd.args.flatMap((w) => urlsIn(w.value));
  if (urls.length === 0) return [];
  const args = cmd.args;
  const remote = () => urls.map(remoteName).filter((n): n is string => n !== null);
  if (cmd.base === 'curl') {
    const out = outputOption(args, 'o', '--output');
    if (out !== null) return [out];
    return args.some((w) => /^(-[a-zA-Z]*O[a-zA-Z]*|--remote-name(-all)?)$/.test(w.value)) ? remote() : [];
  }
  if (cmd.base === 'wget') {
    const out = outputOption(args, 'O', '--output-document');
    if (out !== null) return out === '-' ? [] : [out];
    const dir = outputOption(args, 'P', '--directory-prefix');
    return remote().map((name) => (dir === null ? name : `${dir}/${name}`));
  }
  if (cmd.base === 'aria2c' || cmd.base === 'fetch') {
    const out = outputOption(args, 'o', cmd.base === 'aria2c' ? '--out' : '--output');
    const dir = cmd.base === 'aria2c' ? outputOption(args, 'd', '--dir') : null;
    const names = out === null ? remote() : [out];
    return names.map((name) => (dir === null ? name : `${dir}/${name}`));
  }
  return [];
}

/**
 * Files downloaded by earlier commands of the same command line, and the code run from them afterwards:
 * `curl -o x.sh URL && bash x.sh`, `wget URL/i.py; python3 i.py` run downloaded code as `curl URL | sh` does;
 * `curl -O URL/t && chmod +x t && ./t` runs a downloaded program, which asks.
 */
export class Downloads {
  private readonly files = new Map<string, string[]>();

  /** Reports a command that runs a downloaded file, then records what this command downloads. */
  see(cmd: Cmd, rc: RuleContext): void {
    const runner =
      SHELLS.has(cmd.base) || INTERPRETERS.test(cmd.base) || cmd.base === 'source' || cmd.base === '.';
    const script = runner
      ? cmd.args.find((w) => !w.value.startsWith('-') && !w.value.startsWith('+'))?.value
      : cmd.name?.includes('/')
        ? cmd.name
        : undefined;
    const abs = script === undefined ? null : resolveText(script, rc.ctx).abs;
    const urls = abs === null ? undefined : this.files.get(abs);
    if (abs !== null && urls !== undefined)
      rc.emit(
        make(
          'exec',
          'curl-pipe-shell',
          // A script handed to a shell or interpreter is `curl | sh`; a program run by its path (a release
          // binary, `./kubectl version`) asks.
          runner ? 'critical' : 'high',
          `runs ${script}, downloaded by an earlier command, without review`,
          [abs],
          urls,
        ),
      );
    const urlsHere = cmd.args.flatMap((w) => urlsIn(w.value));
    for (const file of downloadedFiles(cmd)) {
      const path = resolveText(file, rc.ctx).abs;
      if (path !== null) this.files.set(path, urlsHere);
    }
  }
}

/** Where system programs live: a copy of one of these is that program. */
const PROGRAM_PATH = /^(\/usr)?(\/local)?\/s?bin\/[\w.+-]+$/;

/**
 * `cp /bin/rm /tmp/tidy; /tmp/tidy -rf ~`, `ln -s /bin/bash ./helper; ./helper -c …`: a copy or link of a system
 * program made earlier in the command line runs as that program, under whatever name it was given.
 */
export class Copies {
  private readonly programs = new Map<string, string>();

  /** The command with a copied program's name put back; records the copies the command makes. */
  see(raw: RawCommand, ctx: ShellContext): RawCommand {
    const [name, ...args] = raw.words;
    if (!name?.literal) return raw;
    if (/^(cp|ln|install|mv)$/.test(posix.basename(name.value))) {
      const operands = args.filter(
        (w, i) => !w.value.startsWith('-') && !/^-[mogt]$/.test(args[i - 1]?.value ?? ''),
      );
      const [from, to] = operands;
      if (operands.length === 2 && from?.literal && to?.literal && PROGRAM_PATH.test(from.value)) {
        const dest = resolveText(to.value, ctx).abs;
        if (dest !== null) this.programs.set(dest, from.value);
      }
      return raw;
    }
    const path = name.value.includes('/') ? resolveText(name.value, ctx).abs : null;
    const program = path === null ? undefined : this.programs.get(path);
    return program === undefined ? raw : { ...raw, words: [literalWord(program), ...args] };
  }
}

/**
 * `alias x='rm -rf'; x ~/Music`: a command named by an alias defined earlier in the command line runs the
 * alias's text followed by the rest of the command (not again inside its own expansion, as bash does).
 */
export class Aliases {
  private readonly texts = new Map<string, string>();

  /** The command line an aliased command stands for, and the label it is analysed under; records definitions. */
  expand(raw: RawCommand, via: readonly string[]): [text: string, label: string] | null {
    const [name, ...args] = raw.words;
    if (!name?.literal) return null;
    if (name.value === 'alias' || name.value === 'unalias') {
      for (const w of args) {
        const m = /^([\w.:@+-]+)=([\s\S]*)$/.exec(w.value);
        if (name.value === 'unalias') this.texts.delete(w.value);
        else if (m && w.literal) this.texts.set(m[1] as string, m[2] as string);
      }
      return null;
    }
    const text = this.texts.get(name.value);
    const label = `alias ${name.value}`;
    const written = raw.text.trim();
    if (text === undefined || via.includes(label) || !written.startsWith(name.text)) return null;
    return [text + written.slice(name.text.length), label];
  }
}
