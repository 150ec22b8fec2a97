/**
 * The detector's first layer: undo the tricks that hide an instruction from a human reader or from a
 * pattern (invisible characters, look-alike letters, markup that is never rendered, encoded payloads), so the
 * rules and the model read what the model reading the text would read. Every function here is linear in the
 * text and bounded in what it decodes.
 */

export interface NormalizedText {
  text: string;
  /** Where `text` departs from the original: absent when unchanged. */
  pieces?: Piece[];
}

/** A run of the normalised text starting at `at`, copied from `from` (`copy`) or replacing one construct there. */
interface Piece {
  at: number;
  from: number;
  copy: boolean;
}

/** Cyrillic and Greek letters that render like Latin ones (the confusables attacks actually use). */
const CONFUSABLE: Record<string, string> = {
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'e',
  һ: 'h',
  і: 'i',
  ї: 'i',
  ј: 'j',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  ѕ: 's',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  ɡ: 'g',
  ı: 'i',
  А: 'A',
  В: 'B',
  Е: 'E',
  К: 'K',
  М: 'M',
  Н: 'H',
  О: 'O',
  Р: 'P',
  С: 'C',
  Т: 'T',
  У: 'Y',
  Х: 'X',
  І: 'I',
  Ј: 'J',
  Ѕ: 'S',
  Ԁ: 'D',
  α: 'a',
  ο: 'o',
  ν: 'v',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  ι: 'i',
  κ: 'k',
  ϲ: 'c',
  ε: 'e',
  Α: 'A',
  Β: 'B',
  Ε: 'E',
  Ζ: 'Z',
  Η: 'H',
  Ι: 'I',
  Κ: 'K',
  Μ: 'M',
  Ν: 'N',
  Ο: 'O',
  Ρ: 'P',
  Τ: 'T',
  Υ: 'Y',
  Χ: 'X',
};

/** Characters that render as nothing (zero-width, soft hyphen, bidi controls, BOM). */
function isInvisible(cp: number): boolean {
  return (
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2060 && cp <= 0x2069) ||
    cp === 0x00ad ||
    cp === 0xfeff ||
    cp === 0x180e
  );
}

