/**
 * Kubernetes Secret manifests (`kind: Secret`, as written or as `kubectl get secret -o yaml|json` prints them
 * into a transcript): every value under `data:` / `binaryData:` is base64 of a credential, with no prefix or
 * name that says so. The rules (rules.ts) find `key: <base64>` entries; these tests place one inside the `data`
 * map of a Secret and decode it.
 *
 * A JSON-heavy text holds thousands of `"key": "value"` pairs: the landmarks (`kind: Secret`, `data:` headers,
 * document separators) are found once per text and looked up per entry, so the cost stays linear.
 */
import { isPlaceholder } from './placeholders.js';
import { addRange, type Range } from './ranges.js';

/** How far from an entry its Secret's `kind` and its `data` header may be. */
const WINDOW = 20_000;

/** Keys of a Secret's data that hold no credential by themselves, and certificates (public by design). */
const PUBLIC_KEY_NAME =
  /^(?:user(?:name)?|login|email|host(?:name)?|port|namespace|database|db(?:name)?|server|url|ca\.crt|tls\.crt|[\w.-]{1,200}\.crt|ca\.pem|ca-bundle[\w.-]{0,100})$/i;

/** Whether the base64 value decodes to something a Secret would hide (not empty, a placeholder or a certificate). */
export function secretDataValue(key: string, value: string): boolean {
  if (PUBLIC_KEY_NAME.test(key) || value.length % 4 !== 0) return false;
  const decoded = Buffer.from(value, 'base64').toString('utf8').trim();
  if (decoded.length < 6 || decoded.startsWith('-----BEGIN CERTIFICATE')) return false;
  return !isNoSecretText(decoded);
}

function isNoSecretText(decoded: string): boolean {
  return isPlaceholder(decoded) || /^(?:pass(?:word)?|secret|admin|root|\*+)$/i.test(decoded);
}

/**
 * Base64 of a placeholder (`Y2hhbmdlbWU=` is `changeme`): what a Secret's template holds, found by another rule
 * (a `password: …` line) as well.
 */
export function isBase64Placeholder(value: string): boolean {
  if (value.length % 4 !== 0 || !/^[A-Za-z0-9+/]{4,200}={0,2}$/.test(value)) return false;
  const decoded = Buffer.from(value, 'base64').toString('latin1').trim();
  return /^[\x20-\x7e]{1,150}$/.test(decoded) && isNoSecretText(decoded);
}

interface Landmarks {
  /** Offsets of `kind: Secret` (YAML) or `"kind": "Secret"` (JSON). */
  kinds: number[];
  /** Offsets where a YAML `data:` / `binaryData:` header line starts, with its indentation. */
  yamlData: number[];
  yamlDataIndent: number[];
  /** Offsets just after a JSON `"data": {`. */
  jsonData: number[];
  /** Offsets of YAML document separators (`---` lines). */
  separators: number[];
  /** Where the block under each asked-about YAML header ends (memoised: many entries share one header). */
  blockEnds: Map<number, number>;
  /** Offsets of `}`, found when a JSON entry is first asked about. */
  closes?: number[];
}

