import { posix } from 'node:path';
import { type Cmd, make, type RuleContext, urlsIn } from './command.js';
import { lastStages, staticOutput } from './decode.js';
import type { RawCommand, Word } from './model.js';
import { isCredentialPath, resolveWord } from './paths.js';
import { isFetcher, producedText, readsScriptFromStdin, runsDownloadedPowerShell } from './rules/network.js';
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
/** Any tool's `completion bash` (kubectl, helm, gh, npm, rustup …) prints completion code, unless it reads files. */
const COMPLETION_VERB = /^(completions?|generate-shell-completion)$/;
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
export function printsShellSetup(name: string | null, args: readonly Word[]): boolean {
  if (name === null || !args.every((w) => w.literal && SETUP_WORD.test(w.value))) return false;
  // A tool named by a path is one installed in a system or package manager's bin directory.
  if (name.includes('/') && !INSTALLED.test(name)) return false;
  const base = posix.basename(name);
  const verb = args.find((w) => !w.value.startsWith('-'))?.value;
  if (SETUP_TOOLS.has(base)) return verb === undefined || SETUP_VERB.test(verb);
  return verb !== undefined && COMPLETION_VERB.test(verb) && !FILE_READERS.test(base);
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
  if (cmd.base === 'source' || cmd.base === '.') sourcedCode(cmd, rc);
  else if (SHELLS.has(cmd.base)) decodedScript(cmd, rc);
  else if (/^(powershell|pwsh)(\.exe)?$/i.test(cmd.base)) encodedPowerShell(cmd, rc);
}

/**
 * `source <(gunzip -c x)`, `. /dev/stdin <<< "$(base64 -d x)"`: the shell runs whatever the feeding command
 * prints. Downloads are reported as remote code elsewhere; literal text is analysed; set-up printers are fine.
 */
function sourcedCode(cmd: Cmd, rc: RuleContext): void {
  const script = cmd.args[0]?.value ?? '-';
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

/** Options that make an unknown program's run worth a look: recursion, force, code or commands to run. */
const FEARED_OPTION =
  /^-[rRfvid]*[rRf][rRfvid]*$|^-[a-zA-Z]*[ce]$|^--(force|recursive|delete|eval|exec|execute|command)\b/;

/** Variables that by convention name the user's editor, pager, browser or toolchain program. */
const PROGRAM_SETTINGS = new Set([
  'EDITOR',
  'VISUAL',
  'PAGER',
  'BROWSER',
  'SHELL',
  'CC',
  'CXX',
  'FC',
  'LD',
  'AR',
  'MAKE',
  'PYTHON',
  'NODE',
  'JAVA',
  'RUBY',
  'PERL',
  'GO',
  'CARGO',
  'RUSTC',
]);

/**
 * `$EDITOR notes.md`, `"$PYTHON" -m pytest tests`: a program named by a variable that by convention holds the
 * user's editor, pager or toolchain, not computed by the command line, is the user's own setting. It is worth asking about only when its
 * arguments show something to fear (an option to recurse, force or run code, a path outside the project, a
 * URL, a secret), when it is wrapped, fed or redirected, or when it has no arguments to judge.
 */
export function runsUserProgram(cmd: Cmd, vars: Variables, ctx: ShellContext): boolean {
  const variable = /^"?\$\{?([A-Z_]+)\}?"?$/.exec(cmd.raw.words[0]?.text ?? '')?.[1];
  if (variable === undefined || !PROGRAM_SETTINGS.has(variable) || computedHere(vars, variable)) return false;
  if (cmd.via.length > 0 || cmd.args.length === 0) return false;
  if (
    cmd.raw.pipeFrom.length > 0 ||
    cmd.redirects.some((r) => !/^(\/dev\/null|&?[0-2])$/.test(r.target.value))
  )
    return false;
  return cmd.args.every((w) => {
    if (!w.literal || FEARED_OPTION.test(w.value) || /:\/\/|^[~/]|\.\.|\$/.test(w.value)) return false;
    const path = resolveWord(w, ctx).abs;
    return path === null || !isCredentialPath(path, ctx);
  });
}