// Invisibles, fullwidth forms, letter-like symbols and Roman numerals (ℐ, Ⅰ), Greek and Cyrillic, surrogate pairs of tag characters and math letters, entities.
const NORMALISE =
  /(?:[\u00AD\u0131\u0261\u0370-\u03FF\u0400-\u052F\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2069\u2100-\u217F\uFEFF\uFF01-\uFF5E]|\uDB40[\uDC00-\uDC7F]|\uD835[\uDC00-\uDFFF]|&#(?:[xX][0-9a-fA-F]{1,6}|[0-9]{1,7});)/y;

const isAsciiLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** A look-alike counts only inside a word that also has ASCII letters ("pаypal"), not in Russian or Greek prose. */
function inMixedWord(text: string, at: number): boolean {
  for (let i = at - 1; i >= Math.max(0, at - 20); i--) {
    const c = text.charCodeAt(i);
    if (isAsciiLetter(c)) return true;
    if (c < 0x370 || CONFUSABLE[text.charAt(i)] === undefined) break;
  }
  for (let i = at + 1; i < Math.min(text.length, at + 20); i++) {
    const c = text.charCodeAt(i);
    if (isAsciiLetter(c)) return true;
    if (c < 0x370 || CONFUSABLE[text.charAt(i)] === undefined) break;
  }
  return false;
}

/** What replaces one matched construct; undefined keeps it. */
function replacement(text: string, m: string, at: number): string | undefined {
  const cp = m.codePointAt(0) ?? 0;
  if (m.startsWith('&#')) {
    const value =
      m[2] === 'x' || m[2] === 'X' ? Number.parseInt(m.slice(3), 16) : Number.parseInt(m.slice(2), 10);
    return value > 0 && value <= 0x10ffff ? String.fromCodePoint(value) : undefined;
  }
  // Unicode tag characters mirror ASCII invisibly: surface them.
  if (cp >= 0xe0000 && cp <= 0xe007f)
    return cp >= 0xe0020 && cp <= 0xe007e ? String.fromCharCode(cp - 0xe0000) : '';
  if (cp >= 0x1d400 && cp <= 0x1d7ff) return String.fromCodePoint(cp).normalize('NFKC');
  if (cp >= 0xff01 && cp <= 0xff5e) return String.fromCharCode(cp - 0xfee0);
  // "Ⅰgnore": a Roman numeral or letter-like symbol that is a Latin letter under compatibility mapping.
  if (cp >= 0x2100 && cp <= 0x217f) {
    const latin = m.normalize('NFKC');
    return /^[A-Za-z]{1,4}$/.test(latin) ? latin : undefined;
  }
  if (isInvisible(cp)) return '';
  const latin = CONFUSABLE[m];
  return latin !== undefined && inMixedWord(text, at) ? latin : undefined;
}

/** Could the character at i start something NORMALISE matches? (A plain loop skips ASCII faster than a regex.) */
function mayNormalise(c: number): boolean {
  return c === 38 || (c >= 0xad && (c === 0xad || c >= 0x131));
}

/** The text as the model reads it: tag characters as ASCII, invisibles dropped, look-alikes as Latin. */
export function normalizeForScan(text: string): NormalizedText {
  const parts: string[] = [];
  const pieces: Piece[] = [];
  let copied = 0;
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    if (!mayNormalise(text.charCodeAt(i))) continue;
    NORMALISE.lastIndex = i;
    const m = NORMALISE.exec(text);
    if (!m || m.index !== i) continue;
    const repl = replacement(text, m[0], i);
    if (repl === undefined) continue;
    if (i > copied) {
      pieces.push({ at: length, from: copied, copy: true });
      parts.push(text.slice(copied, i));
      length += i - copied;
    }
    pieces.push({ at: length, from: i, copy: false });
    parts.push(repl);
    length += repl.length;
    copied = i + m[0].length;
    i = copied - 1;
  }
  if (pieces.length === 0) return { text };
  pieces.push({ at: length, from: copied, copy: true });
  parts.push(text.slice(copied));
  return { text: parts.join(''), pieces };
}

/** Offset in the original text of an offset in the normalised one. */
export function originalOffset(norm: NormalizedText, offset: number): number {
  const pieces = norm.pieces;
  if (!pieces) return offset;
  let lo = 0;
  let hi = pieces.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((pieces[mid] as Piece).at <= offset) lo = mid;
    else hi = mid - 1;
  }
  const p = pieces[lo] as Piece;
  return p.copy ? p.from + (offset - p.at) : p.from;
}

export type HiddenKind = 'html-comment' | 'hidden-element';

export interface HiddenRegion {
  kind: HiddenKind;
  /** Offsets of the whole construct and of its inner text. */
  start: number;
  end: number;
  innerStart: number;
  innerEnd: number;
}

