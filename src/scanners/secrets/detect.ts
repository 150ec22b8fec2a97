/**
 * The secrets engine. Pure regex, no dependencies: it also runs inside the guard hook and the activity log's
 * redaction, so it must stay fast. Each rule (rules.ts) names literal keywords; a rule's regex only runs when
 * one of its keywords occurs in the text (an indexOf scan), which keeps ordinary source text cheap to scan.
 * The engine, not its callers, locates and masks what the rules find: a hit carries its line and column, the
 * masked text to show and a fingerprint for allowlists, so no caller handles the secret itself.
 */
import { type Position, positionLocator } from '../../core/text-position.js';
import { isAllowed, type SecretAllowlist } from './allowlist.js';
import { ANCHORED_KEYWORDS, findAnchored } from './anchored.js';
import { type Keyword, KeywordMatcher, type KeywordScan } from './keyword-index.js';
import { maskSecret, secretFingerprint } from './mask.js';
import { inScannerTarget, isMixedCaseHex, isPlaceholderToken, SCANNER_NAMES } from './placeholders.js';
import { mayHoldSecret } from './precheck.js';
import { addRange, type Range, windowsAround } from './ranges.js';
import { SECRET_RULES, type SecretRule } from './rules.js';

export interface SecretHit extends Position {
  readonly ruleId: string;
  /** Offsets of the secret value itself inside the scanned text; `line` and `column` (1-based) locate `start`. */
  readonly start: number;
  readonly end: number;
  /** The secret masked by `maskSecret`: the only form of it to show anywhere. */
  readonly masked: string;
  /** `secretFingerprint` of the secret, for baselines and allowlists. */
  readonly fingerprint: string;
  /** An offline check proved the value genuine (e.g. a GitHub token's checksum holds). */
  readonly verified: boolean;
}

/**
 * Masked text and fingerprint are computed when asked for: a dense text holds thousands of hits and most
 * callers only count them or show the first (hashing every hit cost the dense benchmark a third of its
 * throughput). The secret sits in a private field, which neither JSON.stringify nor console.log shows; a
 * spread copy (`{ ...hit }`) loses `masked` and `fingerprint`, so pass hits on as they are.
 */
class LocatedSecret implements SecretHit {
  readonly #secret: string;
  #fingerprint: string | undefined;

  constructor(
    readonly ruleId: string,
    readonly start: number,
    readonly end: number,
    readonly line: number,
    readonly column: number,
    secret: string,
    readonly verified: boolean,
  ) {
    this.#secret = secret;
  }

