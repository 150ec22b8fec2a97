import type { Cmd, Rule, RuleContext } from './command.js';
import { make, urlsIn } from './command.js';
import { lastStages, scriptOutput } from './decode.js';
import {
  Aliases,
  Copies,
  Downloads,
  runsUserProgram,
  withStdinProducers,
  withToolchainName,
} from './generated.js';
import type { ParsedScript, RawCommand, Word } from './model.js';
import { resolveWord } from './paths.js';
import { RULES } from './rules/index.js';
import { runsDownloadedPowerShell } from './rules/network.js';
import type { ShellAnalysis, ShellContext, ShellEffect, SimpleCommand } from './types.js';
import { unwrap } from './unwrap.js';
import {
  assign,
  assignByCommand,
  callsFunction,
  defineFunctions,
  expandWords,
  type Variables,
} from './variables.js';
import { WrittenScripts } from './written.js';
import { withKnownInput } from './xargs-input.js';

/** Parses shell source; the full analyser uses tree-sitter, the wasm-free one splits plain words. */
export type ScriptParser = (source: string) => ParsedScript;

/** Strings run by `bash -c`, `eval`, `ssh host ...` are parsed again, this many levels deep at most. */
const MAX_DEPTH = 6;
/** Nested sources (scripts, aliases, strings run) analysed per command line, at most; past it the line asks. */
const MAX_NESTED = 200;

/** Labels of nested sources this shell runs itself (eval, an alias, a sourced script, a trap). */
const SAME_SHELL = /^(eval|alias |source |\. |trap)/;

const RISK_ORDER = { harmless: 0, low: 1, high: 2, critical: 3 } as const;

export function analyzeSource(source: string, ctx: ShellContext, parse: ScriptParser): ShellAnalysis {
  const run = new Analysis(ctx, parse);
  const parsed = parse(source);
  run.script(parsed, [], 0);
  // PowerShell is not shell syntax: its download-and-run line only shows as a whole once parsing fails.
  if (parsed.parseError !== undefined && runsDownloadedPowerShell(source)) run.powershellCradle(source);
  return run.result();
}

class Analysis {
  private readonly commands: SimpleCommand[] = [];
  private readonly effects: ShellEffect[] = [];
  private readonly seen = new Set<string>();
  private dynamic = false;
  /** Nested sources analysed so far, against MAX_NESTED. */
  private nestedCount = 0;
  private parseError: string | undefined;
  /** Working directory as `cd` commands change it; '' once it depends on run-time values. */
  private cwd: string;
  /** Variables set earlier in the command whose values are known (`D=~/.ssh; cat $D/id_rsa`). */
  private readonly variables: Variables = new Map();
  /** Variables exported so far, by name: `NAME=value` as written (the value unknown when it is). */
  private readonly exported = new Map<string, string>();
  /** The command reading each command's output through a pipe. */
  private readonly consumers = new Map<RawCommand, RawCommand>();
  /** Files downloaded by earlier commands, whose running is remote code. */
  private readonly downloads = new Downloads();
  /** Copies and links of system programs made by earlier commands, which run as those programs. */
  private readonly copies = new Copies();
  /** Scripts earlier commands wrote from text the command line shows, analysed where they run. */
  private readonly written = new WrittenScripts();
  /** Aliases defined by earlier commands, expanded where they are used. */
  private readonly aliases = new Aliases();

  constructor(
    private readonly ctx: ShellContext,
    private readonly parse: ScriptParser,
  ) {
    this.cwd = ctx.cwd;
  }

  result(): ShellAnalysis {
    this.effects.sort((a, b) => RISK_ORDER[b.risk] - RISK_ORDER[a.risk]);
    const out: ShellAnalysis = { commands: this.commands, effects: this.effects, dynamic: this.dynamic };
    if (this.parseError !== undefined) out.parseError = this.parseError;
    return out;
  }

  powershellCradle(source: string): void {
    const effect = make(
      'exec',
      'curl-pipe-shell',
      'critical',
      'runs PowerShell code downloaded from the network',
    );
    this.add({ ...effect, urls: urlsIn(source) }, source);
  }