const HTML_COMMENT = /<!--((?:(?!-->)[\s\S]){0,4000})-->/g;
// An element styled or marked so that a browser does not show it (not displayed, transparent or white, text of
// at most 1px, placed far off-screen) or a <template>, which is never rendered; its text still reaches a model.
const HIDDEN_ELEMENT =
  /<(template|div|span|p|section|td|font|small|a|li|label)\b(?:(?<=<template)|[^>]{0,300}?(?:display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*(?:0(?:px|pt|em|rem)?|0?\.\d+(?:px|pt)|1(?:px|pt))\s*[;"']|(?:left|top|text-indent|margin-left)\s*:\s*-\d{3,}(?:px|em)?\s*[;"']|opacity\s*:\s*0(?:\.0+)?\s*[;"']|color\s*:\s*(?:#fff(?:fff)?|white|transparent)\b|\shidden(?:=["']?hidden["']?)?[\s>]|aria-hidden\s*=\s*["']true["']))[^>]{0,300}>((?:(?!<\/\1>)[\s\S]){1,4000})<\/\1>/gi;

/** Inside a markdown code span (an odd number of backticks before it on its line): shown as written. */
function inInlineCode(text: string, at: number): boolean {
  let ticks = 0;
  for (let i = at - 1; i >= 0 && text.charCodeAt(i) !== 10; i--) if (text.charCodeAt(i) === 96) ticks++;
  return ticks % 2 === 1;
}

/** HTML comments and hidden elements (not quoted in a code span): text a reader of the rendered page never sees. */
export function findHiddenRegions(text: string): HiddenRegion[] {
  const out: HiddenRegion[] = [];
  if (text.indexOf('<') === -1) return out;
  for (const [re, kind] of [
    [HTML_COMMENT, 'html-comment'],
    [HIDDEN_ELEMENT, 'hidden-element'],
  ] as const) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const inner = kind === 'html-comment' ? (m[1] ?? '') : (m[2] ?? '');
      const closing = kind === 'html-comment' ? '-->'.length : `</${m[1]}>`.length;
      const end = m.index + m[0].length;
      if (inInlineCode(text, m.index)) continue;
      out.push({
        kind,
        start: m.index,
        end,
        innerStart: end - closing - inner.length,
        innerEnd: end - closing,
      });
    }
  }
  return out;
}

export type Encoding = 'base64' | 'hex' | 'url' | 'rot13' | 'spaced' | 'leet';

export interface DecodedPayload {
  encoding: Encoding;
  start: number;
  end: number;
  decoded: string;
}

const MAX_PAYLOADS = 16;
const MAX_PAYLOAD_CHARS = 8192;
const MIN_RUN = 24;
const URL_ENCODED = /(?:%[0-9A-Fa-f]{2}[^\s%]{0,3}){8,2048}/g;
const ROT13_MENTION = /\brot-?13\b/i;

/** Mostly printable prose: decoded bytes that are a hash, an image or a key are not a payload. */
function isReadable(s: string): boolean {
  if (s.length < 12) return false;
  let letters = 0;
  let spaces = 0;
  let ideographs = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 9 || (c > 13 && c < 32) || c === 0xfffd) return false;
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) letters++;
    else if (c === 32) spaces++;
    // Letters of other scripts (Cyrillic, Greek, Arabic, Indic…), and CJK, which has no spaces.
    else if (c >= 0x370 && c < 0x2000) letters++;
    else if (c >= 0x3040 && c < 0xa000) {
      letters++;
      ideographs++;
    } else if (c >= 0xac00 && c < 0xd7b0) letters++;
  }
  // Half letters: a command line with a URL or an IP address in it is prose enough.
  return (spaces >= 2 || ideographs >= 6) && letters / s.length > 0.5;
}

const utf8 = new TextDecoder('utf-8', { fatal: false });

function rot13(s: string): string {
  return s.replace(/[A-Za-z]/g, (c) => {
    const base = c <= 'Z' ? 65 : 97;
    return String.fromCharCode(((c.charCodeAt(0) - base + 13) % 26) + base);
  });
}

function isBase64Char(c: number): boolean {
  return (
    (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 47 && c <= 57) || c === 43 || c === 45 || c === 95
  );
}
const isHexChar = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);

/** Runs of the base64 alphabet at least MIN_RUN long, in one pass over the characters. */
function alphabetRuns(text: string): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    if (isBase64Char(text.charCodeAt(i))) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      if (i - start >= MIN_RUN) runs.push([start, i]);
      start = -1;
    }
  }
  if (start >= 0 && text.length - start >= MIN_RUN) runs.push([start, text.length]);
  return runs;
}

