/**
 * The hook's way to the secrets engine. The guard hook is a fresh process per tool call, and loading the engine
 * (80 KB of rules and provider formats, compiled and evaluated) cost it more than deciding. Most texts it scans or
 * redacts (`git status`, a log entry, a reason) hold none of the literals every rule needs: the engine's own
 * precheck (scanners/secrets/precheck.ts) says so, and this gate runs that same test on the table the build
 * computed from the engine (scripts/secret-precheck-table.mjs), loading the engine only when a text may hold one.
 * Same answers as the engine: its findSecrets runs the same test first and returns nothing when it fails.
 */
import type { FindSecretsOptions, SecretHit } from '../scanners/secrets/detect.js';

export interface SecretEngine {
  findSecrets(text: string, opts?: FindSecretsOptions): SecretHit[];
  redactText(text: string): string;
}

/** precheck.ts's literal table and the engine's token runs, as the build computed them. */
export interface PrecheckTable {
  anyCase: readonly string[];
  exact: readonly string[];
  shapes: readonly string[];
  anyLongToken: boolean;
  /** Rules tested by their own regex (a URL's `user:password@`), not by their keywords. */
  patterns: readonly { source: string; flags: string }[];
  minLength: number;
  /** The characters a token run is made of (all ASCII). */
  tokenChars: string;
  /** Longer texts always go to the engine. */
  maxChars: number;
}

/** The table's patterns compiled once per table (the hook tests several texts per call); g/y dropped so test() keeps no state. */
const compiled = new WeakMap<PrecheckTable, RegExp[]>();
function patternsOf(table: PrecheckTable): RegExp[] {
  let patterns = compiled.get(table);
  if (!patterns) {
    patterns = table.patterns.map((p) => new RegExp(p.source, p.flags.replace(/[gy]/g, '')));
    compiled.set(table, patterns);
  }
  return patterns;
}

/** `mayHoldSecret` of precheck.ts on a table: false only when no rule can match `text`. */
export function mayHoldSecretBy(table: PrecheckTable, tokenChar: Uint8Array, text: string): boolean {
  if (text.length > table.maxChars) return true;
  for (const needle of table.exact) if (text.includes(needle)) return true;
  const lower = text.toLowerCase();
  for (const needle of table.anyCase) if (lower.includes(needle)) return true;
  const isToken = (c: number) => c < tokenChar.length && tokenChar[c] === 1;
  for (const prefix of table.shapes) {
    for (let at = text.indexOf(prefix); at !== -1; at = text.indexOf(prefix, at + 1)) {
      let start = at;
      while (start > 0 && isToken(text.charCodeAt(start - 1))) start--;
      let end = at;
      while (end < text.length && end - start < table.minLength && isToken(text.charCodeAt(end))) end++;
      if (end - start >= table.minLength) return true;
    }
  }
  if (patternsOf(table).some((p) => p.test(text))) return true;
  if (!table.anyLongToken) return false;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    run = isToken(text.charCodeAt(i)) ? run + 1 : 0;
    if (run >= table.minLength) return true;
  }
  return false;
}

/** The engine behind the precheck: `load` runs (once) for the first text that may hold a secret. */
export function secretGate(
  table: PrecheckTable,
  load: () => SecretEngine,
): SecretEngine & { loaded(): boolean } {
  const tokenChar = new Uint8Array(128);
  for (const c of table.tokenChars) tokenChar[c.charCodeAt(0)] = 1;
  let engine: SecretEngine | undefined;
  const get = () => {
    engine ??= load();
    return engine;
  };
  return {
    findSecrets: (text, opts) =>
      mayHoldSecretBy(table, tokenChar, text) ? get().findSecrets(text, opts) : [],
    redactText: (text) => (mayHoldSecretBy(table, tokenChar, text) ? get().redactText(text) : text),
    loaded: () => engine !== undefined,
  };
}