// A line starts at the text's start, after a newline, or after `\n` written inside a JSON string.
const YAML_KIND = /(?:^|\n|\\n)kind:[ \t]{0,10}["']?Secret["']?[ \t]{0,10}(?=\r?\n|\\[rn]|$)/g;
const JSON_KIND = /\\?"kind\\?"[ \t\r\n]{0,20}:[ \t\r\n]{0,20}\\?"Secret\\?"/g;
const YAML_DATA = /(?:^|\n|\\n)([ \t]{0,40})(?:data|binaryData):[ \t]{0,10}(?=\r?\n|\\[rn])/g;
const JSON_DATA = /\\?"(?:data|binaryData)\\?"[ \t\r\n]{0,20}:[ \t\r\n]{0,20}\{/g;
const SEPARATOR = /(?:^|\n|\\n)---[ \t]{0,10}(?=\r?\n|\\[rn]|$)/g;

let cachedText: string | undefined;
let cached: Landmarks | undefined;

function offsets(re: RegExp, text: string, end = false): number[] {
  const out: number[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(end ? m.index + m[0].length : m.index);
  return out;
}

/** The landmarks of a text, computed once for the last text asked about (rules ask per entry of one text). */
function landmarks(text: string): Landmarks {
  if (cachedText === text && cached) return cached;
  const kinds = [...offsets(YAML_KIND, text), ...offsets(JSON_KIND, text)].sort((a, b) => a - b);
  const yamlData: number[] = [];
  const yamlDataIndent: number[] = [];
  YAML_DATA.lastIndex = 0;
  for (let m = YAML_DATA.exec(text); m; m = YAML_DATA.exec(text)) {
    yamlData.push(m.index + m[0].length);
    yamlDataIndent.push((m[1] ?? '').length);
  }
  cached = {
    kinds,
    yamlData,
    yamlDataIndent,
    jsonData: offsets(JSON_DATA, text, true),
    separators: offsets(SEPARATOR, text),
    blockEnds: new Map(),
  };
  cachedText = text;
  return cached;
}

/** Index of the last element of an ascending list below `at`, -1 when none. */
function lastBelow(list: readonly number[], at: number): number {
  let lo = 0;
  let hi = list.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as number) < at) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** Whether a `kind: Secret` sits in the same YAML document as `at` (no `---` between) and within WINDOW. */
function secretKindNear(marks: Landmarks, at: number): boolean {
  const before = lastBelow(marks.separators, at);
  const docStart = before === -1 ? 0 : (marks.separators[before] as number);
  const docEnd = marks.separators[before + 1] ?? Number.POSITIVE_INFINITY;
  const k = lastBelow(marks.kinds, docEnd);
  for (let i = k; i >= 0; i--) {
    const kind = marks.kinds[i] as number;
    if (kind < docStart || kind < at - WINDOW) return false;
    if (kind <= at + WINDOW) return true;
  }
  return false;
}

/**
 * Where the block under a YAML header ends: the start of the first later line indented at most `indent`, or
 * WINDOW after the header. Scanned once per header.
 */
function blockEnd(text: string, header: number, indent: number): number {
  const limit = Math.min(text.length, header + WINDOW);
  for (let at = header; at < limit; at++) {
    // A line breaks at a newline, or at `\n` written inside a JSON string.
    const c = text.charCodeAt(at);
    let lineStart: number;
    if (c === 10) lineStart = at + 1;
    else if (c === 92 && text.charCodeAt(at + 1) === 110) lineStart = at + 2;
    else continue;
    let i = lineStart;
    while (i < limit && (text.charAt(i) === ' ' || text.charAt(i) === '\t')) i++;
    const next = text.charAt(i);
    const blank =
      next === '\r' || next === '\n' || next === '#' || (next === '\\' && text.charAt(i + 1) === 'n');
    if (!blank && i - lineStart <= indent) return lineStart;
    at = i - 1;
  }
  return limit;
}

/**
 * A YAML entry (`  password: S0x6…`, indented `indent`) inside the `data:` or `binaryData:` map of a document
 * whose `kind` is Secret. `at` is where the entry's line starts (after its line break).
 */
export function inYamlSecretData(text: string, at: number, indent: number): boolean {
  const marks = landmarks(text);
  const h = lastBelow(marks.yamlData, at);
  if (h === -1) return false;
  const header = marks.yamlData[h] as number;
  const headerIndent = marks.yamlDataIndent[h] as number;
  if (headerIndent >= indent || at - header > WINDOW) return false;
  let end = marks.blockEnds.get(header);
  if (end === undefined) {
    end = blockEnd(text, header, headerIndent);
    marks.blockEnds.set(header, end);
  }
  if (at > end) return false;
  return secretKindNear(marks, at);
}

/**
 * A JSON entry (`"password": "S0x6…"`, quotes possibly escaped inside a transcript string) inside a `"data": {…}`
 * object, with `"kind": "Secret"` near it.
 */
export function inJsonSecretData(text: string, at: number): boolean {
  const marks = landmarks(text);
  const d = lastBelow(marks.jsonData, at + 1);
  if (d === -1) return false;
  const open = marks.jsonData[d] as number;
  if (at - open > WINDOW) return false;
  if (!marks.closes) {
    marks.closes = [];
    for (let i = text.indexOf('}'); i !== -1; i = text.indexOf('}', i + 1)) marks.closes.push(i);
  }
  // The first `}` after the object's `{` closes it (base64 values hold none): an entry after it is outside.
  const c = lastBelow(marks.closes, open) + 1;
  const close = marks.closes[c];
  if (close !== undefined && close < at) return false;
  return secretKindNear(marks, at);
}

/**
 * The ranges of a text the Secret entry rules search: around each `kind: Secret` (YAML or JSON), from 2 × WINDOW
 * before it (an entry is at most WINDOW from its `kind`, its `data` header at most WINDOW before the entry) to
 * WINDOW after it (`kubectl get -o yaml|json` sorts keys: `data` comes before `kind`). The entry's own tests then
 * run on that range and find the same `kind`, header and block as in the whole text. Merged, so a text of many
 * Secrets is still searched once; the whole text is only scanned for the literal `Secret`.
 */
export function secretKindWindows(text: string): Range[] {
  const out: Range[] = [];
  for (let i = text.indexOf('Secret'); i !== -1; i = text.indexOf('Secret', i + 6)) {
    const near = text.slice(Math.max(0, i - 80), i + 20);
    YAML_KIND.lastIndex = 0;
    JSON_KIND.lastIndex = 0;
    if (!YAML_KIND.test(near) && !JSON_KIND.test(near)) continue;
    let from = Math.max(0, i - 2 * WINDOW);
    if (from > 0) {
      // To the line's start, if it is near (a bounded search: minified text has no lines).
      const back = Math.max(0, from - 4000);
      const nl = text.slice(back, from).lastIndexOf('\n');
      if (nl !== -1) from = back + nl + 1;
    }
    addRange(out, from, Math.min(text.length, i + WINDOW));
  }
  return out;
}

/**
 * A value inside the `encryptedData` of a Bitnami SealedSecret (`kind: SealedSecret`): ciphertext only the cluster's
 * controller opens, committed to Git by design. Asked per accepted candidate only: the look-back is bounded.
 */
export function inSealedSecretData(text: string, at: number): boolean {
  const window = text.slice(Math.max(0, at - 5000), at);
  const header = window.lastIndexOf('encryptedData');
  if (header === -1) return false;
  const doc = window.slice(Math.max(0, window.lastIndexOf('\n---', header) + 1));
  return doc.includes('SealedSecret') || text.slice(at, at + 5000).includes('SealedSecret');
}

/** This module's patterns, for the ReDoS test (they run over whole texts that name a Secret). */
export const SECRET_MANIFEST_PATTERNS: readonly RegExp[] = [
  PUBLIC_KEY_NAME,
  YAML_KIND,
  JSON_KIND,
  YAML_DATA,
  JSON_DATA,
  SEPARATOR,
];
