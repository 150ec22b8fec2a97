/**
 * A cheap "can this short text hold a secret at all?" test, run before the engine is built. The guard hook is a
 * fresh process per tool call, and building the engine (the keyword automaton, the one-pass shape regex, the
 * first compile of each regex) cost more than the rest of the policy; most texts it redacts (a log entry, a URL,
 * a prompt) hold none of the literals every rule needs, and are answered here without building anything.
 *
 * Sound by construction: every rule match contains one of these literals, in some letter case.
 * - a context rule runs only when one of its keywords occurs (detect.ts);
 * - a shape rule's match starts with one of the literal prefixes read from its pattern (`literalPrefixes`);
 * - an anchored value is assigned to a name that contains one of its provider's keywords (anchored.ts);
 * - a rule marked `precheckByPattern` matches its own regex (tried here instead of its keywords).
 * A shape rule whose pattern has no literal prefix disables the shortcut for texts with a long token run.
 */
import { ANCHORED_KEYWORDS } from './anchored.js';
import type { TokenRuns } from './keyword-index.js';
import type { SecretRule } from './rules.js';

/** Longer texts go straight to the engine: its one pass is cheaper than many `includes` there. */
export const PRECHECK_MAX_CHARS = 8192;

/** The end of a group that starts at `open` (a `(`), or -1. Escapes and character classes are skipped. */
export function groupEnd(source: string, open: number): number {
  let depth = 0;
  let inClass = false;
  for (let i = open; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return -1;
}

/** `source` split at its top-level `|`. */
function alternatives(source: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inClass = false;
  let from = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      out.push(source.slice(from, i));
      from = i + 1;
    }
  }
  out.push(source.slice(from));
  return out;
}

/** The quantifier at `at` allows zero repetitions of what precedes it. */
function optionalAt(source: string, at: number): boolean {
  const q = source[at];
  return q === '?' || q === '*' || (q === '{' && source[at + 1] === '0' && /[,}]/.test(source[at + 2] ?? ''));
}

/** Escapes that stand for one literal character (punctuation); `\b` and `\B` match no character at all. */
const LITERAL_ESCAPE = /[^A-Za-z0-9]/;

/** Beyond this many literal prefixes of one pattern, the prefixes found so far are kept as they are. */
const MAX_PREFIXES = 64;

/** A class of at most this many characters is read as their alternation (`gh[pousr]_` → `ghp_`, `gho_`, …). */
const MAX_CLASS = 8;

/** The characters of the class opening at `open` (`[abc]`, `[a-c]`), when it is small, plain and not negated. */
function smallClass(source: string, open: number): { chars: string[]; end: number } | undefined {
  const chars: string[] = [];
  let i = open + 1;
  if (source[i] === '^') return undefined;
  for (; i < source.length && source[i] !== ']'; i++) {
    let c = source[i] as string;
    if (c === '\\') {
      c = source[++i] ?? '';
      if (!LITERAL_ESCAPE.test(c)) return undefined; // \d, \w, \s: too many
    }
    if (source[i + 1] === '-' && source[i + 2] !== ']' && source[i + 2] !== undefined) {
      const to = source.charCodeAt(i + 2);
      for (let code = c.charCodeAt(0); code <= to && chars.length <= MAX_CLASS; code++)
        chars.push(String.fromCharCode(code));
      i += 2;
    } else chars.push(c);
    if (chars.length > MAX_CLASS) return undefined;
  }
  return i < source.length && chars.length > 0 ? { chars, end: i } : undefined;
}

interface Prefixes {
  /** Every match starts with one of these. */
  strings: string[];
  /** The whole pattern is these literals (a group made of them can be followed by more literal text). */
  complete: boolean;
}

/** Literal prefixes of one alternative (no top-level `|`). */
function sequencePrefixes(source: string): Prefixes {
  let strings = [''];
  const append = (tails: string[]) => {
    strings = strings.flatMap((s) => tails.map((t) => s + t));
  };
  for (let i = 0; i < source.length; ) {
    const c = source[i] as string;
    let atom: string[];
    let next: number;
    let complete = true;
    if (c === '\\') {
      const e = source[i + 1] ?? '';
      if (e === 'b' || e === 'B') {
        i += 2;
        continue;
      }
      if (!LITERAL_ESCAPE.test(e)) return { strings, complete: false };
      atom = [e];
      next = i + 2;
    } else if (c === '(') {
      const end = groupEnd(source, i);
      let inner = source.slice(i + 1, end);
      if (inner.startsWith('?:')) inner = inner.slice(2);
      // A lookaround or a named group: keep it simple.
      else if (end === -1 || inner.startsWith('?')) return { strings, complete: false };
      const found = alternativePrefixes(inner);
      if (!found) return { strings, complete: false };
      atom = found.strings;
      complete = found.complete;
      next = end + 1;
    } else if (c === '[') {
      const set = smallClass(source, i);
      if (!set) return { strings, complete: false };
      atom = set.chars;
      next = set.end + 1;
    } else if ('.^$|)?*+{'.includes(c)) {
      return { strings, complete: false };
    } else {
      atom = [c];
      next = i + 1;
    }
    if (optionalAt(source, next) || strings.length * atom.length > MAX_PREFIXES)
      return { strings, complete: false };
    append(atom);
    // Repeated (`+`, `{2,}`): the first repetition is certain, what follows it is not.
    if (!complete || source[next] === '+' || source[next] === '{') return { strings, complete: false };
    i = next;
  }
  return { strings, complete: true };
}