function decodeRun(run: string): { encoding: Encoding; decoded: string } | undefined {
  // A C-style 0x prefix ("ref 0x4175746f…") is not part of the hex.
  const digits = run.startsWith('0x') ? run.slice(2) : run;
  let hex = digits.length % 2 === 0;
  for (let i = 0; hex && i < digits.length; i++) hex = isHexChar(digits.charCodeAt(i));
  if (hex) return { encoding: 'hex', decoded: utf8.decode(Buffer.from(digits, 'hex')) };
  // Identifiers and paths (camelCase, snake_case, a/b-c) use the alphabet too; base64 of prose mixes cases
  // (base64 of Cyrillic or Greek UTF-8 too, though with fewer small letters).
  let upper = 0;
  let lower = 0;
  for (let i = 0; i < run.length; i++) {
    const c = run.charCodeAt(i);
    if (c >= 65 && c <= 90) upper++;
    else if (c >= 97 && c <= 122) lower++;
  }
  if (upper < run.length * 0.15 || lower < run.length * 0.15) return undefined;
  return {
    encoding: 'base64',
    decoded: utf8.decode(Buffer.from(run.replace(/-/g, '+').replace(/_/g, '/'), 'base64')),
  };
}

/** What puts a line up for the scans below: six spaced letters in a row; a digit inside a word ("1gn0r3"). */
const SPACED_HINT = /[A-Za-z] [A-Za-z] [A-Za-z] [A-Za-z] [A-Za-z] [A-Za-z]/g;
const LEET_HINT = /[a-z][013457][a-z]|[013457][a-z][013457]/gi;
/** At most this many lines per text are scanned for spaced letters or leetspeak. */
const MAX_HINTED_LINES = 64;

/** The lines [start, end) in which `hint` matches, each once, in order. */
function hintedLines(text: string, hint: RegExp): Array<[number, number]> {
  const lines: Array<[number, number]> = [];
  hint.lastIndex = 0;
  for (let m = hint.exec(text); m && lines.length < MAX_HINTED_LINES; m = hint.exec(text)) {
    const start = text.lastIndexOf('\n', m.index) + 1;
    let end = text.indexOf('\n', m.index);
    if (end === -1) end = text.length;
    lines.push([start, end]);
    hint.lastIndex = end + 1;
  }
  return lines;
}
/** Letter-spaced text ("i g n o r e   t h e   r u l e s") needs this many one-character tokens in a row. */
const MIN_SPACED_TOKENS = 12;
const isSpace = (c: number) => c === 32 || c === 9;
const isBlank = (c: number) => isSpace(c) || c === 10 || c === 13;

/**
 * Runs of letter-spaced text: one-character tokens separated by one space, words by two or three. Decoded:
 * the single spaces dropped, the wider gaps kept as word breaks. One pass over the characters.
 */
function spacedRuns(text: string, from: number, to: number): Array<[number, number, string]> {
  const out: Array<[number, number, string]> = [];
  let start = -1;
  let last = -1;
  let tokens = 0;
  let decoded = '';
  const close = () => {
    if (tokens >= MIN_SPACED_TOKENS) out.push([start, last + 1, decoded]);
    start = -1;
    tokens = 0;
    decoded = '';
  };
  for (let i = from; i < to && out.length < MAX_PAYLOADS; i++) {
    const c = text.charCodeAt(i);
    if (isBlank(c)) continue;
    const single =
      (i === 0 || isBlank(text.charCodeAt(i - 1))) &&
      (i + 1 >= text.length || isBlank(text.charCodeAt(i + 1)));
    if (!single) {
      close();
      continue;
    }
    const gap = i - last - 1;
    if (start >= 0 && gap >= 1 && gap <= 3) {
      if (gap > 1) decoded += ' ';
    } else {
      close();
      start = i;
    }
    decoded += text[i];
    tokens++;
    last = i;
  }
  close();
  return out;
}

/** Letters joined by hyphens, dots or underscores ("I-g-n-o-r-e t-h-e r-u-l-e-s"): one token of them hints a line. */
const JOINED_HINT = /(?:[A-Za-z][-._]){3}[A-Za-z]/g;
const JOINED_TOKEN = /^(?:[\p{L}\d][-._]){2,}[\p{L}\d][^\p{L}\d\s]*$/u;

/**
 * A line whose words are letters joined by one separator each, decoded, or undefined: at least three such
 * words and half the line's words or more (a version string or an initialism alone does not make a line).
 */