  script(parsed: ParsedScript, via: string[], depth: number): void {
    if (parsed.parseError !== undefined && this.parseError === undefined) this.parseError = parsed.parseError;
    for (const name of parsed.forkBombs) {
      this.add(
        make('exec', 'fork-bomb', 'critical', `function ${name} starts copies of itself in the background`),
        name,
      );
    }
    defineFunctions(this.variables, parsed.functions ?? []);
    for (const raw of parsed.commands) for (const from of raw.pipeFrom) this.consumers.set(from, raw);
    for (const raw of parsed.commands) this.command(raw, via, depth);
  }

  /** Source found inside a command; nesting deeper than MAX_DEPTH is refused rather than guessed. */
  nested(source: string, via: string[], depth: number, text: string, guess = false): void {
    if (depth >= MAX_DEPTH) {
      this.add(make('exec', 'nesting-too-deep', 'high', 'commands nested too deeply to analyse'), text);
      return;
    }
    if (++this.nestedCount > MAX_NESTED) {
      this.add(
        make('exec', 'nesting-too-deep', 'high', 'too complex to analyse: too many nested commands'),
        '',
      );
      return;
    }
    const parsed = this.parse(source);
    // What parses of a guess is still judged; that the rest is no shell is no reason to ask.
    if (guess) delete parsed.parseError;
    const cwd = this.cwd;
    this.script(parsed, via, depth + 1);
    // A `cd` in another process (`bash -c`, a script run, `tmux new -d`) leaves this shell where it was.
    if (!SAME_SHELL.test(via[via.length - 1] ?? '')) this.cwd = cwd;
  }

  private command(original: RawCommand, via: string[], depth: number): void {
    const ctx = this.cwd === '' ? this.ctx : { ...this.ctx, cwd: this.cwd };
    const expanded = withToolchainName(expandWords(original, this.variables, ctx), this.variables);
    const written = withStdinProducers(expanded);
    let raw = this.copies.see(written, ctx);
    // Bash may not expand the alias (not on the line defining it, nor when not interactive): both are analysed.
    const aliased = this.aliases.expand(raw, via);
    const head = raw.words[0]?.value ?? '';
    if (raw.words.length === 0 || /^(export|declare|typeset|local|readonly)$/.test(head))
      for (const text of raw.assignments)
        assign(this.variables, text, this.ctx, (script) => {
          const parsed = this.parse(script);
          return callsFunction(this.variables, [...parsed.commands, ...lastStages(parsed.commands)])
            ? undefined
            : scriptOutput(parsed);
        });
    assignByCommand(this.variables, raw);
    if (/^(export|declare|typeset|unset)$/.test(head)) this.export(raw);
    // What earlier commands exported is every later program's environment, as a prefix `NAME=value` is its own.
    else if (this.exported.size > 0) raw = { ...raw, exported: [...this.exported.values()] };
    // A copy of a program is judged as that program and by its own path, which a download or a script written
    // since may have replaced (`cp /bin/ls t; curl -o t …; ./t`).
    const copy = written.words[0];
    const runs =
      copy === raw.words[0] || copy === undefined
        ? [raw]
        : [raw, { ...raw, words: [copy, ...raw.words.slice(1)] }];
    const consumer = this.consumers.get(original);
    for (const run of runs) {
      if (consumer && run !== original) this.consumers.set(run, consumer);
      for (const cmd of unwrap(run, via, (source, chain) => this.nested(source, chain, depth, run.text))) {
        this.record(cmd);
        this.rules(cmd, depth);
      }
    }
    if (aliased !== null) this.nested(aliased[0], [...via, aliased[1]], depth, raw.text);
  }

  /** `export A=1 B`, `declare -x A=1`, `export -n A`, `unset A`: what later commands' environment holds. */
  private export(raw: RawCommand): void {
    const [head, ...args] = raw.words.map((w) => w.value);
    const flags = args.filter((a) => a.startsWith('-')).join('');
    const removes = head === 'unset' || flags.includes('n');
    if (head !== 'export' && !removes && !flags.includes('x')) return;
    const settings = raw.assignments.map((text) => [text.slice(0, text.indexOf('=')), text] as const);
    const named = args.filter((a) => /^[A-Za-z_]\w*$/.test(a));
    for (const name of named) {
      const known = this.variables.get(name);
      settings.push([name, `${name}=${known ?? `$${name}`}`]);
    }
    for (const [name, text] of settings) {
      if (removes) this.exported.delete(name);
      else this.exported.set(name, text);
    }
  }