function alternativePrefixes(source: string): Prefixes | undefined {
  const strings: string[] = [];
  let complete = true;
  for (const alt of alternatives(source)) {
    const found = sequencePrefixes(alt);
    if (found.strings.some((s) => s === '')) return undefined;
    strings.push(...found.strings);
    complete &&= found.complete;
  }
  return { strings, complete };
}

/**
 * Literal strings one of which every match of the regex `source` starts with (case as written), or undefined
 * when the pattern does not start with one (a character class, an optional part, a lookaround).
 */
export function literalPrefixes(source: string): string[] | undefined {
  return alternativePrefixes(source)?.strings;
}

interface Literals {
  /** Lower-cased keywords found in any letter case. */
  anyCase: string[];
  /** Keywords found only as written. */
  exact: string[];
  /** Shape rules' literal prefixes, as written: a match starts there, inside a long token run. */
  shapes: string[];
  /** Some shape rule has no literal prefix: a long token run may hold a secret whatever it contains. */
  anyLongToken: boolean;
}

/** The regexes of the rules tested by their own pattern (`precheckByPattern`), for one `test` on a whole text. */
export function precheckPatterns(rules: readonly SecretRule[]): { source: string; flags: string }[] {
  return rules
    .filter((r) => r.precheckByPattern)
    .map((r) => ({ source: r.re.source, flags: r.re.flags.replace(/[gy]/g, '') }));
}

let literals: Literals | undefined;
let patterns: RegExp[] | undefined;

function literalsOf(rules: readonly SecretRule[], isShapeRule: (r: SecretRule) => boolean): Literals {
  const anyCase = ANCHORED_KEYWORDS.map((k) => k.toLowerCase());
  const exact: string[] = [];
  const shapes: string[] = [];
  let anyLongToken = false;
  for (const rule of rules) {
    const caseless = rule.anyCase === true || rule.re.flags.includes('i');
    if (rule.precheckByPattern) continue;
    if (!isShapeRule(rule)) {
      // The engine runs a context rule only when one of its keywords occurs (in any case when `anyCase`).
      for (const k of rule.keywords) (caseless ? anyCase : exact).push(caseless ? k.toLowerCase() : k);
      continue;
    }
    const prefixes = literalPrefixes(rule.re.source);
    if (!prefixes) anyLongToken = true;
    else if (caseless) anyCase.push(...prefixes.map((p) => p.toLowerCase()));
    else shapes.push(...prefixes);
  }
  return {
    anyCase: [...new Set(anyCase)],
    exact: [...new Set(exact)],
    shapes: [...new Set(shapes)],
    anyLongToken,
  };
}

/** Shape rules only match inside runs of token characters at least `minLength` long. */
function hasTokenRun(text: string, { minLength, tokenChar }: TokenRuns): boolean {
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    run = isTokenChar(text.charCodeAt(i), tokenChar) ? run + 1 : 0;
    if (run >= minLength) return true;
  }
  return false;
}

function isTokenChar(c: number, tokenChar: Uint8Array): boolean {
  return c < tokenChar.length && tokenChar[c] === 1;
}

/** The run of token characters around offset `at` is at least `minLength` long. */
function inTokenRun(text: string, at: number, { minLength, tokenChar }: TokenRuns): boolean {
  let start = at;
  while (start > 0 && isTokenChar(text.charCodeAt(start - 1), tokenChar)) start--;
  let end = at;
  while (end < text.length && end - start < minLength && isTokenChar(text.charCodeAt(end), tokenChar)) end++;
  return end - start >= minLength;
}

/**
 * False only when no rule can match `text`. `rules`, `isShapeRule` and the token runs shape rules are tried on
 * are the engine's, passed in so this module builds nothing of the engine.
 */
export function mayHoldSecret(
  text: string,
  rules: readonly SecretRule[],
  isShapeRule: (r: SecretRule) => boolean,
  tokenRuns: TokenRuns,
): boolean {
  if (text.length > PRECHECK_MAX_CHARS) return true;
  literals ??= literalsOf(rules, isShapeRule);
  for (const needle of literals.exact) if (text.includes(needle)) return true;
  const lower = text.toLowerCase();
  for (const needle of literals.anyCase) if (lower.includes(needle)) return true;
  for (const prefix of literals.shapes)
    for (let at = text.indexOf(prefix); at !== -1; at = text.indexOf(prefix, at + 1))
      if (inTokenRun(text, at, tokenRuns)) return true;
  patterns ??= precheckPatterns(rules).map((p) => new RegExp(p.source, p.flags));
  if (patterns.some((re) => re.test(text))) return true;
  return literals.anyLongToken && hasTokenRun(text, tokenRuns);
}