function joinedLine(text: string, start: number, end: number): string | undefined {
  if (end - start < 20 || end - start > MAX_PAYLOAD_CHARS) return undefined;
  const words = text.slice(start, end).split(' ');
  let joined = 0;
  for (const w of words) if (JOINED_TOKEN.test(w)) joined++;
  if (joined < 3 || joined * 2 < words.length) return undefined;
  return words
    .map((w) => (JOINED_TOKEN.test(w) ? w.replace(/(?<=[\p{L}\d])[-._](?=[\p{L}\d])/gu, '') : w))
    .join(' ');
}

/** Digits and signs that stand for letters in leetspeak ("1gn0r3 y0ur ru135"). */
const LEET: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '@': 'a',
  $: 's',
};
const LEET_TOKEN = /^(?=[^\s]*[a-z])(?=[^\s]*[013457@$])[a-z013457@$]{2,24}[^a-z0-9\s]*$/i;
const LEET_DIGITS = /^[013457]{2,3}[^a-z0-9\s]*$/i;

/**
 * A line written in leetspeak, decoded, or undefined: at least four words that mix letters with 0 1 3 4 5 7 @ $, a third of the line's
 * words or more (identifiers like sha256 or utf8 do not make a line of them). Decoded: those words with the
 * digits read as letters.
 */
function leetLine(text: string, start: number, end: number): string | undefined {
  if (end - start < 20 || end - start > MAX_PAYLOAD_CHARS) return undefined;
  const words = text.slice(start, end).split(' ');
  let leet = 0;
  for (const w of words) if (LEET_TOKEN.test(w)) leet++;
  if (leet < 4 || leet * 3 < words.length) return undefined;
  return words
    .map((w) =>
      LEET_TOKEN.test(w) || LEET_DIGITS.test(w) ? w.replace(/[013457@$]/g, (d) => LEET[d] ?? d) : w,
    )
    .join(' ');
}

/**
 * Base64, hex and URL-encoded runs that decode to readable text (in any script), letter-spaced runs, lines of
 * hyphen- or dot-joined letters and leetspeak lines, and
 * the whole text rot13-decoded when it names rot13: at most MAX_PAYLOADS, each cut to MAX_PAYLOAD_CHARS, one
 * level deep.
 */
export function findEncodedPayloads(text: string): DecodedPayload[] {
  const out: DecodedPayload[] = [];
  const tryAdd = (encoding: Encoding, start: number, end: number, decoded: string) => {
    if (out.length < MAX_PAYLOADS && isReadable(decoded))
      out.push({ encoding, start, end, decoded: decoded.slice(0, MAX_PAYLOAD_CHARS) });
  };
  for (const [start, end] of alphabetRuns(text)) {
    if (out.length >= MAX_PAYLOADS) break;
    const decoded = decodeRun(text.slice(start, Math.min(end, start + MAX_PAYLOAD_CHARS * 2)));
    if (decoded) tryAdd(decoded.encoding, start, end, decoded.decoded);
  }
  if (text.includes('%')) {
    URL_ENCODED.lastIndex = 0;
    for (let m = URL_ENCODED.exec(text); m && out.length < MAX_PAYLOADS; m = URL_ENCODED.exec(text)) {
      try {
        tryAdd('url', m.index, m.index + m[0].length, decodeURIComponent(m[0]));
      } catch {
        // Not valid percent-encoding: not a payload.
      }
    }
  }
  for (const [from, to] of hintedLines(text, SPACED_HINT))
    for (const [start, end, decoded] of spacedRuns(text, from, to)) tryAdd('spaced', start, end, decoded);
  for (const [start, end] of hintedLines(text, JOINED_HINT)) {
    const decoded = joinedLine(text, start, end);
    if (decoded) tryAdd('spaced', start, end, decoded);
  }
  for (const [start, end] of hintedLines(text, LEET_HINT)) {
    const decoded = leetLine(text, start, end);
    if (decoded) tryAdd('leet', start, end, decoded);
  }
  if (ROT13_MENTION.test(text)) tryAdd('rot13', 0, text.length, rot13(text.slice(0, MAX_PAYLOAD_CHARS)));
  return out;
}
