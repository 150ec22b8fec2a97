/**
 * The secret detector's rules, as data: the engine (detect.ts) runs them, locates and masks what they find.
 *
 * Tuned on data/secrets.jsonl (agentwarden shared data, 1387 rows, gitleaks@b58d3f102 + secretlint@18346ba31
 * fixtures + generated negatives), tuning half = rows whose sha256(id) starts with an even byte;
 * `node bench/secrets-detector.mjs` prints precision/recall on both halves and throughput.
 */
import { entropy } from './entropy.js';
import {
  inJsonSecretData,
  inSealedSecretData,
  inYamlSecretData,
  isBase64Placeholder,
  secretDataValue,
  secretKindWindows,
} from './kubernetes.js';
import { FOREIGN_SECRET_WORDS, foreignWords, isSecretName, namesSomethingElse } from './names.js';
import { isPlaceholderToken } from './placeholders.js';
import { PREFIXED_FORMATS } from './provider-formats.js';
import { addRange, type Range, windowsAround } from './ranges.js';
import {
  AWS_KEY_ID,
  dockerAuthValid,
  githubChecksumValid,
  jwtStructureValid,
  privateKeyInBase64,
} from './validators.js';
import { isEncodedData, isNonSecretShape } from './value-shapes.js';

export interface SecretRule {
  id: string;
  re: RegExp;
  /** The regex only runs if one of these occurs (in any case when `anyCase`). */
  keywords: string[];
  anyCase?: boolean;
  /** Capture group holding the secret (0 = whole match). */
  group?: number;
  /**
   * Drop values that are placeholders (`isPlaceholderToken`), except when redacting: masking a placeholder costs
   * nothing, missing a real key that happens to contain a run of repeated characters leaks it.
   */
  rejectPlaceholders?: boolean;
  /** Extra test on the captured value (and the whole match); false drops the hit, also when redacting. */
  accept?: (value: string, match: RegExpExecArray) => boolean;
  /**
   * A value that only resembles something else (a well-known default password, base64 of a file or of prose): true
   * drops the hit when reporting; redaction masks it all the same (a real secret may look so).
   */
  lookAlike?: (value: string, match: RegExpExecArray) => boolean;
  /** The values are base64 by definition (a Kubernetes Secret's data): what they decode to makes no look-alike. */
  base64Data?: boolean;
  /**
   * Run the regex only within a few hundred characters of this pattern's matches (a value that no name
   * identifies, paired with one that identifies itself: an AWS secret key near its access key id).
   */
  near?: RegExp;
  /** Run only when a keyword occurs, even though the pattern could join the one-pass shape scan. */
  gated?: boolean;
  /**
   * A context rule runs on the lines around its keywords' occurrences (its match holds a keyword); a rule whose
   * match spans many lines gives how many characters it reaches either side of a keyword instead.
   */
  reach?: number;
  /** Where in a text the regex runs (ranges), when the rule knows better than its keywords. */
  windows?: (text: string) => Range[];
  /** An offline proof that the value is genuine (a checksum that holds): the hit is marked `verified`. */
  verify?: (value: string) => boolean;
  /**
   * The precheck (precheck.ts) tests this rule's own regex instead of its keywords: for a keyword that occurs in
   * ordinary text all the time (`://` in every URL) under a pattern that is cheap to try on a short text.
   */
  precheckByPattern?: boolean;
}

/** PEM blocks are searched from just before each `PRIVATE KEY` to 20,000 characters after it (an RSA-4096 key is 3,300). */
function privateKeyWindows(text: string): Range[] {
  const offsets: number[] = [];
  for (let at = text.indexOf('PRIVATE KEY'); at !== -1; at = text.indexOf('PRIVATE KEY', at + 11))
    offsets.push(at);
  return windowsAround(offsets, text.length, 60, 20_000);
}