  private record(cmd: Cmd): void {
    this.commands.push({
      name: cmd.name,
      args: cmd.args.map(argText),
      via: cmd.via,
      redirects: cmd.redirects.map((r) => ({ op: r.op, target: argText(r.target) })),
      text: cmd.text,
    });
  }

  private rules(cmd: Cmd, depth: number): void {
    const ctx = this.cwd === this.ctx.cwd ? this.ctx : { ...this.ctx, cwd: this.cwd };
    if (cmd.base === 'cd' || cmd.base === 'pushd') this.changeDirectory(cmd, ctx);
    const rc: RuleContext = {
      ctx,
      emit: (effect) => {
        if (!(DRY_RUN_STOPS.test(effect.id) && isDryRun(cmd))) this.add(effect, cmd.text, cmd.via);
      },
      nested: (source, label, guess) => this.nested(source, [...cmd.via, label], depth, cmd.text, guess),
      producers: () => producersOf(cmd.raw),
      consumer: () => {
        const next = this.consumers.get(cmd.raw);
        return next ? unwrap(next, [], () => {})[0] : undefined;
      },
    };
    if (cmd.name === null && !runsUserProgram(cmd, this.variables, ctx)) {
      this.dynamic = true;
      rc.emit(make('exec', 'dynamic-command', 'high', 'the command name is computed at run time'));
    }
    for (const filled of withKnownInput(cmd, rc.producers)) {
      for (const rule of RULES as Rule[]) rule(filled, rc);
      this.downloads.see(filled, rc);
      this.written.see(filled, rc);
    }
  }

  /** Subshells are not tracked apart: a `cd` inside `( )` is assumed to last, which only widens what is flagged. */
  private changeDirectory(cmd: Cmd, ctx: ShellContext): void {
    const target = cmd.args.find((w) => w.value !== '-P' && w.value !== '-L' && w.value !== '--');
    if (!target) {
      this.cwd = ctx.home;
      return;
    }
    this.cwd = target.value === '-' ? '' : (resolveWord(target, ctx).abs ?? '');
  }

  private add(effect: Omit<ShellEffect, 'command'>, command: string, via: string[] = []): void {
    if (
      via.includes('ssh') &&
      effect.capability === 'delete' &&
      (effect.risk === 'low' || effect.risk === 'harmless')
    ) {
      // Temp dirs and build outputs are judged against this machine's project; on another host they are not.
      effect = { ...effect, risk: 'high', reason: `${effect.reason}, on a remote host` };
    }
    const key = `${effect.id}\0${effect.paths.join('\0')}\0${effect.urls.join('\0')}\0${command}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.effects.push({ ...effect, command });
  }
}

function argText(word: Word): string {
  return word.literal ? word.value : word.text;
}

/** The last command of each producer stage, unwrapped (so `sudo cat x | nc` sees `cat`). */
export function producersOf(raw: RawCommand): Cmd[] {
  const out: Cmd[] = [];
  for (const producer of raw.pipeFrom) {
    const unwrapped = unwrap(producer, [], () => {});
    const last = unwrapped[unwrapped.length - 1];
    if (last) out.push(last);
  }
  return out;
}

/** Effects that only happen elsewhere (a registry, a cluster, a remote, a cloud): a dry run of them changes nothing. */
const DRY_RUN_STOPS = /^(package-publish|helm-\w+|git-push[\w-]*|cloud-mutation)$/;

/** `npm publish --dry-run`, `helm upgrade --dry-run=server`, `git push -n`: the command reports what it would do. */
function isDryRun(cmd: Cmd): boolean {
  const gitPush = cmd.base === 'git' && cmd.args[0]?.value === 'push';
  for (const { value } of cmd.args) {
    if (value === '--') return false;
    if (
      /^--dry-?run(=(true|client|server))?$/.test(value) ||
      (gitPush && /^-[a-zA-Z]*n[a-zA-Z]*$/.test(value))
    )
      return true;
  }
  return false;
}
