/**
 * Keyword-anchored detection: a value with no prefix of its own (`ALGOLIA_ADMIN=0a1b…`, `twilio: 9f8e…`) is a
 * secret when the name it is assigned to holds a provider's keyword and the value has that provider's shape.
 *
 * Searching every keyword over the whole text costs one pass per keyword (hundreds); instead one fast pass
 * finds assignments of a token-like value (`[=:]`, optional quote, 15 token characters), then the name before
 * each is read back and looked up. Values are rarer than words, so the per-keyword work is done on a few
 * short names, not on the text.
 */
import { entropy } from './entropy.js';
import { namesSomethingElse } from './names.js';
import { isMixedCaseHex, isPlaceholderToken } from './placeholders.js';
import { ANCHORED_FORMATS } from './provider-formats.js';

interface AnchoredFormat {
  id: string;
  keywords: readonly string[];
  value: RegExp;
  floor: number;
}

const FORMATS: AnchoredFormat[] = ANCHORED_FORMATS.map(([id, keywords, value, floor]) => ({
  id,
  keywords,
  value: new RegExp(`^(?:${value})$`, 'i'),
  floor,
}));

/** Every provider keyword: an anchored value is assigned to a name that contains one of them. */
export const ANCHORED_KEYWORDS: readonly string[] = [...new Set(FORMATS.flatMap((f) => f.keywords))];

/** Every keyword in one regex: one test per (short, lower-case) name instead of one `includes` per keyword. */
const ANY_KEYWORD = new RegExp(
  ANCHORED_KEYWORDS.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'),
);

/**
 * An assignment operator, or the word `key` / `token` / `secret` itself as people write in prose
 * (`twilio auth token 9f8e…`, `the deepgram key is 9f8e…`), followed by the start of a token-like value.
 */
// Cases spelled out: an `i` flag makes the whole pattern slower on every line of source text.
const ASSIGNED_VALUE =
  /(?:[=:>]|\b(?:[kK]ey|KEY|[tT]oken|TOKEN|[sS]ecret|SECRET)[ \t](?:is[ \t])?)[ \t]*["'`]?[A-Za-z0-9_\-+/.~]{15}/g;
/** How many value characters ASSIGNED_VALUE ends with. */
const VALUE_START = 15;

const MAX_NAME = 60;
const MAX_VALUE = 400;

function isTokenChar(c: number): boolean {
  return (
    (c >= 48 && c <= 57) ||
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    c === 95 || // _
    c === 45 || // -
    c === 43 || // +
    c === 47 || // /
    c === 46 || // .
    c === 61 || // =
    c === 126 // ~
  );
}

function isNameChar(c: number): boolean {
  return (
    (c >= 48 && c <= 57) ||
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    c === 95 ||
    c === 45 ||
    c === 46 ||
    c === 32 ||
    c === 9
  );
}

/** The name an operator at `op` assigns to, as written: up to 3 quotes/spaces, then name characters. */
function nameBefore(text: string, op: number): string {
  let end = op;
  // `a ::= v`, `a := v`, `a => v`, `a ||= v`: the operator may be longer than the character that matched.
  while (end > 0 && ':|?='.includes(text.charAt(end - 1))) end--;
  let skipped = 0;
  while (end > 0 && skipped < 3 && ` \t"'`.includes(text.charAt(end - 1))) {
    end--;
    skipped++;
  }
  let start = end;
  while (start > 0 && end - start < MAX_NAME && isNameChar(text.charCodeAt(start - 1))) start--;
  return text.slice(start, end);
}

const isLower = (c: string) => c >= 'a' && c <= 'z';
const isUpper = (c: string) => c >= 'A' && c <= 'Z';

/**
 * Whether `keyword` occurs in the name as words of it. In a camelCase name the words are known, so a keyword must
 * start and end where words do (`rookTable` holds no `okta`, `sumOfExposures` no `sumo`); a name without a
 * lower-to-upper change (`snake_case`, `UPPER`, `alllower`) is matched as a plain substring, as before.
 */
function hasKeyword(name: string, lower: string, camel: boolean, keyword: string): boolean {
  for (let i = lower.indexOf(keyword); i !== -1; i = lower.indexOf(keyword, i + 1)) {
    if (!camel) return true;
    const before = name.charAt(i - 1);
    const first = name.charAt(i);
    const last = name.charAt(i + keyword.length - 1);
    const after = name.charAt(i + keyword.length);
    const startsWord = !/[A-Za-z]/.test(before) || (isLower(before) && isUpper(first));
    const endsWord =
      !/[A-Za-z]/.test(after) || (isLower(last) && isUpper(after)) || (isUpper(last) && isUpper(after));
    if (startsWord && endsWord) return true;
  }
  return false;
}

export interface AnchoredSpan {
  ruleId: string;
  start: number;
  end: number;
}

/** Values assigned to a name that holds a provider keyword, in the shape that provider's keys have. */
export function findAnchored(text: string, includePlaceholders: boolean): AnchoredSpan[] {
  const out: AnchoredSpan[] = [];
  ASSIGNED_VALUE.lastIndex = 0;
  for (let m = ASSIGNED_VALUE.exec(text); m; m = ASSIGNED_VALUE.exec(text)) {
    // After a word, the name runs up to the end of that word (`twilio auth token`).
    const op = /[=:>]/.test(m[0].charAt(0)) ? m.index : m.index + m[0].search(/[ \t]/);
    const written = nameBefore(text, op);
    const name = written.toLowerCase();
    if (name.length < 3 || !ANY_KEYWORD.test(name)) continue;
    const aboutIt = namesSomethingElse(written);
    const camel = /[a-z][A-Z]/.test(written);
    const start = m.index + m[0].length - VALUE_START;
    let end = start;
    while (end < text.length && end - start < MAX_VALUE && isTokenChar(text.charCodeAt(end))) end++;
    while (end > start && text.charAt(end - 1) === '.') end--; // the full stop ending a sentence
    const value = text.slice(start, end);
    ASSIGNED_VALUE.lastIndex = end;
    if (!includePlaceholders && isPlaceholderToken(value)) continue;
    if (!includePlaceholders && isMixedCaseHex(value)) continue;
    for (const f of FORMATS) {
      // A name that holds an id, a hash, a URL… of the provider's (`ALGOLIA_ICON_HASH`) is not its key, unless the
      // format is itself an id (`adobe-client-id`).
      if (aboutIt && !f.id.endsWith('-id')) continue;
      if (!f.keywords.some((k) => hasKeyword(written, name, camel, k))) continue;
      if (!f.value.test(value) || (f.floor > 0 && entropy(value) < f.floor)) continue;
      out.push({ ruleId: f.id, start, end });
      break;
    }
  }
  return out;
}

/** How many formats the anchored pass knows (for the catalogue and docs). */
export const ANCHORED_RULE_IDS: readonly string[] = FORMATS.map((f) => f.id);

/** The pass's patterns, for the ReDoS test (ASSIGNED_VALUE runs over every scanned text). */
export const ANCHORED_PASS_PATTERNS: readonly RegExp[] = [ASSIGNED_VALUE, ANY_KEYWORD];