/** What the closing-comment rule needs after a comment marker: a few words ending in a secret word, then the line's end. */
const COMMENT_NAME_TAIL =
  /^(?:\/\/|#)[ \t]{0,10}(?:[A-Za-z0-9]{1,20}[ \t_-]){0,4}(?:key|token|secret|password)[ \t.]{0,20}$/i;

/**
 * Where the closing-comment rule runs: the lines whose comment is such a name, from 460 characters before the marker
 * (the quoted value, at most 400, and what may stand between it and the comment). Its pattern starts at a quote and
 * was tried at every quote of a text (a tenth of the engine's time on a JSON transcript); markers are found by
 * `indexOf`, and few lines end in a comment that names a secret.
 */
function closingCommentWindows(text: string): Range[] {
  const found: Range[] = [];
  for (const marker of ['//', '#'])
    for (let at = text.indexOf(marker); at !== -1; at = text.indexOf(marker, at + 1)) {
      // The rest of the line, if it ends within 160 characters (a bounded search: a minified text has no lines).
      const tail = text.slice(at, at + 161);
      const newline = tail.indexOf('\n');
      if (newline === -1 && at + 161 <= text.length) continue;
      const end = newline === -1 ? text.length : at + newline;
      if (COMMENT_NAME_TAIL.test(text.slice(at, end))) found.push([Math.max(0, at - 460), end]);
    }
  found.sort((a, b) => a[0] - b[0]);
  const out: Range[] = [];
  for (const [from, to] of found) addRange(out, from, to);
  return out;
}

/** A CSV/TSV header line: two or more name-like cells (quoted or not), separated by one of `,` `;` tab. */
const CSV_HEADER =
  /^[ \t]*"?[A-Za-z_][\w .-]{0,40}"?(?:([,;\t])"?[A-Za-z_][\w .-]{0,40}"?)(?:\1"?[A-Za-z_][\w .-]{0,40}"?){0,40}[ \t]*\r?$/;
const CSV_SECRET_WORD = /password|passwd|secret|token|api_?key|apikey/i;
/** How many data lines under a header the CSV rule reads. */
const CSV_ROWS = 50;

/** The lines of a text (start, end) from `from` on, at most `count`. */
function linesFrom(text: string, from: number, count: number): Range[] {
  const out: Range[] = [];
  for (let at = from; at < text.length && out.length < count; ) {
    const nl = text.indexOf('\n', at);
    const end = nl === -1 ? text.length : nl;
    out.push([at, end]);
    at = end + 1;
  }
  return out;
}

/** Where the CSV rule runs: a header line one of whose columns names a secret, and the data lines under it. */
function csvWindows(text: string): Range[] {
  const out: Range[] = [];
  const word = new RegExp(CSV_SECRET_WORD.source, 'gi');
  for (let m = word.exec(text); m !== null; m = word.exec(text)) {
    // The word's line, if it starts and ends within 2,000 characters (bounded searches: minified text has no lines).
    // A longer line is no header: the search goes on past it (or 2,000 characters on).
    const ahead = text.slice(m.index, m.index + 2000).indexOf('\n');
    const end = ahead === -1 ? Math.min(text.length, m.index + 2000) : m.index + ahead;
    word.lastIndex = end;
    if (ahead === -1 && end < text.length) continue;
    const back = text.slice(Math.max(0, m.index - 2000), m.index).lastIndexOf('\n');
    if (back === -1 && m.index > 2000) continue;
    const start = back === -1 ? 0 : m.index - Math.min(m.index, 2000) + back + 1;
    if (!CSV_HEADER.test(text.slice(start, end))) continue;
    const last = linesFrom(text, end + 1, CSV_ROWS).pop();
    if (last) addRange(out, start, last[1]);
  }
  return out;
}

/**
 * A CSV/TSV cell is a secret when its column's header names one (`user,email,password`, `name;api_key`) and the
 * row has the header's number of cells: the header is the nearest header line above, within CSV_ROWS lines.
 */
function csvCellIsSecret(value: string, m: RegExpExecArray): boolean {
  const text = m.input;
  const lineStart = text.lastIndexOf('\n', m.index) + 1;
  let headerEnd = lineStart - 1;
  for (let i = 0; i < CSV_ROWS && headerEnd > 0; i++) {
    const headerStart = text.lastIndexOf('\n', headerEnd - 1) + 1;
    const header = text.slice(headerStart, headerEnd);
    const sep = CSV_HEADER.exec(header)?.[1];
    if (sep && CSV_SECRET_WORD.test(header)) {
      const [row] = linesFrom(text, lineStart, 1);
      const cells = text.slice(lineStart, row?.[1] ?? lineStart).split(sep);
      const names = header.split(sep);
      const column = text.slice(lineStart, m.index).split(sep).length - 1;
      const name = (names[column] ?? '').trim().replace(/"/g, '');
      return cells.length === names.length && isSecretName(name) && namedValueLooksSecret(value, name);
    }
    headerEnd = headerStart - 1;
  }
  return false;
}

/** Version strings, dotted names and plain or CamelCase words are what generic assignments hold when benign. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const WORD = '(?:[A-Z]+|[A-Z]?[a-z]+(?:[A-Z][a-z]+)*)';
const WORDISH = new RegExp(`^${WORD}(?:[-_.:/ ]${WORD})*$`);
const WORDS_VERSION = new RegExp(
  `^${WORD}(?:[-_.:/ ]${WORD})*[-_ ](?:v?\\d{1,6}(?:\\.\\d{1,6}){1,3}|\\d{4}-[01]\\d-[0-3]\\d)$`,
);

/**
 * The whole name an assignment's value is given to. The rule's regex starts its match at the secret word
 * (a leading name pattern would backtrack on every word of the text); the rest of the name is read back here.
 */
function assignedName(m: RegExpExecArray): string {
  let start = m.index;
  while (start > 0 && isNameChar(m.input.charCodeAt(start - 1))) start--;
  const tail = m[1] ?? '';
  return start === m.index ? tail : m.input.slice(start, m.index) + tail;
}

/**
 * The assigned name says "secret", is more than a bare `key` (a map's or a cache's key as often as a credential),
 * and is not one segment of a colon-separated identifier (`arn:aws:secretsmanager:…:secret:prod/db`; PowerShell's
 * `$env:API_KEY = …` is a name).
 */
function genericNameIsSecret(m: RegExpExecArray): boolean {
  const name = assignedName(m);
  if (/^keys?$/i.test(name)) return false;
  const before = m.index - (name.length - (m[1] ?? '').length) - 1;
  const segment = m.input.charAt(before) === ':' && m[0].charAt((m[1] ?? '').length) === ':';
  return !segment && isSecretName(name);
}

/** A name given as its own field or argument (not an assignment's left side): a secret's, and more than a bare `key`. */
function namedPairIsSecret(name: string): boolean {
  return !/^keys?$/i.test(name) && isSecretName(name);
}

/** A file's name (`config/master.key`, `/run/secrets/db_password`, `token.txt`) says it holds a secret. */
function fileNameSaysSecret(path: string): boolean {
  const base = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  return namedPairIsSecret(base) || namedPairIsSecret(base.replace(/\.(?:txt|env|conf|cfg)$/i, ''));
}

/** A name that says password, in English or another language (`DB_PASSWD`, `smtp_pass`, `mot_de_passe`, `пароль`). */
const PASSWORD_NAME = new RegExp(`pass(?!port)|pwd|${foreignWords(['password'])}`, 'i');

/**
 * Well-known default and sample passwords, with at most three digits and a sign added (`changeme123`, `Passw0rd!`,
 * `admin1`). A year or a longer number (`Welcome2024!`, `Changeme123456`) makes a weak password someone chose.
 */
const DEFAULT_PASSWORD =
  /^(?:change_?(?:me|it)|p[a@]ssw[o0]rd|admin|secret|letmein|qwerty|welcome|test|default|example|demo|root|guest|hunter)[-_!@#.]?\d{0,3}[!@#.]?$/i;
const isDefaultPassword = (value: string) => DEFAULT_PASSWORD.test(value);

/** A value of 12 characters or more that looks secret, or a password (so named) from 8 with letters and digits. */
function namedValueLooksSecret(value: string, name: string): boolean {
  return value.length >= 12
    ? genericValueLooksSecret(value)
    : cliValueLooksSecret(value) && PASSWORD_NAME.test(name);
}

/**
 * The generic rules' test: a value that looks secret (of 12 characters or more; a password, named so, from 8 with
 * letters and digits), in a syntax that binds it to the name, and a name that says secret.
 */
function assignedValueIsSecret(value: string, m: RegExpExecArray): boolean {
  return namedValueLooksSecret(value, assignedName(m)) && assignmentSyntaxHolds(m) && genericNameIsSecret(m);
}

/** What may stand before a name given its value with blanks only, on its own line (`ENV`, `set $`, indentation). */
const SPACED_LINE_START =
  /^[ \t]*(?:(?:ENV|ARG|SetEnv|set(?:[ \t]+-[A-Za-z]{1,4})?|setx|export|setenv)[ \t]+)?\$?$/;
/** What may follow such a value on its line: its closing quote, a semicolon. */
const SPACED_LINE_END = /^["']?[ \t]*;?[ \t]*\r?$/;

/**
 * A generic match whose name and value stand apart without `=` or `:` fits one of these syntaxes:
 * - two quoted strings, name then value, separated by a comma or blanks: call arguments (`cfg.set("apiToken", "…")`,
 *   `System.setProperty`, `.header("X-Auth-Token", "…")`), a SQL row's fields (`('smtp_password', '…')`), a CLI's
 *   `set "Smtp:Password" "…"`;
 * - an element named as a secret: `<apiKey>…</apiKey>`;
 * - a command-line flag and its argument: `--client_secret …`, `--authToken …`, PowerShell's `-ApiKey …` (not a flag
 *   naming keys in the plural: `gpg --recv-keys <fingerprint>`);
 * - a line of a name and a value only: Gradle/Groovy and Ruby DSLs (`storePassword "…"`), Dockerfile `ENV API_KEY …`,
 *   Apache `SetEnv`, nginx `set $api_key "…";`, fish `set -gx API_TOKEN …`;
 * - a table's row of name and value cells: `| SMTP_PASSWORD | … |`.
 */
function assignmentSyntaxHolds(m: RegExpExecArray): boolean {
  const part = m[1] ?? '';
  const value = m[2] ?? '';
  const valueEnd = m.index + m[0].length;
  const sep = m[0].slice(part.length, m[0].length - value.length);
  // A constant's name as a call's argument (`= os.getenv("ACME_TOKEN")`) names another value.
  if (sep.includes('(') && /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(value)) return false;
  if (/[=:\uFF1A]|[ \t][a-zäéè]{1,6}[ \t]/.test(sep)) return true;
  const input = m.input;
  const name = assignedName(m);
  const nameStart = m.index + part.length - name.length;
  const before = input.charAt(nameStart - 1);
  const open = sep.charAt(0);
  if (sep.includes('|')) {
    // A table's row: `| SMTP_PASSWORD | … |`.
    const cellStart = input.slice(Math.max(0, nameStart - 8), nameStart);
    return /\|[ \t]*$/.test(cellStart) && /^[ \t]*\|/.test(input.slice(valueEnd, valueEnd + 8));
  }
  if (sep.includes('>')) {
    const close = input.slice(valueEnd, valueEnd + name.length + 16).replace(/^(?:\]\]>)?[ \t]*/, '');
    return before === '<' && close.startsWith(`</${name}>`);
  }
  if (open === '"' || open === "'") {
    // The quoted name may be a path of segments: `"Smtp:Password"`, `"mail.smtp.password"`.
    let quote = nameStart - 1;
    while (quote >= 0 && nameStart - quote < 100 && /[\w.:/-]/.test(input.charAt(quote))) quote--;
    return (
      input.charAt(quote) === open &&
      /["']$/.test(sep) &&
      input.charAt(valueEnd) === sep.charAt(sep.length - 1)
    );
  }
  if (sep.includes(',')) return false;
  if (name.startsWith('-')) {
    const dashes = name.startsWith('--') ? 2 : 1;
    return (
      /^[\s"'`]?$/.test(input.charAt(nameStart - 1)) && !name.startsWith('-', dashes) && !/keys$/i.test(name)
    );
  }
  const lineStart = input.lastIndexOf('\n', nameStart - 1) + 1;
  if (nameStart - lineStart > 60 || !SPACED_LINE_START.test(input.slice(lineStart, nameStart))) return false;
  const lineEnd = input.indexOf('\n', valueEnd);
  const rest = input.slice(
    valueEnd,
    lineEnd === -1 ? Math.min(input.length, valueEnd + 40) : Math.min(lineEnd, valueEnd + 40),
  );
  return SPACED_LINE_END.test(rest);
}

/** `(id, name, api_secret)` → `['id', 'name', 'api_secret']`, quotes of identifiers dropped. */
function columnNames(list: string): string[] {
  return list.split(',').map((c) => c.trim().replace(/^[`"[]|[`"\]]$/g, ''));
}

/** The quoted value at `at` stands in an `INSERT INTO t (…) VALUES (…)` under a column named as a secret. */
function insertColumnIsSecret(text: string, at: number): boolean {
  const before = text.slice(Math.max(0, at - 4000), at);
  const insert = before.search(/INSERT[ \t]+INTO[^(;]{1,200}\(([^()]{1,2000})\)[ \t\r\n]*VALUES[^;]*$/i);
  if (insert === -1) return false;
  const columns = /\(([^()]{1,2000})\)/.exec(before.slice(insert))?.[1];
  const tuple = before.lastIndexOf('(');
  if (columns === undefined || tuple < insert) return false;
  // Fields before this one: commas outside quoted strings.
  const fields =
    before
      .slice(tuple + 1)
      .replace(/'[^']*'/g, "''")
      .split(',').length - 1;
  const name = columnNames(columns)[fields];
  return name !== undefined && namedPairIsSecret(name);
}

/** The tab-separated field at `at` is in a `COPY t (…) FROM stdin;` block, under a column named as a secret. */
function copyColumnIsSecret(text: string, at: number): boolean {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const before = text.slice(Math.max(0, lineStart - 20_000), lineStart);
  const header = before.lastIndexOf('FROM stdin;');
  if (header === -1 || before.includes('\n\\.', header)) return false;
  const columns = /\(([^()]{1,2000})\)[ \t]*$/.exec(before.slice(Math.max(0, header - 2200), header))?.[1];
  if (columns === undefined) return false;
  const name = columnNames(columns)[text.slice(lineStart, at).split('\t').length - 1];
  return name !== undefined && namedPairIsSecret(name);
}

/** The word just before a match, across one space, `_` or `-` (`HMAC key`, `cache-key`), or ''. */
/** A key named by its public-key algorithm (`using RSA key <hex>`, `EDDSA key`): a key id or fingerprint. */
const PUBLIC_KEY_ALGORITHM = /^(?:rsa|dsa|ecdsa|eddsa|ed25519|cv25519|ed448|elgamal|ecc)$/i;

function wordBefore(m: RegExpExecArray): string {
  let end = m.index;
  if (end > 0 && ' \t_-'.includes(m.input.charAt(end - 1))) end--;
  let start = end;
  while (start > 0 && end - start < 40 && isNameChar(m.input.charCodeAt(start - 1))) start--;
  return m.input.slice(start, end);
}

function isNameChar(c: number): boolean {
  if (c >= 0xc0) return isForeignLetter(c);
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45; // 0-9 A-Z a-z _ -
}

/** A letter of FOREIGN_LETTERS' ranges. */
function isForeignLetter(c: number): boolean {
  return (
    (c >= 0xc0 && c <= 0x24f) ||
    (c >= 0x370 && c <= 0x6ff) ||
    (c >= 0x3040 && c <= 0x9fff) ||
    (c >= 0xac00 && c <= 0xd7af)
  );
}

function genericValueLooksSecret(value: string): boolean {
  if (isPlaceholderToken(value) || isBase64Placeholder(value)) return false;
  if (WORDISH.test(value) || /^\d+(?:\.\d+)+(?:[-.][\w.]+)?$/.test(value)) return false;
  // Words and a version or a date: a package, file or session name (`jjwt-jackson-0.11.2`, `code-session-2026-12-05`).
  if (WORDS_VERSION.test(value)) return false;
  // Code, not a value: `token = scanner.getToken()`, `key: NodeJS.ArrayBufferView`.
  if (/^[_$]?[A-Za-z]+(?:\.[_$]?[A-Za-z]+)+$/.test(value)) return false;
  if (isMalformedProviderToken(value)) return false;
  // UUIDs are real credentials when the name says token/key (Heroku, Snyk), never for `…Id` names.
  if (UUID.test(value)) return true;
  if (/^[0-9]+$/.test(value)) return value.length >= 16 && entropy(value) >= 2.8;
  if (/^[a-f0-9]+$/i.test(value)) return value.length >= 16 && /[a-f]/i.test(value) && entropy(value) >= 2.7;
  if (!/[0-9]/.test(value)) return entropy(value) >= 3.5;
  return entropy(value) >= 3.0;
}

/** A password of 16 characters or more, mixing letters and digits, that passes the generic value test. */
function randomPassword(value: string): boolean {
  return (
    value.length >= 16 && /[0-9]/.test(value) && /[A-Za-z]/.test(value) && genericValueLooksSecret(value)
  );
}

/**
 * A value that starts with a provider's distinctive prefix (`dapi`, `xoxp-`, `sm_aat_`) is that provider's token
 * or nothing: when the provider's own pattern does not hold (a character outside its alphabet, too short:
 * `xoxp-1234567890`) and the value is short or counts digits, it is a truncated or made-up example, and the
 * generic rule does not report it either.
 * Only prefixes of four or more characters, so that no ordinary word start is read as a provider.
 */
let providerPrefixes: [string, RegExp][] | undefined;
function isMalformedProviderToken(value: string): boolean {
  providerPrefixes ??= [
    ...PREFIXED_TOKENS.filter(([, k, pattern]) => k.length >= 4 && pattern.startsWith(k)).map(
      ([, k, pattern]): [string, RegExp] => [k, new RegExp(`^(?:${pattern})`)],
    ),
    [
      'xox',
      /^xox[abposre]-(?:\d{1,20}-){0,6}\d{8,1000}-[A-Za-z0-9-]{8,1000}|^xoxe\.xox[bp]-\d-[A-Za-z0-9]{40,1000}/,
    ],
  ];
  // Only short values or counted digits (`dapi123456789…`): a long, random-looking value under a provider's prefix may
  // be a format our pattern does not know yet (`xoxe-1-…` refresh tokens, longer `rdme_` keys), and stays reported.
  if (value.length >= 24 && !/0123456|1234567|2345678|3456789/.test(value)) return false;
  for (const [prefix, re] of providerPrefixes)
    if (
      value.startsWith(prefix) &&
      !(prefix === 'xox' && !/^xox[abposre][-.]/.test(value)) &&
      !re.test(value)
    )
      return true;
  return false;
}

/** A value given to a password or token flag: not a reference, placeholder or plain word, and not trivially short. */
function cliValueLooksSecret(value: string): boolean {
  if (isPlaceholderToken(value) || /^[$%{-]/.test(value) || WORDISH.test(value)) return false;
  if (value.length >= 12) return genericValueLooksSecret(value);
  return /[0-9]/.test(value) && /[A-Za-z]/.test(value) && entropy(value) >= 2.5;
}

/** The tool before a short `-p` / `-a` flag on its line takes a password there (see cli-password-argument). */
function shortFlagTakesPassword(m: RegExpExecArray): boolean {
  const before = m.input.slice(Math.max(0, m.index - 300), m.index);
  const line = before.slice(before.lastIndexOf('\n') + 1);
  const spaced = m[2] !== undefined;
  if (m[1] === 'a') return spaced && /\bredis-cli\b/.test(line);
  if (m[1] === 'P') return spaced && /\b(?:sqlcmd|osql|isql)\b/.test(line);
  if (!spaced) return /\b(?:mysql|mysqldump|mysqladmin|mariadb|sshpass)\b/.test(line);
  return /\b(?:sshpass|(?:docker|podman|buildah|nerdctl|helm registry|oras|az) login)\b/.test(line);
}

/** Letters of names written in other scripts (Latin with accents, Greek, Cyrillic, Hebrew, Arabic, kana, CJK, Hangul). */
const FOREIGN_LETTERS = '\\u00C0-\\u024F\\u0370-\\u06FF\\u3040-\\u9FFF\\uAC00-\\uD7AF';

/**
 * Words a secret's name holds; the generic rule's match starts at one (the rest of the name is read back). `key`
 * alone ends names such as `ROUTING_KEY`, `license_key`, `JWT_SIGNING_KEY`: a bare `key` is no name (see
 * `genericNameIsSecret`).
 */
const SECRET_NAME =
  'api[_. -]?key|apikey|secret|token|passw(?:or)?d|passwd|passphrase|pwd|auth[_-]?key|credential|private[_-]?key|access[_-]?key|client[_-]?secret|key|pass(?![a-z0-9])';

/** The literals every SECRET_NAME holds. */
const SECRET_WORD_KEYWORDS = ['key', 'secret', 'token', 'pass', 'pwd', 'credential'];

/**
 * Names of a secret that the English words above miss: `NPM_AUTH`, `GITHUB_PAT`, `pat:` (names.ts takes `auth` and
 * `pat` as a name's last word only), `mot_de_passe`, and the words of other languages (names.ts: FOREIGN_SECRET_WORDS,
 * a table shared with the name test). A rule of their own, keyed on literals that ordinary English text rarely holds: in the generic
 * rule's alternation they halved the engine's throughput on transcripts.
 */
const OTHER_SECRET_NAME = `auth(?![a-z0-9])|pat(?![a-z0-9])|passe(?![a-z0-9])|${foreignWords(['password', 'secret', 'key'])}`;

/**
 * The literals every OTHER_SECRET_NAME holds; `auth` and `pat` only where they end a name (`auth` alone is mostly an
 * object of settings, and `compat:`, `_path` hold `pat`).
 */
const OTHER_NAME_KEYWORDS = [
  ...new Set(FOREIGN_SECRET_WORDS.flatMap((w) => w.keywords)),
  'de-passe',
  '_auth:',
  '_auth=',
  '_auth =',
  '_auth>',
  '_pat>',
  '_auth"',
  "_auth'",
  '_pat:',
  '_pat=',
  '_pat =',
  '_pat"',
  "_pat'",
  '"pat"',
  "'pat'",
  ' pat:',
  ' pat=',
  ' pat =',
  '\npat:',
  '\npat=',
  '\npat =',
];

/**
 * A declaration's type between the name and `=` (tried before a bare `:`, which would take the type for the value):
 * TypeScript `apiKey: string =`, Kotlin/Swift `token: String =`, Rust `API_KEY: &str =` / `&'static str =`, C#/Java
 * generics `Secret: Option<String> =`, Go `apiKey string =`.
 */
const TYPED_ASSIGNMENT =
  ":[ \\t]{0,5}&?(?:'static[ \\t]{1,5})?[A-Za-z_][\\w.]{0,40}(?:<[\\w, .]{0,40}>)?\\??[ \\t]{0,5}=(?![=>])|[ \\t]{1,5}string[ \\t]{0,5}=(?!=)";

/** Tokens recognisable by a fixed prefix: [rule id, prefix keyword, pattern]. Patterns follow gitleaks. */
const PREFIXED_TOKENS: [string, string, string][] = [
  ['sourcegraph-token', 'sgp_', 'sgp_(?:local_)?[A-Fa-f0-9_]{40,1000}'],
  ['brevo-api-key', 'xkeysib-', 'xkeysib-[a-f0-9]{64}-[A-Za-z0-9]{16}'],
  ['notion-token', 'ntn_', 'ntn_[0-9]{11}[A-Za-z0-9]{32,1000}'],
  ['digitalocean-token', '_v1_', 'do[opr]_v1_[a-f0-9]{64}'],
  ['tailscale-key', 'tskey-', 'tskey-[a-z]+-[A-Za-z0-9]{8,1000}-[A-Za-z0-9]{16,1000}'],
  // Hex of 32 at first; Shopify's changelog (app secret keys, access tokens) announced longer alphanumeric ones.
  ['shopify-token', 'shp', 'shp(?:at|ss|ca|pa)_(?:[a-fA-F0-9]{32}|[A-Za-z0-9]{32,64})\\b'],
  ['shippo-token', 'shippo_', 'shippo_(?:live|test)_[a-f0-9]{40}'],
  ['planetscale-token', 'pscale_', 'pscale_(?:tkn|pw|oauth)_[A-Za-z0-9=._-]{32,64}'],
  ['age-secret-key', 'AGE-SECRET-KEY-', 'AGE-SECRET-KEY-1[A-Z0-9]{58}'],
  ['dynatrace-token', 'dt0c01.', 'dt0c01\\.[A-Z0-9]{24}\\.[A-Za-z0-9]{64}'],
  ['new-relic-key', 'NR', 'NR(?:AK-[A-Z0-9]{27}|JS-[a-f0-9]{19})'],
  ['flutterwave-secret-key', 'FLWSECK', 'FLWSECK(?:_TEST)?-[a-h0-9]{32}-X'],
  ['settlemint-token', 'sm_aat_', 'sm_aat_[A-Za-z0-9]{16}'],
  ['1password-secret-key', 'ops_eyJ', 'ops_eyJ[A-Za-z0-9+/]{250,1000}'],
  ['artifactory-api-key', 'AKCp', 'AKCp[A-Za-z0-9]{69}'],
  // Databricks personal access tokens are hex (`dapi` + 32 hex digits, `-2`-style suffix on newer ones).
  ['databricks-token', 'dapi', 'dapi[a-f0-9]{32}(?:-\\d)?'],
  ['grafana-token', 'gl', 'gl(?:c_[A-Za-z0-9+/]{32,1000}={0,2}|sa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8})'],
  ['linear-api-key', 'lin_api_', 'lin_api_[A-Za-z0-9]{40}'],
  ['rubygems-token', 'rubygems_', 'rubygems_[a-f0-9]{48}'],
  ['docker-hub-token', 'dckr_pat_', 'dckr_pat_[A-Za-z0-9_-]{27}'],
  ['doppler-token', 'dp.pt.', 'dp\\.pt\\.[A-Za-z0-9]{43}'],
  ['harness-token', 'at.', '(?:pat|sat)\\.[A-Za-z0-9]{22}\\.[A-Za-z0-9]{24,32}\\.[A-Za-z0-9]{20,32}'],
  ['figma-token', 'figd_', 'figd_[A-Za-z0-9_-]{40}'],
  ['postman-api-key', 'PMAK-', 'PMAK-[a-f0-9]{24}-[a-f0-9]{34}'],
  ['atlassian-api-token', 'ATATT', 'ATATT3[A-Za-z0-9_=-]{180,1000}'],
  ['sentry-token', 'sntrys_', 'sntrys_eyJ[A-Za-z0-9+/=_-]{50,1000}'],
  ['vercel-token', 'vc', 'vc[pikra]_[A-Za-z0-9]{40,1000}'],
  ['pulumi-token', 'pul-', 'pul-[a-f0-9]{40}'],
  ['readme-api-key', 'rdme_', 'rdme_[a-z0-9]{70}'],
  ['vault-token', 'hvs.', 'hvs\\.[A-Za-z0-9_-]{90,1000}'],
  ['facebook-access-token', 'EAA', 'EAA[A-Za-z0-9]{88,1000}'],
];

/** A token ends where quoting, whitespace, punctuation of the surrounding code or an escaped newline begins. */
const TOKEN_END = `(?=[\\x60'"\\s;,)\\]}<>|]|\\\\[nrt]|$)`;

function prefixedTokenRules(): SecretRule[] {
  const own = PREFIXED_TOKENS.map(([id, keyword, pattern]) => ({
    id,
    keywords: [keyword],
    re: new RegExp(`\\b${pattern}`, 'g'),
    rejectPlaceholders: true,
  }));
  const formats = PREFIXED_FORMATS.map(([id, pattern, floor, gate]) => ({
    id,
    keywords: gate ? [...gate] : [],
    ...(gate && { gated: true }),
    re: new RegExp(`\\b(?:${pattern})${TOKEN_END}`, 'gm'),
    rejectPlaceholders: true,
    ...(floor > 0 && { accept: (v: string) => entropy(v) >= floor }),
  }));
  return [...own, ...formats];
}

/**
 * A value a rule finds by its context (a secret word or a credential field before it, captured in a group) may be
 * a path, a time, a version or a host that merely sits there (`credential-file-permissions: ~/.claude.json`,
 * `"claudeCodeFirstTokenDate": "2025-06-12T10:34:09Z"`): every such rule rejects those shapes, also when
 * redacting. A token matched by its own shape (no group) is never one. Nor is a value in a SealedSecret's
 * `encryptedData` (ciphertext for the cluster, committed by design). Base64 of a file or of prose is only a
 * look-alike (see `isEncodedData`), except in a Kubernetes Secret's data.
 */
/** A line comment saying its value is public by design: `// client-side token`, `# publishable key`, `# not a secret`. */
const PUBLIC_PHRASE =
  /\b(?:client[- ]side|browser[- ]side|publishable|public by design|safe to (?:expose|share|commit)|not (?:a )?secret)\b/i;
/** A comment's start: `#` or `//` after a blank or the value's end, never a URL's `://` or `/#`. */
const COMMENT_START = /(?:^|[\s"'`,;])(?:\/\/|#)/;
/** Words that turn the phrase around: `# never expose client-side`, `# NOT safe to commit`. */
const NEGATION = /\b(?:never|not|no|don'?t|do not|must not|mustn'?t|should not|shouldn'?t|avoid)\b/i;

/** Whether the rest of a match's line (at most 200 characters) is a comment saying the value is public. */
function commentSaysPublic(m: RegExpExecArray): boolean {
  const from = m.index + m[0].length;
  const line = m.input.slice(from, from + 200).split('\n', 1)[0] as string;
  const start = COMMENT_START.exec(line);
  if (start === null) return false;
  const comment = line.slice(start.index, start.index + 100);
  const phrase = PUBLIC_PHRASE.exec(comment);
  return phrase !== null && !NEGATION.test(comment.slice(0, phrase.index));
}

function rejectNonSecretShapes(rule: SecretRule): SecretRule {
  if (rule.group === undefined) return rule;
  const { accept, lookAlike } = rule;
  const own = (v: string, m: RegExpExecArray) =>
    !isNonSecretShape(v) && !inSealedSecretData(m.input, m.index);
  const looksAlike = (v: string, m: RegExpExecArray) =>
    (lookAlike?.(v, m) ?? false) || isEncodedData(v) || commentSaysPublic(m);
  return {
    ...rule,
    accept: accept ? (v, m) => accept(v, m) && own(v, m) : own,
    ...(!rule.base64Data && { lookAlike: looksAlike }),
  };
}

/** A value on the line after its name: a YAML block scalar (`token: |`), an HCL or shell heredoc (`= <<EOT`). */
const BLOCK_VALUE = '[:=][ \\t]{0,5}(?:[|>][-+]?|<<[-~]?[A-Z]{1,10})[ \\t]{0,5}\\r?\\n[ \\t]{0,40}';

/** A full-width colon (`密码：…`) and prose's "is" in other languages (`das Passwort lautet …`, `la contraseña es …`). */
const OTHER_SEPARATORS = '\\uFF1A|[ \\t](?:es|est|ist|lautet|é|è|jest|är|er|on|je)[ \\t]';

/**
 * Blanks alone separate a name from its value only when no assignment follows them: in `the secret DB_PASSWORD=…`
 * the word `secret` is no name of `DB_PASSWORD=…` (the match would be rejected and the search resume after it,
 * past the real assignment). Base64 padding (`…==`, `…=` at the value's end) is no assignment.
 */
const BLANKS_NOT_BEFORE_ASSIGNMENT = '(?![ \\t]{0,20}[`"\']?[\\w.-]{1,60}=[^=\\s"\'`])';

/**
 * A secret name (group 1: the name from its secret word on; the rule reads the rest back) bound to a value (group 2)
 * in any syntax: `=`, `:`, `:=`, `=>`, a typed declaration, prose's ` is `, quoted or not; and, checked by
 * `assignmentSyntaxHolds`, a comma or blanks between two quoted strings, an element's `>`, blanks after a flag or
 * between a line's name and value. `&` is a value character except where it starts the next query parameter
 * (`?secret=…&issuer=Acme` in an otpauth URI): there the value ends.
 */
/** `separators`: more separator alternatives, each ending in `|`. */
function assignmentPattern(names: string, nameLetters: string, separators = ''): RegExp {
  return new RegExp(
    `((?:${names})[A-Za-z0-9_${nameLetters}-]{0,40})\\\\?["']?\\]?[ \\t]{0,20}(?:${TYPED_ASSIGNMENT}|:=|=>|${BLOCK_VALUE}|[:=]|[ \\t]is[ \\t]|${separators},|>|\\||(?<=[ \\t])${BLANKS_NOT_BEFORE_ASSIGNMENT})[ \\t]{0,20}(?:[&!][\\w!-]{1,40}[ \\t]{1,5})?(?:(?:new[ \\t]{1,5})?[A-Za-z_][\\w.:]{0,40}\\([ \\t]{0,5}(?=\\\\?[\`"']))?(?:\\\\?[\`"'])?(?:base64:|oauth:|<!\\[CDATA\\[)?((?:[A-Za-z0-9_\\-+/=.~!@$%^*|#]|&(?![A-Za-z_][\\w.-]{0,40}=)){8,1000})`,
    'gi',
  );
}

const RULES: SecretRule[] = [
  {
    id: 'anthropic-api-key',
    keywords: ['sk-ant-'],
    re: /\bsk-ant-(?:api|admin|oat|ort)\d{2}-[A-Za-z0-9_-]{20,1000}/g,
    rejectPlaceholders: true,
  },
  {
    id: 'openai-api-key-legacy',
    keywords: ['T3BlbkFJ'],
    // Searched only near its marker: tried at every `sk-` of a long token run, the long class before the
    // marker backtracks a thousand characters each time.
    gated: true,
    re: /\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,1000}T3BlbkFJ[A-Za-z0-9_-]{20,1000}/g,
  },
  {
    id: 'openai-api-key',
    keywords: ['sk-proj-', 'sk-svcacct-', 'sk-admin-'],
    re: /\bsk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,1000}/g,
    rejectPlaceholders: true,
  },
  {
    id: 'aws-access-key-id',
    keywords: ['AKIA', 'ASIA', 'ABIA', 'ACCA', 'A3T'],
    re: /\b(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\b/g,
    rejectPlaceholders: true,
  },
  {
    id: 'aws-secret-access-key',
    keywords: ['aws'],
    anyCase: true,
    re: /aws[A-Za-z0-9_.-]{0,20}(?:secret|sk)[A-Za-z0-9_.-]{0,20}["']?[ \t]{0,20}(?::=|=>|[:=])[ \t]{0,20}["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])/gi,
    group: 1,
    accept: (v) => !isPlaceholderToken(v) && entropy(v) > 3.5,
  },
  {
    id: 'aws-secret-access-key-near-id',
    keywords: ['AKIA', 'ASIA'],
    // No name says what it is: the access key id a few lines away does (see nearAwsKeyId).
    re: /(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g,
    near: AWS_KEY_ID,
    accept: (v) => /[0-9]/.test(v) && /[a-z]/.test(v) && /[A-Z]/.test(v) && entropy(v) > 4.2,
    rejectPlaceholders: true,
  },
  {
    id: 'azure-storage-account-key',
    keywords: ['AccountKey'],
    anyCase: true,
    // Azure Storage and Cosmos DB connection strings: `…;AccountName=x;AccountKey=<88 base64>;…`.
    re: /\bAccountKey\s*=\s*([A-Za-z0-9+/]{40,100}={0,2})/gi,
    group: 1,
    rejectPlaceholders: true,
  },
  {
    id: 'azure-shared-access-key',
    keywords: ['SharedAccessKey', 'SharedAccessSignature'],
    // Service Bus, Event Hubs, IoT Hub connection strings and SAS tokens.
    re: /\bSharedAccess(?:Key\s*=\s*|Signature\s+sr=[^&\s]{1,300}&sig=)([A-Za-z0-9+/%]{40,100}(?:=|%3D){0,2})/g,
    group: 1,
    rejectPlaceholders: true,
  },
  {
    id: 'azure-sas-token',
    keywords: ['sig='],
    re: /[?&]sig=([A-Za-z0-9+/%]{40,100}(?:=|%3D){0,2})/g,
    group: 1,
    accept: (_v, m) => /[?&]s[vp]=/.test(m.input.slice(Math.max(0, m.index - 400), m.index + 400)),
  },
  {
    id: 'connection-string-password',
    keywords: ['password', 'pwd'],
    anyCase: true,
    // ADO.NET / ODBC style: `Server=db;User Id=app;Password=…;`.
    re: /(?:^|[;"'\s])(?:password|pwd)\s*=\s*([^;"'\s]{4,200})(?=;|["'\s]|$)/gim,
    group: 1,
    accept: (v, m) =>
      !isPlaceholderToken(v) &&
      !/^(?:\{|\$)/.test(v) &&
      /(?:server|data source|host|user id|uid|initial catalog|database|dsn|driver)\s*=/i.test(
        m.input.slice(Math.max(0, m.index - 300), m.index),
      ),
  },
  {
    id: 'url-query-password',
    keywords: ['password=', 'pwd=', 'passwd=', 'pass='],
    anyCase: true,
    // JDBC and other URLs that carry the password as a parameter.
    re: /[?&;](?:password|passwd|pwd|pass)=([^&\s"'#;]{4,200})/gi,
    group: 1,
    accept: (v) => !isPlaceholderToken(v),
  },
  {
    id: 'docker-config-auth',
    keywords: ['"auth"', '"identitytoken"'],
    re: /"(?:auth|identitytoken)"\s*:\s*"([A-Za-z0-9+/=._-]{8,2000})"/g,
    group: 1,
    accept: (v, m) => m[0].startsWith('"identitytoken"') || dockerAuthValid(v),
  },
  {
    id: 'jenkins-credential',
    keywords: ['password>', 'passphrase>', 'secret>', 'token>', 'secretbytes>', 'privatekey>'],
    anyCase: true,
    // A value (a private key) may span many lines: up to 4,000 characters between tags of at most 61, and each tag
    // holds a keyword.
    reach: 4200,
    // credentials.xml and job configs: plain or `{AQAAABAAAAAQ…}` (decryptable with the controller's master key);
    // plugin fields name the kind last (`<smtpAuthPassword>`, `<apiToken>`, `<clientSecret>`).
    // A class name may be the tag (`<hudson.util.Secret>`).
    re: /<([A-Za-z_.]{0,60}(?:password|passphrase|secret|token|secretBytes|privateKey))>\s*([^<\s][^<]{3,4000})<\/\1>/gi,
    group: 2,
    // The tag is a secret's name (names.ts): not a .NET assembly's `<PublicKeyToken>`, nor a `<csrfToken>`.
    accept: (v, m) => !isPlaceholderToken(v.trim()) && !/^\$\{/.test(v) && isSecretName(m[1] ?? ''),
  },
  {
    id: 'jenkins-encrypted-secret',
    keywords: ['{AQAAABAAAAA'],
    // A Jenkins secret encrypted with the controller's key, wherever it is pasted (job XML, CLI output, logs):
    // anyone with the controller's master key (or script console) decrypts it.
    re: /\{AQAAABAAAAA[A-Za-z0-9+/]{16,4000}={0,2}\}/g,
  },
  {
    id: 'kubernetes-secret-data',
    keywords: ['kind: Secret', 'kind: "Secret"', "kind: 'Secret'"],
    // Searched around each `kind: Secret` (its entries may be a long way from it).
    windows: secretKindWindows,
    // `kubectl get secret -o yaml`, manifests: a base64 value under `data:` of a `kind: Secret` document. The
    // line may end in `\n` written inside a transcript's JSON string.
    re: /(?:^|\\n)([ \t]{1,40})["']?([A-Za-z0-9_.-]{1,253})["']?[ \t]{0,10}:[ \t]{1,10}["']?([A-Za-z0-9+/]{8,20000}={0,2})["']?(?=[ \t]{0,40}(?:\r?$|\\[rn]))/gm,
    group: 3,
    base64Data: true,
    accept: (v, m) =>
      secretDataValue(m[2] ?? '', v) &&
      inYamlSecretData(m.input, m.index + (m[0].startsWith('\\n') ? 2 : 0), (m[1] ?? '').length),
  },
  {
    id: 'kubernetes-secret-data-json',
    keywords: ['"Secret"', 'Secret\\"'],
    windows: secretKindWindows,
    // `kubectl get secret -o json`: `"data": {"password": "S0x6…"}`, quotes escaped when inside a transcript.
    re: /\\?"([A-Za-z0-9_.-]{1,253})\\?"[ \t]{0,20}:[ \t]{0,20}\\?"([A-Za-z0-9+/]{8,20000}={0,2})\\?"/g,
    group: 2,
    base64Data: true,
    accept: (v, m) => secretDataValue(m[1] ?? '', v) && inJsonSecretData(m.input, m.index),
  },
  {
    id: 'npmrc-auth',
    keywords: ['_authToken', '_auth', '_password'],
    // `npm config set //registry/:_authToken <value>` writes the same entry with a space instead of `=`.
    re: /(?:(?:^|:|\s)_(?:authToken|auth|password)\s*=\s*|:_(?:authToken|auth|password)[ \t]+)["']?([^\s"']{8,2000})/gm,
    group: 1,
    accept: (v) => !isPlaceholderToken(v),
  },
  {
    id: 'netrc-password',
    keywords: ['machine'],
    re: /\bmachine[ \t]+[^\s]{1,253}\s+login[ \t]+[^\s]{1,200}\s+password[ \t]+([^\s]{4,500})/g,
    group: 1,
    accept: (v) => !isPlaceholderToken(v),
  },
  {
    id: 'ini-password',
    keywords: ['pass'],
    anyCase: true,
    // .pypirc, .my.cnf, .pgpass-like ini files: a line that only assigns a password.
    // `#` and `;` inside a value are part of it: configparser and .pypirc only take whole-line comments.
    re: /^[ \t]*(?:password|passwd|pass)[ \t]*[=:][ \t]*([^\s"']{6,500})[ \t]*\r?$/gim,
    group: 1,
    accept: (v) =>
      !isPlaceholderToken(v) &&
      !WORDISH.test(v) &&
      /[0-9]/.test(v) &&
      entropy(v) >= 2.5 &&
      !isBase64Placeholder(v),
  },
  {
    id: 'hex-key-in-log',
    keywords: ['key', 'secret', 'token'],
    anyCase: true,
    // Logs and consoles: `Using Key=8f3a…`, `key: 8f3a…`, `connecting with apikey 8f3a…`, `HMAC key 8f3a…`, `session
    // token 8f3a… issued`, `with secret 8f3a…`; not a `cache key`, a `public key` or a `csrf token` (the word before is
    // read as part of its name).
    re: /\b(?:(?:api[-_]?)?key|secret|token)(?:\s*[=:]\s*|[ \t]+)["']?([A-Fa-f0-9]{32,128})(?![A-Fa-f0-9])/gi,
    group: 1,
    accept: (v, m) =>
      /[a-f]/i.test(v) &&
      /[0-9]/.test(v) &&
      entropy(v) >= 3.2 &&
      isSecretName(`${wordBefore(m)}_${/^\w*?(key|secret|token)/i.exec(m[0])?.[1] ?? 'key'}`) &&
      !PUBLIC_KEY_ALGORITHM.test(wordBefore(m)),
  },
  {
    id: 'wordpress-application-password',
    keywords: ['pass'],
    anyCase: true,
    // Application passwords (WordPress, and Nextcloud-style app passwords) are shown as six space-separated groups of
    // four (`abcd EFGH 1234 ijkl MNOP 5678`): under a password's name, the spaces belong to the value.
    re: /pass(?:word|wd)?[\w-]{0,20}["']?[ \t]{0,5}[:=][ \t]{0,5}["']?([A-Za-z0-9]{4}(?: [A-Za-z0-9]{4}){5})(?![A-Za-z0-9])/gi,
    group: 1,
    accept: (v) =>
      !isPlaceholderToken(v) && /[0-9]/.test(v) && /[a-z]/i.test(v) && entropy(v.replace(/ /g, '')) >= 3.5,
  },
  {
    id: 'csv-secret-column',
    keywords: ['password', 'passwd', 'secret', 'token', 'apikey', 'api_key'],
    anyCase: true,
    windows: csvWindows,
    // A cell of a CSV/TSV export under a column a header line names as a secret (`email,password`; see csvCellIsSecret).
    re: /(?<=^|[,;\t])[ ]{0,5}"?([^\s,;"]{8,200})"?[ \t]{0,5}(?=[,;\t]|\r?$)/gm,
    group: 1,
    accept: csvCellIsSecret,
  },
  {
    id: 'generic-secret-prose',
    keywords: ['key ', 'token ', 'password ', 'secret ', 'passphrase '],
    anyCase: true,
    // Prose or chat naming a secret a few words before its value: `the new fastly token for the purge job is …`,
    // `api key for the billing account was: …`. The secret word with the word before it must be a secret's name
    // (not a `public key`, a `cache key`), no word between may say it is about the secret (`id`, `hash`, `url`, …),
    // and the value is a random one of 16+ characters with letters and digits.
    re: /\b(?:key|token|password|passphrase|secret)s?((?:[ \t]{1,3}[A-Za-z][\w'.-]{0,24}){1,6}?)(?:[ \t]{1,3}(?:is|was)[: \t]|:)[ \t]{0,3}[`"']?([A-Za-z0-9_\-+/=.~!@$%^*]{15,199}[A-Za-z0-9_\-+/=~!@$%^*])(?![\w+/=~!@$%^*-])/gi,
    group: 2,
    accept: (v, m) =>
      randomPassword(v) &&
      isSecretName(`${wordBefore(m)}_${(/^[a-z]+/i.exec(m[0])?.[0] ?? '').replace(/s$/i, '')}`) &&
      !(m[1] ?? '').split(/[ \t]+/).some((w) => w !== '' && namesSomethingElse(w)),
  },
  {
    id: 'github-token',
    keywords: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'],
    re: /\bgh[pousr]_[A-Za-z0-9]{36,1000}\b/g,
    rejectPlaceholders: true,
    verify: githubChecksumValid,
  },
  {
    // GitHub App installation tokens in the JWT-bearing form: `ghs_<installation id>_<JWT>`.
    id: 'github-token-installation-jwt',
    keywords: ['ghs_'],
    re: /\bghs_[0-9]{1,20}_eyJ[A-Za-z0-9_-]{10,4000}\.eyJ[A-Za-z0-9_-]{10,8000}\.[A-Za-z0-9_-]{10,2000}/g,
    rejectPlaceholders: true,
  },
  {
    // Facebook app access tokens: `<app id>|<app secret or token>` (also URL-encoded `%7C`), as gitleaks reads them.
    id: 'facebook-access-token-app',
    // Keyed on the names around it (a bare `|` occurs in every shell pipe, and the guard's precheck would stop
    // answering no for them).
    keywords: ['facebook', 'fb_', 'fb.', 'access_token', '%7c'],
    anyCase: true,
    re: /(?<![\w|])[0-9]{15,16}(?:\||%7[Cc])[A-Za-z0-9_-]{27,40}(?![\w-])/g,
    rejectPlaceholders: true,
    accept: (v) => {
      const secret = v.slice(v.search(/\||%7/i) + (v.includes('|') ? 1 : 3));
      return /[a-z]/.test(secret) && /[A-Z0-9]/.test(secret) && entropy(secret) >= 3.5;
    },
  },
  {
    id: 'github-fine-grained-token',
    keywords: ['github_pat_'],
    re: /\bgithub_pat_[A-Za-z0-9_]{60,1000}\b/g,
    rejectPlaceholders: true,
  },
  {
    id: 'gitlab-token',
    keywords: ['glpat-', 'glptt-', 'glagent-', 'gldt-', 'glrt-', 'glsoat-', 'glcbt-', 'glffct-', 'glimt-'],
    re: /\bgl(?:pat|ptt|agent|dt|rt|soat|cbt|ffct|imt)-[A-Za-z0-9_-]{20,1000}/g,
    rejectPlaceholders: true,
  },
  {
    id: 'slack-token',
    keywords: ['xox'],
    re: /\bxox[abposre]-(?:\d{1,20}-){0,6}\d{8,1000}-[A-Za-z0-9-]{8,1000}|\bxoxe\.xox[bp]-\d-[A-Za-z0-9]{40,1000}/g,
    rejectPlaceholders: true,
  },
  {
    id: 'slack-webhook',
    keywords: ['hooks.slack.com/'],
    re: /hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9+/]{20,1000}/g,
    rejectPlaceholders: true,
  },
  {
    id: 'stripe-secret-key',
    keywords: ['_live_', '_test_'],
    re: /\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{20,1000}\b/g,
    rejectPlaceholders: true,
  },
  {
    id: 'google-api-key',
    keywords: ['AIza'],
    re: /\bAIza[A-Za-z0-9_-]{35}(?![A-Za-z0-9_-])/g,
    rejectPlaceholders: true,
  },
  {
    id: 'huggingface-token',
    keywords: ['hf_'],
    re: /\bhf_[A-Za-z0-9]{30,1000}\b/g,
    rejectPlaceholders: true,
  },
  { id: 'npm-token', keywords: ['npm_'], re: /\bnpm_[A-Za-z0-9]{36}\b/g, rejectPlaceholders: true },
  { id: 'pypi-token', keywords: ['pypi-AgE'], re: /\bpypi-AgE[A-Za-z0-9_-]{50,1000}/g },
  {
    id: 'telegram-bot-token',
    keywords: [':AA'],
    gated: true,
    re: /(?:\b|(?<=\/bot))\d{8,10}:AA[A-Za-z0-9_-]{33}\b/g,
  },
  {
    id: 'sendgrid-api-key',
    keywords: ['SG.'],
    re: /\bSG\.[A-Za-z0-9_-]{20,24}\.[A-Za-z0-9_-]{39,50}/g,
  },
  ...prefixedTokenRules(),
  {
    id: 'azure-client-secret',
    keywords: ['Q~'],
    re: /(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])/g,

    rejectPlaceholders: true,
  },
  {
    id: 'private-key',
    keywords: ['PRIVATE KEY'],
    windows: privateKeyWindows,
    re: /-----BEGIN (?:RSA |EC |DSA |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END[^-\n]*-----|$)/g,
    // A header with a real key body, not `-----BEGIN PRIVATE KEY-----\n...\n-----END…` in docs.
    accept: (v) => /[A-Za-z0-9+/]{40}/.test(v),
  },
  {
    // A PuTTY key file (`.ppk`, `PuTTY-User-Key-File-2/3`): the base64 lines after `Private-Lines: N` are the key
    // (encrypted or not, as an `ENCRYPTED` PEM block counts too).
    id: 'private-key-putty',
    keywords: ['Private-Lines:'],
    reach: 16_000,
    re: /^Private-Lines:[ \t]{0,5}\d{1,3}\r?\n([A-Za-z0-9+/=]{16,200}(?:\r?\n[A-Za-z0-9+/=]{16,200}){0,200})/gm,
    group: 1,
  },
  {
    // An OpenVPN static key (`--tls-auth`, `--tls-crypt`, `--secret`): 2048 bits of hex, shared by server and clients.
    id: 'private-key-openvpn-static',
    keywords: ['OpenVPN Static key'],
    reach: 1200,
    re: /-----BEGIN OpenVPN Static key V1-----\s{1,10}((?:[0-9a-fA-F]{32}\s{1,10}){4,32})-----END OpenVPN Static key V1-----/g,
    group: 1,
  },
  {
    id: 'private-key-base64',
    keywords: ['LS0tLS1CRUdJTi'],
    // A PEM block in base64 (`-----BEGIN` encodes to `LS0tLS1CRUdJTi`): kubeconfig `client-key-data`,
    // Kubernetes secrets, CI variables. Only a private key counts, not a certificate.
    re: /\bLS0tLS1CRUdJTi[A-Za-z0-9+/]{60,20000}={0,2}/g,
    accept: privateKeyInBase64,
  },
  {
    id: 'jwt',
    keywords: ['eyJ'],
    re: /\beyJ[A-Za-z0-9_-]{10,4000}\.eyJ[A-Za-z0-9_-]{10,8000}\.[A-Za-z0-9_-]{10,2000}/g,
    accept: jwtStructureValid,
    rejectPlaceholders: true,
  },
  {
    id: 'url-credentials',
    keywords: ['://'],
    // A URL holds credentials only with a userinfo `user:password@`: a plain link does not load the engine.
    precheckByPattern: true,
    // The user may be empty: `redis://:password@host`.
    re: /:\/\/([^\s:/@"'`<>]{0,200}):([^\s@/"'`<>]{3,1000})@([\w.-]*)/g,
    group: 2,
    // Hosts reserved for documentation (RFC 2606) carry sample credentials, not real ones, unless the password
    // is a random one of 16 characters or more (a value nobody types as a sample); a password that repeats the
    // user name (postgres:postgres, root:root) is a well-known local default, not a secret.
    accept: (v, m) =>
      !isPlaceholderToken(v) &&
      !/^(?:pass(?:word)?|secret|pwd|\*+)$/i.test(v) &&
      v !== m[1] &&
      (!/^(?:[\w-]+\.)*example(?:\.(?:com|org|net))?$/i.test(m[3] ?? '') || randomPassword(v)),
  },
  {
    id: 'url-credentials-go-dsn',
    keywords: ['@tcp(', '@unix(', '@tcp6('],
    gated: true,
    // Go's database/sql DSN (go-sql-driver/mysql): `user:password@tcp(host:3306)/db`, no scheme before it.
    re: /(?<![\w.-])([\w.-]{1,64}):([^\s:@/"'`(){}]{3,200})@(?:tcp6?|unix)\(/g,
    group: 2,
    accept: (v, m) => !isPlaceholderToken(v) && !/^(?:pass(?:word)?|secret|pwd|\*+)$/i.test(v) && v !== m[1],
  },
  {
    id: 'generic-secret-assignment-call',
    keywords: ['define(', 'setdefault(', 'setenv(', 'SetEnvironmentVariable('],
    anyCase: true,
    // A name and its value as a call's first two arguments: PHP constants (wp-config.php's `define( 'AUTH_KEY',
    // '…' )`, `define('DB_PASSWORD', '…')`) and environment setters (Python `os.environ.setdefault("K", "…")`, Go
    // `os.Setenv`, C `setenv`, .NET `Environment.SetEnvironmentVariable`).
    re: /\b(?:define|setdefault|setenv|SetEnvironmentVariable)\([ \t]{0,10}['"]([A-Za-z0-9_]{2,100})['"][ \t]{0,10},[ \t]{0,10}['"]([^'"\s]{8,1000})['"]/gi,
    group: 2,
    accept: (v, m) => genericValueLooksSecret(v) && isSecretName(m[1] ?? ''),
  },
  {
    // The value before its name: Swift/Objective-C keyed setters (`request.setValue("…", forHTTPHeaderField:
    // "X-Api-Key")`, `UserDefaults.standard.set("…", forKey: "authToken")`, a keychain wrapper's `set(_:forKey:)`).
    id: 'generic-secret-assignment-keyed',
    keywords: ['forKey:', 'forHTTPHeaderField:'],
    re: /"([^"\s]{8,1000})"[ \t]{0,5},[ \t]{0,5}for(?:Key|HTTPHeaderField):[ \t]{0,5}"([A-Za-z_][\w.:-]{1,99})"/g,
    group: 1,
    accept: (v, m) => genericValueLooksSecret(v) && namedPairIsSecret(m[2] ?? ''),
  },
  {
    // A property list's entry: `<key>RevenueCatApiKey</key>` then `<string>…</string>` (iOS Info.plist, macOS prefs).
    id: 'secret-name-value-pair-plist',
    keywords: ['<key>'],
    re: /<key>([^<>]{1,100})<\/key>\s{0,40}<string>([^<\s]{8,1000})<\/string>/g,
    group: 2,
    accept: (v, m) => genericValueLooksSecret(v) && namedPairIsSecret(m[1] ?? ''),
  },
  {
    // A named setting with its value in a child element: .NET Settings.settings / app.config `<setting
    // name="ApiSecret" serializeAs="String"><value>…</value></setting>`.
    id: 'secret-name-value-pair-xml',
    keywords: ['<value'],
    anyCase: true,
    re: /\bname="([^"<>]{1,100})"[^<>]{0,200}>\s{0,40}<value(?:[ \t][^<>]{0,100})?>([^<\s]{8,1000})<\/value>/gi,
    group: 2,
    accept: (v, m) => genericValueLooksSecret(v) && namedPairIsSecret(m[1] ?? ''),
  },
  {
    // PowerShell's plaintext secure string: `ConvertTo-SecureString "…" -AsPlainText -Force` holds the password.
    id: 'cli-password-argument-securestring',
    keywords: ['-AsPlainText'],
    anyCase: true,
    re: /ConvertTo-SecureString[ \t]{1,10}(?:-String[ \t]{1,10})?(["'])([^"'\s]{6,500})\1[ \t]{1,10}-AsPlainText/gi,
    group: 2,
    accept: (v) => cliValueLooksSecret(v),
  },
  {
    // A file printed whose name says it holds a secret (`cat config/master.key`, `cat /run/secrets/db_password`,
    // `Get-Content token.txt`): the one token on the next line is its content.
    id: 'secret-file-contents',
    keywords: ['cat ', 'type ', 'get-content', 'gc ', 'head ', 'more '],
    anyCase: true,
    re: /(?<![\w-])(?:cat|type|Get-Content|gc|head|more)[ \t]{1,10}["']?([^\s"'`|;&<>()]{1,200}?)["']?[ \t]{0,10}\r?\n[ \t]{0,10}([^\s]{16,1000})[ \t]{0,10}\r?$/gim,
    group: 2,
    accept: (v, m) => genericValueLooksSecret(v) && fileNameSaysSecret(m[1] ?? ''),
  },
  {
    id: 'url-credentials-oracle',
    keywords: ['sqlplus', 'oracle', ':1521/'],
    anyCase: true,
    gated: true,
    // Oracle EZConnect: `user/password@db.host:1521/ORCLPDB1` (sqlplus, JDBC thin, connection settings); Oracle's
    // sample schema password `tiger` (scott/tiger) is documentation.
    re: /(?<![\w$#/.-])([A-Za-z][\w$#]{0,29})\/([^\s/@"'`]{4,100})@\/{0,2}[\w.-]{1,253}(?::\d{2,5})?\/[\w.$#-]{1,64}/g,
    group: 2,
    accept: (v, m) =>
      !isPlaceholderToken(v) && !/^(?:pass(?:word)?|secret|pwd|tiger|\*+)$/i.test(v) && v !== m[1],
  },
  {
    // A SQL dump's row whose column is named as a secret: a quoted value of `INSERT INTO t (id, api_secret) VALUES
    // (4, '…')`, a tab-separated field of a PostgreSQL `COPY t (id, api_secret) FROM stdin;` block.
    id: 'secret-table-column',
    keywords: ['insert into'],
    anyCase: true,
    reach: 4000,
    re: /'([^'\s]{12,1000})'/g,
    group: 1,
    accept: (v, m) => genericValueLooksSecret(v) && insertColumnIsSecret(m.input, m.index),
  },
  {
    id: 'secret-table-column-copy',
    keywords: ['from stdin'],
    anyCase: true,
    reach: 20_000,
    re: /(?<=^|\t)([^\t\s]{12,1000})(?=\t|\r?$)/gm,
    group: 1,
    accept: (v, m) => genericValueLooksSecret(v) && copyColumnIsSecret(m.input, m.index),
  },
  {
    // SQL that sets a password: MySQL `CREATE USER … IDENTIFIED BY '…'`, PostgreSQL `CREATE/ALTER ROLE … PASSWORD
    // '…'`. A stored hash (`IDENTIFIED BY PASSWORD '*…'`, `PASSWORD 'md5…'`) is a value shape, not a secret.
    id: 'connection-password-sql',
    keywords: ['create user', 'alter user', 'create role', 'alter role'],
    anyCase: true,
    re: /\b(?:IDENTIFIED[ \t]{1,10}BY|PASSWORD)[ \t]{1,10}(?:PASSWORD[ \t]{1,10})?'([^'\s]{6,200})'/gi,
    group: 1,
    accept: (v) => cliValueLooksSecret(v),
  },
  {
    // `AUTH <password>` (or `AUTH <user> <password>`) typed at a redis-cli prompt, the last word of its line.
    id: 'connection-password-redis-auth',
    keywords: ['AUTH '],
    re: /(?:^|[>\s])AUTH[ \t]{1,10}(?:[\w.-]{1,64}[ \t]{1,10})?([^\s"'`]{8,200})[ \t]*$/gm,
    group: 1,
    accept: (v) => cliValueLooksSecret(v),
  },
  {
    // A user and password as literal arguments of an `auth` call: mongo shell `db.auth("root", "…")`, superagent
    // and supertest `.auth('user', '…')`.
    id: 'connection-password-auth-call',
    keywords: ['.auth('],
    re: /\.auth\([ \t]{0,10}["'][^"'\n]{1,64}["'][ \t]{0,10},[ \t]{0,10}["']([^"'\s]{6,200})["']/g,
    group: 1,
    accept: (v) => cliValueLooksSecret(v),
  },
  {
    // A password element with attributes, which the tag rules above do not read: FileZilla's sitemanager.xml
    // `<Pass encoding="base64">…</Pass>` (base64 of the password is the password).
    id: 'connection-password-xml-element',
    keywords: ['<pass'],
    anyCase: true,
    re: /<(pass(?:word)?)[ \t][^<>]{1,100}>([^<\s]{4,400})<\/\1>/gi,
    group: 2,
    accept: (v) => cliValueLooksSecret(v),
  },
  {
    id: 'cli-password-argument-minio',
    keywords: ['mc alias set', 'mc config host add'],
    // MinIO client: `mc alias set NAME URL ACCESS_KEY SECRET_KEY`.
    re: /\bmc[ \t]{1,10}(?:alias[ \t]{1,10}set|config[ \t]{1,10}host[ \t]{1,10}add)[ \t]{1,10}[^\s]{1,100}[ \t]{1,10}[^\s]{1,500}[ \t]{1,10}[^\s]{1,200}[ \t]{1,10}["']?([^\s"'`;|&<>()]{8,200})/g,
    group: 1,
    accept: (v) => cliValueLooksSecret(v),
  },
  {
    id: 'authorization-header',
    keywords: ['authorization', 'token:', 'x-api-key', 'api-key:'],
    anyCase: true,
    // A closing quote may stand between the name and its colon (`"Authorization": "Bearer …"` in JSON).
    // Any scheme (`Bearer`, `Basic`, `Splunk`, `SSWS`, `GenieKey`, `Bot`), or none: some APIs take the bare key
    // (`Authorization: 5eb4…`). A web server's directive gives the header and its quoted value apart
    // (nginx `proxy_set_header Authorization "Bearer …";`, Apache `RequestHeader set Authorization "Basic …"`).
    re: /\b(?:authorization["']?\s*:\s*["']?(?:[A-Za-z][A-Za-z0-9_-]{1,30}\s+["']?)?|authorization[ \t]{1,10}["'](?:[A-Za-z][A-Za-z0-9_-]{1,30}[ \t]{1,5})?|(?:(?:x-)?api-key|token)["']?\s*:\s*["']?)([A-Za-z0-9_~+/.=-]{12,1000})/gi,
    group: 1,
    // `X-CSRF-Token:` and the like: a token header that the word before qualifies as no credential (see names.ts).
    accept: (v, m) =>
      !isPlaceholderToken(v) &&
      !WORDISH.test(v) &&
      entropy(v) >= 3 &&
      (!/^token/i.test(m[0]) || isSecretName(`${wordBefore(m)}_token`)),
  },
  {
    // `curl -u sk_live_…:` — an API key given as the user name with an empty password (Stripe, Elasticsearch,
    // Mailgun-style APIs): the colon and nothing after it.
    id: 'cli-password-argument-key-as-user',
    keywords: ['-u', '--user'],
    re: /(?:^|\s)(?:-u|--user)[ \t]+["']?([A-Za-z0-9_!@#$%^*.+~-]{12,200}):["']?(?=[\s;|&)]|$)/g,
    group: 1,
    accept: (v) => cliValueLooksSecret(v) && /[0-9]/.test(v) && /[A-Za-z]/.test(v),
  },
  {
    // A secret as a Python bytes literal of escapes: Flask's `app.secret_key = b'\x8f\x13…'` (os.urandom's repr).
    id: 'generic-secret-assignment-bytes',
    keywords: ["b'\\x", 'b"\\x'],
    re: /([A-Za-z_][\w.]{0,80}?(?:\[["'][\w.-]{1,80}["']\])?)[ \t]{0,10}=[ \t]{0,10}b["']((?:\\x[0-9A-Fa-f]{2}){16,512})["']/g,
    group: 2,
    accept: (_v, m) => isSecretName((m[1] ?? '').replace(/^.*[.[]["']?|["']?\]$/g, '')),
  },
  {
    // The name after the value, as the whole of a line's closing comment: `analytics.load("QW3O…") // segment
    // write key`, `init("…")  # deploy token`; not a comment that merely mentions a secret (`# sha1 of the secret`).
    id: 'generic-secret-assignment-comment',
    keywords: ['key', 'token', 'secret', 'password'],
    anyCase: true,
    windows: closingCommentWindows,
    re: /["']([A-Za-z0-9_\-+/=.~]{16,400})["'][ \t]{0,4}\)?[ \t]{0,4}[;,]?[ \t]{0,20}(?:\/\/|#)[ \t]{0,10}((?:[A-Za-z0-9]{1,20}[ \t_-]){0,4}(?:key|token|secret|password))[ \t.]*$/gim,
    group: 1,
    accept: (v, m) =>
      genericValueLooksSecret(v) &&
      /[0-9]/.test(v) &&
      /[A-Za-z]/.test(v) &&
      isSecretName((m[2] ?? '').trim().replace(/[ \t-]+/g, '_')),
  },
  {
    id: 'cli-password-argument-user-password',
    keywords: ['-u', '--user'],
    re: /(?:^|\s)(?:-u|--user)\s+["']?[^\s:"'{}]+:["']?([^\s"']{6,1000})/g,
    group: 1,
    // `-u http://host/…` (sqlmap, wget mirrors) is a URL: the `user:` before `//` is its scheme.
    accept: (v) => !isPlaceholderToken(v) && !/^pass(?:word)?$/i.test(v) && !v.startsWith('//'),
  },
  {
    id: 'cli-password-argument',
    keywords: ['-pass', '-pwd', '-apikey', '-token', '-secret', '-key', '-credential'],
    anyCase: true,
    // `--password <value>`, `--api-key=<value>`, `--token <value>`, `--eab-hmac-key <value>` on a command line (shell
    // history, a transcript's Bash call): a flag whose name is a secret's (names.ts) gives the credential.
    // `--password-stdin` and `--token-file` are other flags; `--sort-key`, `--public-key` name no credential.
    re: /(?:^|[\s"'`])--((?:[a-z0-9]{1,20}-){0,4}(?:password|passwd|pass|pwd|apikey|key|token|secret|credentials?|passphrase))(?:=|[ \t]{1,10})["']?([^\s"'`;|&<>()]{8,1000})/gim,
    group: 2,
    accept: (v, m) => isSecretName(m[1] ?? '') && cliValueLooksSecret(v),
  },
  {
    id: 'cli-password-argument-short-flag',
    keywords: [
      'mysql',
      'mariadb',
      'sshpass',
      'redis-cli',
      'docker login',
      'podman login',
      'buildah login',
      'nerdctl login',
      'registry login',
      'oras login',
      'az login',
      'sqlcmd',
    ],
    anyCase: true,
    // Short flags that mean "password" only for these tools: `mysql -uroot -pS3cret`, `sshpass -p S3cret`,
    // `docker login -u me -p S3cret`, `redis-cli -a S3cret`, `sqlcmd -U sa -P S3cret` (elsewhere `-p` is a port or
    // `mkdir -p`, and mysql's `-P` a port). The flag is matched first and the tool looked for before it on the same
    // line (a pattern starting at the tool's name scanned hundreds of characters after every `mysql` of a text).
    re: /[ \t]-([paP])([ \t]{1,10})?["']?([^\s"'`;|&<>()-][^\s"'`;|&<>()]{3,500})/g,
    group: 3,
    accept: (v, m) => shortFlagTakesPassword(m) && cliValueLooksSecret(v),
  },
  // A name and its value given as two fields of one entry: .NET appSettings and NuGet credentials
  // (`<add key="ApiKey" value="…"/>`), Ant/Spring/PHPUnit properties (`<property name=… value=…/>`), container
  // environments in JSON (`{"name": "DB_PASSWORD", "value": "…"}`) and YAML (`- name: API_TOKEN` / `value: …`).
  {
    id: 'secret-name-value-pair',
    keywords: ['value='],
    anyCase: true,
    re: /\b(?:key|name)[ \t]{0,5}=[ \t]{0,5}"([A-Za-z0-9_.:-]{2,100})"[ \t\r\n]{1,40}value="([^"\s<>]{8,1000})"/gi,
    group: 2,
    accept: (v, m) => genericValueLooksSecret(v) && isSecretName(m[1] ?? ''),
  },
  {
    id: 'secret-name-value-pair-json',
    keywords: ['"value"', '\\"value\\"'],
    // Also escaped inside a JSON string (a transcript line), and an HTTP header's entry in a HAR file or a Postman
    // collection (`{"name": "Authorization", "value": "Bearer …"}`): the scheme is no part of the value.
    re: /\\?"(?:name|key)\\?"[ \t]{0,5}:[ \t]{0,5}\\?"([A-Za-z0-9_.:-]{2,100})\\?"[ \t\r\n]{0,40},[ \t\r\n]{0,40}\\?"value\\?"[ \t]{0,5}:[ \t]{0,5}\\?"(?:(?:Bearer|Basic|Token|Bot)[ \t]{1,5})?([^"\s\\]{8,1000})\\?"/g,
    group: 2,
    accept: (v, m) => genericValueLooksSecret(v) && isSecretName(m[1] ?? ''),
  },
  {
    id: 'secret-name-value-pair-yaml',
    keywords: ['value:'],
    re: /\bname:[ \t]{0,10}["']?([A-Za-z0-9_.-]{2,100})["']?[ \t]{0,10}\r?\n[ \t]{0,40}value:[ \t]{0,10}["']?([^"'\s]{8,1000})/g,
    group: 2,
    accept: (v, m) => genericValueLooksSecret(v) && isSecretName(m[1] ?? ''),
  },
  {
    // A Postman collection's API-key auth: `"apikey": [{"key": "value", "value": "<the key>"}, {"key": "key",
    // "value": "X-API-Key"}]` — the entry named `value` holds the key (bearer and basic auth name theirs `token`
    // and `password`, which the pair rule above reads).
    id: 'secret-name-value-pair-postman',
    keywords: ['"apikey"'],
    re: /"apikey"[ \t]{0,5}:[ \t]{0,5}\[[^\]]{0,200}?"key"[ \t]{0,5}:[ \t]{0,5}"value"[ \t\r\n]{0,40},[ \t\r\n]{0,40}"value"[ \t]{0,5}:[ \t]{0,5}"([^"\s]{8,1000})"/g,
    group: 1,
    accept: (v) => genericValueLooksSecret(v),
  },
  {
    // A Terraform/OpenTofu input variable whose name says secret, with a default in the block:
    // `variable "zendesk_api_token" {` … `default = "…"` (`sensitive = true` hides it from plans, not from the file).
    id: 'secret-name-value-pair-terraform',
    keywords: ['variable'],
    re: /\bvariable[ \t]{1,10}"([A-Za-z0-9_-]{2,100})"[ \t]{0,10}\{[^{}]{0,200}?\bdefault[ \t]{0,10}=[ \t]{0,10}"([^"\s]{8,1000})"/g,
    group: 2,
    accept: (v, m) => genericValueLooksSecret(v) && isSecretName(m[1] ?? ''),
  },
  {
    // A hard-coded fallback for a secret's environment variable: `os.getenv("ACME_TOKEN", "…")`, `process.env.API_KEY
    // || '…'`, `cmp.Or(os.Getenv("DB_PASSWORD"), "…")`, `ENV.fetch("SECRET_KEY_BASE", "…")`, Laravel `env('…', '…')`.
    id: 'generic-secret-env-default',
    keywords: [
      'getenv',
      'environ',
      'process.env',
      'env(',
      'env.fetch',
      'getordefault',
      'environmentvariable',
      '_env[',
      'env[',
    ],
    anyCase: true,
    re: /(?:process\.env\.|\$_ENV\[["']|\bENV\[["']|(?:getenv|Getenv|environ\.get|ENV\.fetch|\benv|getOrDefault|GetEnvironmentVariable)\([ \t]{0,5}["'])([A-Za-z_][\w.]{1,80})["']?\]?(?:[ \t]{0,5}\))?[ \t]{0,5}(?:\|\||\?\?|\bor\b|,)[ \t]{0,5}["']([^"'\s]{8,1000})["']/g,
    group: 2,
    accept: (v, m) => namedValueLooksSecret(v, m[1] ?? '') && isSecretName(m[1] ?? ''),
    lookAlike: isDefaultPassword,
  },
  {
    // A Terraform state output marked sensitive: `{"value": "…", "type": "string", "sensitive": true}`.
    id: 'secret-marked-sensitive',
    keywords: ['"sensitive"'],
    re: /"value"[ \t]{0,5}:[ \t]{0,5}"([^"\s]{8,4000})"[^{}]{0,300}?"sensitive"[ \t]{0,5}:[ \t]{0,5}true/g,
    group: 1,
    accept: cliValueLooksSecret,
    lookAlike: isDefaultPassword,
  },
  {
    id: 'generic-secret-assignment',
    keywords: SECRET_WORD_KEYWORDS,
    anyCase: true,
    re: assignmentPattern(SECRET_NAME, ''),
    group: 2,
    // The value first: it rejects more candidates, and more cheaply, than the name.
    accept: assignedValueIsSecret,
    lookAlike: isDefaultPassword,
  },
  {
    // The same for names in other languages and `…_AUTH` / `…_PAT` (see OTHER_SECRET_NAME); a name may hold letters
    // of other scripts, and a full-width colon (`密码：…`) assigns.
    id: 'generic-secret-assignment-other-names',
    keywords: OTHER_NAME_KEYWORDS,
    anyCase: true,
    re: assignmentPattern(OTHER_SECRET_NAME, FOREIGN_LETTERS, `${OTHER_SEPARATORS}|`),
    group: 2,
    accept: assignedValueIsSecret,
    lookAlike: isDefaultPassword,
  },
];

export const SECRET_RULES: SecretRule[] = RULES.map(rejectNonSecretShapes);
