import type { ShellEffectId } from './effect-ids.js';
import type { RawCommand, Redirect, Word } from './model.js';
import type { Capability, Risk, ShellContext, ShellEffect } from './types.js';

/** A simple command after unwrapping, as the rules see it. */
export interface Cmd {
  /** Literal command name as written (`/usr/bin/git`), or null when computed at run time. */
  name: string | null;
  /** Basename of the name (`git`), '' when dynamic. */
  base: string;
  args: Word[];
  via: string[];
  redirects: Redirect[];
  text: string;
  raw: RawCommand;
  /** Input fed by xargs or find: arguments the command receives are unknown. */
  dynamicInput: boolean;
}

/** What the rules can ask of the analyser. */
export interface RuleContext {
  ctx: ShellContext;
  emit(effect: Omit<ShellEffect, 'command'>): void;
  /** Analyses shell source found inside a command (`ssh host 'cmd'`, `os.system('cmd')`). */
  /** `guess`: the text may not be shell at all (`duckdb -c "select …"`); if it does not parse, it is not judged. */
  nested(source: string, via: string, guess?: boolean): void;
  /** The producers feeding this command's stdin through a pipe, unwrapped. */
  producers(): Cmd[];
  /** The command reading this one's output through a pipe, unwrapped; undefined at the end of a pipeline. */
  consumer(): Cmd | undefined;
}

export type Rule = (cmd: Cmd, rc: RuleContext) => void;

export function make(
  capability: Capability,
  id: ShellEffectId,
  risk: Risk,
  reason: string,
  paths: string[] = [],
  urls: string[] = [],
): Omit<ShellEffect, 'command'> {
  return { capability, id, risk, reason, paths, urls };
}

/** Argument values, dropping the words that are flags. */
export function operands(args: Word[], flagsWithValue: ReadonlySet<string> = new Set()): Word[] {
  const out: Word[] = [];
  let endOfFlags = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as Word;
    if (!endOfFlags && arg.value === '--') {
      endOfFlags = true;
      continue;
    }
    if (!endOfFlags && arg.value.startsWith('-') && arg.value.length > 1) {
      if (flagsWithValue.has(arg.value)) i++;
      continue;
    }
    out.push(arg);
  }
  return out;
}

/** Short-flag letters and long flags present before `--`: `-rf --force` gives r, f, --force. */
export function flagSet(args: Word[]): Set<string> {
  const flags = new Set<string>();
  for (const arg of args) {
    const v = arg.value;
    if (v === '--') break;
    if (v.startsWith('--')) flags.add(v.split('=')[0] as string);
    else if (v.startsWith('-') && v.length > 1 && !/^-\d/.test(v)) for (const c of v.slice(1)) flags.add(c);
  }
  return flags;
}

export function hasFlag(args: Word[], ...names: string[]): boolean {
  const flags = flagSet(args);
  return names.some((n) => flags.has(n.replace(/^-(?!-)/, '')));
}

/** Value of an option given as `--opt value`, `--opt=value` or `-o value`. */
export function optionValue(args: Word[], ...names: string[]): string | null {
  for (let i = 0; i < args.length; i++) {
    const v = (args[i] as Word).value;
    for (const n of names) {
      if (v === n) return args[i + 1]?.value ?? null;
      if (n.startsWith('--') && v.startsWith(`${n}=`)) return v.slice(n.length + 1);
      if (!n.startsWith('--') && n.length === 2 && v.startsWith(n) && v.length > 2 && !v.startsWith('--')) {
        return v.slice(2);
      }
    }
  }
  return null;
}

export function values(words: Word[]): string[] {
  return words.map((w) => w.value);
}

export function urlsIn(text: string): string[] {
  return [...text.matchAll(/\b(?:https?|ftp|wss?):\/\/[^\s'"`)<>|;]+/gi)].map((m) => m[0]);
}