  get masked(): string {
    return maskSecret(this.#secret);
  }

  get fingerprint(): string {
    this.#fingerprint ??= secretFingerprint(this.#secret);
    return this.#fingerprint;
  }

  /** A plain object for JSON output: getters are not serialised on their own. */
  toJSON(): SecretHit {
    const { ruleId, start, end, line, column, masked, fingerprint, verified } = this;
    return { ruleId, start, end, line, column, masked, fingerprint, verified };
  }
}

/**
 * Rules that match a token by its own shape (case-sensitive, whole match, starting at a word boundary) are
 * merged into one alternation so ordinary text is scanned once for all of them; a capture group around each
 * alternative says which rule matched.
 */
const isShapeRule = (r: SecretRule) =>
  !r.anyCase && !r.gated && r.group === undefined && r.re.source.startsWith('\\b');
/** The shortest token any shape rule matches (`AKIA` + 16): shorter runs cannot hold one. */
const MIN_SHAPE_TOKEN = 20;

/** Characters a token may be made of, wider than any shape rule's alphabet. */
const TOKEN_CHAR = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-.+/=:~!$%')
  TOKEN_CHAR[c.charCodeAt(0)] = 1;

/**
 * The one-pass alternation of every shape rule is tried on maximal runs of token characters at least
 * MIN_SHAPE_TOKEN long only (a small part of ordinary text), not at every word of it; the keyword pass finds them.
 */
const TOKEN_RUNS = { minLength: MIN_SHAPE_TOKEN, tokenChar: TOKEN_CHAR };

/** Number of capturing groups in a regex source: `(` not escaped, not in a class, not `(?:` or a lookaround. */
export function capturingGroups(source: string): number {
  let count = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(' && (source[i + 1] !== '?' || /^\?<[A-Za-z_$]/.test(source.slice(i + 1, i + 4))))
      count++;
  }
  return count;
}

/** Capture group number of each shape rule's alternative (a rule may hold groups of its own). */
function groupNumbers(rules: SecretRule[]): number[] {
  const out: number[] = [];
  let next = 1;
  for (const r of rules) {
    out.push(next);
    next += 1 + capturingGroups(r.re.source);
  }
  return out;
}

/**
 * Everything the engine builds from the rules. Built on first use, not at import: the guard hook imports this
 * module on every tool call, and most calls never get past `mayHoldSecret`.
 */
interface Engine {
  shapeRules: SecretRule[];
  shapeScan: RegExp;
  shapeGroups: number[];
  contextRules: SecretRule[];
  ruleKeywords: number[][];
  /** Keyword indexes of the scanner names `inScannerTarget` looks for (found in the same pass). */
  scannerKeywords: number[];
  /** Keyword indexes of the anchored pass's provider names. */
  anchoredKeywords: number[];
  keywordMatcher: KeywordMatcher;
}

let engine: Engine | undefined;

function buildEngine(): Engine {
  const shapeRules = SECRET_RULES.filter(isShapeRule);
  // `m`: a token may end at the end of a line (see TOKEN_END in rules.ts).
  const shapeScan = new RegExp(
    `\\b(?:${shapeRules.map((r) => `(${r.re.source.slice(2)})`).join('|')})`,
    'gm',
  );
  /**
   * Context rules capture the secret in a group; the `d` flag gives that group's own offsets (a search for the
   * value inside the match finds the user name first in `postgres://pw:pw@host`, and masks the wrong part).
   */
  const contextRules = SECRET_RULES.filter((r) => !isShapeRule(r)).map((r) =>
    r.group === undefined || r.re.flags.includes('d')
      ? r
      : { ...r, re: new RegExp(r.re.source, `${r.re.flags}d`) },
  );
  /** Every context rule's keywords, found in one pass: a rule none of whose keywords occur is never run. */
  const keywords: Keyword[] = [];
  const keywordIndex = new Map<string, number>();
  const ruleKeywords: number[][] = contextRules.map((rule) =>
    rule.keywords.map((text) => {
      const anyCase = rule.anyCase === true;
      const key = `${anyCase ? 'i' : 's'}:${text}`;
      let index = keywordIndex.get(key);
      if (index === undefined) {
        index = keywords.push({ text, anyCase, positional: true }) - 1;
        keywordIndex.set(key, index);
      }
      return index;
    }),
  );
  const scannerKeywords = SCANNER_NAMES.map(
    (text) => keywords.push({ text, anyCase: true, positional: false }) - 1,
  );
  // The anchored pass runs on the lines around provider names (every anchored value is assigned to a name holding one).
  const anchoredKeywords = ANCHORED_KEYWORDS.map((text) => {
    const key = `i:${text.toLowerCase()}`;
    let index = keywordIndex.get(key);
    if (index === undefined) {
      index = keywords.push({ text: text.toLowerCase(), anyCase: true, positional: true }) - 1;
      keywordIndex.set(key, index);
    }
    return index;
  });
  return {
    shapeRules,
    shapeScan,
    shapeGroups: groupNumbers(shapeRules),
    contextRules,
    ruleKeywords,
    scannerKeywords,
    anchoredKeywords,
    keywordMatcher: new KeywordMatcher(keywords),
  };
}

/** Drops quotes and punctuation a greedy value pattern swallowed from the surrounding code. */
function trimTrailingPunctuation(value: string): string {
  let end = value.length;
  while (end > 0 && '"\'`,;)'.includes(value.charAt(end - 1))) end--;
  return end === value.length ? value : value.slice(0, end);
}

export interface FindSecretsOptions {
  /**
   * Also return provider-shaped tokens that look like placeholders (`sk-ant-api03-XXXXXXXX…`). Redaction
   * wants this: masking a placeholder costs nothing, missing a real key that happens to contain a run of
   * repeated characters leaks it. Reporting a finding does not: placeholders in docs are not leaks.
   */
  includePlaceholders?: boolean;
  /** Secrets accepted on purpose (a baseline, known test keys) are not returned. Never set when redacting. */
  allow?: SecretAllowlist;
}

interface Span {
  ruleId: string;
  start: number;
  end: number;
  verify?: (value: string) => boolean;
}

/**
 * A token cut off by masking characters right after it (`xoxp-5723…-####`, `sk-live-4f2a****`, `ghp_12ab...`): the
 * rule matched the part before the mask, which is a template's, not a leak.
 */
function maskedAfter(text: string, end: number): boolean {
  const c = text.charCodeAt(end);
  if (c === 0x2026) return true; // …
  if (c !== 0x23 && c !== 0x2a && c !== 0x2e) return false; // # * .
  return text.charCodeAt(end + 1) === c && text.charCodeAt(end + 2) === c;
}

function addSpan(
  spans: Span[],
  rule: SecretRule,
  m: RegExpExecArray,
  opts: FindSecretsOptions,
  text: string,
  offset = 0,
): void {
  const value = m[rule.group ?? 0];
  if (!value) return;
  const cleaned = trimTrailingPunctuation(value);
  const start = offset + (m.indices?.[rule.group ?? 0]?.[0] ?? m.index + m[0].indexOf(value));
  if (!opts.includePlaceholders) {
    if (maskedAfter(text, start + cleaned.length) || isMixedCaseHex(cleaned)) return;
    if (rule.rejectPlaceholders && isPlaceholderToken(cleaned)) return;
    if (rule.lookAlike?.(cleaned, m)) return;
  }
  if (rule.accept && !rule.accept(cleaned, m)) return;
  spans.push({
    ruleId: rule.id,
    start,
    end: start + cleaned.length,
    ...(rule.verify && { verify: rule.verify }),
  });
}

const NEAR_BEFORE = 300;
const NEAR_AFTER = 340;

function matchOffsets(anchor: RegExp, text: string): number[] {
  const out: number[] = [];
  anchor.lastIndex = 0;
  for (let m = anchor.exec(text); m; m = anchor.exec(text)) out.push(m.index);
  return out;
}

/** Keyword offsets per this many characters beyond which windows around them would cover the text anyway. */
const SPARSE = 2000;
/**
 * The same for the anchored pass: its regex tries every position of a text, so windows pay off at a higher density
 * (provider names such as `gateway` occur in ordinary prose).
 */
const ANCHORED_SPARSE = 400;

/** Offsets of a rule's keywords; undefined when they are so frequent that windows would cover the text. */
function keywordOffsets(
  ids: readonly number[],
  found: KeywordScan,
  length: number,
  sparse = SPARSE,
): number[] | undefined {
  const out: number[] = [];
  for (const id of ids) {
    if ((found.first[id] ?? -1) === -1) continue;
    const at = found.offsets[id];
    if (!at) return undefined;
    out.push(...at);
  }
  return out.length > length / sparse ? undefined : out.sort((a, b) => a - b);
}

/**
 * Where a rule's regex runs: near its anchor's matches, near its keywords for a gated rule (its pattern starts
 * with a character class, costly to try at every position of a large text), else the whole text.
 */
function searchWindows(rule: SecretRule, ids: readonly number[], found: KeywordScan, text: string): Range[] {
  if (rule.near) return windowsAround(matchOffsets(rule.near, text), text.length, NEAR_BEFORE, NEAR_AFTER);
  if (rule.windows) return rule.windows(text);
  const offsets = keywordOffsets(ids, found, text.length);
  if (!offsets) return [[0, text.length]];
  if (rule.reach) return windowsAround(offsets, text.length, rule.reach, rule.reach);
  return rule.gated
    ? windowsAround(offsets, text.length, NEAR_BEFORE, NEAR_AFTER)
    : lineWindowsAround(offsets, text);
}

/** How far a line window may reach past its few hundred characters to find the line's start or end. */
const LINE_REACH = 4000;

/** The start of the line holding `at`, if it is at most LINE_REACH back (a bounded search: minified text has no lines). */
function lineStartNear(text: string, at: number): number {
  const from = Math.max(0, at - LINE_REACH);
  const nl = text.slice(from, at).lastIndexOf('\n');
  return nl !== -1 ? from + nl + 1 : from === 0 ? 0 : at;
}

/** The end of the line holding `at`, if it is at most LINE_REACH on; else `at`. */
function lineEndNear(text: string, at: number): number {
  const to = Math.min(text.length, at + LINE_REACH);
  const nl = text.slice(at, to).indexOf('\n');
  return nl !== -1 ? at + nl : to === text.length ? to : at;
}

/**
 * Windows around keyword offsets for a context rule (its match holds its keyword): a few hundred characters each
 * way, widened to whole lines so `^`/`$` and the rules' look-backs along the line see what they would in the
 * whole text, and a long value on the keyword's line is not cut.
 */
function lineWindowsAround(offsets: number[], text: string): Range[] {
  const out: Range[] = [];
  const n = text.length;
  for (const at of offsets) {
    let from = Math.max(0, at - NEAR_BEFORE);
    const last = out[out.length - 1];
    if (last && from <= last[1]) from = last[1];
    else from = lineStartNear(text, from);
    addRange(out, from, lineEndNear(text, Math.min(n, at + NEAR_AFTER)));
  }
  return out;
}

/** Every rule's matches, sorted and merged. */
function findSpans(text: string, opts: FindSecretsOptions): Span[] {
  engine ??= buildEngine();
  const {
    shapeRules,
    shapeScan,
    shapeGroups,
    contextRules,
    ruleKeywords,
    scannerKeywords,
    anchoredKeywords,
    keywordMatcher,
  } = engine;
  const spans: Span[] = [];
  const found = keywordMatcher.scan(text, text.length / SPARSE, TOKEN_RUNS);
  for (let r = 0; r < found.runs.length; r += 2) {
    const from = found.runs[r] as number;
    const run = text.slice(from, found.runs[r + 1]);
    shapeScan.lastIndex = 0;
    for (let m = shapeScan.exec(run); m; m = shapeScan.exec(run)) {
      const at = shapeGroups.findIndex((g) => m?.[g] !== undefined);
      const rule = shapeRules[at];
      if (rule) addSpan(spans, rule, m, opts, text, from);
    }
  }
  contextRules.forEach((rule, r) => {
    const ids = ruleKeywords[r] as number[];
    if (!ids.some((id) => (found.first[id] ?? -1) !== -1)) return;
    for (const [from, to] of searchWindows(rule, ids, found, text)) {
      // A window is searched as its own string: a regex run on the whole text from `from` would not stop at `to`.
      const part = from === 0 && to === text.length ? text : text.slice(from, to);
      rule.re.lastIndex = 0;
      for (let m = rule.re.exec(part); m; m = rule.re.exec(part)) addSpan(spans, rule, m, opts, text, from);
    }
  });
  const names = keywordOffsets(anchoredKeywords, found, text.length, ANCHORED_SPARSE);
  const anchoredIn = names ? lineWindowsAround(names, text) : [[0, text.length] as Range];
  for (const [from, to] of anchoredIn) {
    const part = from === 0 && to === text.length ? text : text.slice(from, to);
    for (const s of findAnchored(part, opts.includePlaceholders === true))
      spans.push({ ruleId: s.ruleId, start: s.start + from, end: s.end + from });
  }
  // A text naming no scanner (the keyword pass says so) has no hit in a scanner's target URL.
  const namesScanner = scannerKeywords.some((id) => (found.first[id] ?? -1) !== -1);
  if (!opts.includePlaceholders && spans.length > 0 && namesScanner) {
    const kept = spans.filter((s) => !inScannerTarget(text, s.start));
    if (kept.length !== spans.length) return mergeOverlaps(kept);
  }
  return mergeOverlaps(spans);
}

/**
 * Rule families that only say "a credential", not whose: a provider's rule on the same value names it (and its
 * rotation). A family's rules share its id as a prefix (`cli-password-argument-short-flag`).
 */
const UNNAMED = /^(?:generic-secret|authorization-header|cli-password-argument|hex-key-in-log)(?:-|$)/;

/** Sorted, with overlapping spans merged into the first: a secret is masked once and in full. */
function mergeOverlaps(spans: Span[]): Span[] {
  if (spans.length < 2) return spans;
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Span[] = [];
  for (const s of spans) {
    const prev = out[out.length - 1];
    if (prev && s.start < prev.end) {
      if (s.end > prev.end) prev.end = s.end;
      if (s.start === prev.start && UNNAMED.test(prev.ruleId) && !UNNAMED.test(s.ruleId)) {
        prev.ruleId = s.ruleId;
        if (s.verify) prev.verify = s.verify;
      }
      continue;
    }
    out.push({ ...s });
  }
  return out;
}

/** Whether any rule could match `text`: false means it holds no secret (see precheck.ts). */
export function mayHoldSecretText(text: string): boolean {
  return mayHoldSecret(text, SECRET_RULES, isShapeRule, TOKEN_RUNS);
}

/** The secrets in a text, in order, located and masked. */
export function findSecrets(text: string, opts: FindSecretsOptions = {}): SecretHit[] {
  if (!mayHoldSecretText(text)) return [];
  return findSecretsWithoutPrecheck(text, opts);
}

/** `findSecrets` without the precheck: the engine alone (tests prove the precheck never hides a hit). */
export function findSecretsWithoutPrecheck(text: string, opts: FindSecretsOptions = {}): SecretHit[] {
  const spans = findSpans(text, opts);
  if (spans.length === 0) return [];
  const locate = positionLocator(text);
  const hits: SecretHit[] = [];
  for (const { ruleId, start, end, verify } of spans) {
    const { line, column } = locate(start);
    const secret = text.slice(start, end);
    const hit = new LocatedSecret(ruleId, start, end, line, column, secret, verify?.(secret) ?? false);
    if (!opts.allow || !isAllowed(opts.allow, secret, hit)) hits.push(hit);
  }
  return hits;
}
