/**
 * Values that a context rule (a secret word or a credential field before a value) captures but that are
 * something else by their own shape: a file path, a date or timestamp, a version, a host name or address, or a
 * URL without credentials, or a token public by design. `credential-file-permissions: ~/.claude.json` names a file; `"claudeCodeFirstTokenDate":
 * "2025-06-12T10:34:09Z"` is a time. Both sat under a secret word and were reported (and masked) as secrets.
 *
 * A shape only clears a value that holds no random-looking part, so a key that happens to contain a `/`
 * (base64) or to start with digits is still a secret.
 */
import { entropy } from './entropy.js';

/** `2026-01-05`, `20260105T123456Z`, `2026-01-05T12` (a rule's value class stops at `:`), `2024-10-22.preview`. */
const DATE_TIME =
  /^\d{4}-?(?:0\d|1[0-2])-?[0-3]\d(?:[T ]?[0-2]\d(?::?[0-5]\d(?::?[0-6]\d)?)?(?:[.,]\d{1,9})?)?(?:Z|[+-][0-2]\d(?::?[0-5]\d)?)?(?:\.[a-z]+)?$/i;
/** Unix time in seconds or milliseconds, optionally with a fraction: `1733389000.123456`. */
const EPOCH = /^1\d{9}(?:\d{3})?(?:\.\d{1,9})?$/;
/** `1.14.2`, `v2.3.17-rc.2`, `1.2.3-beta.3+build.20241022`: pre-release and build parts are lower-case words and digits. */
const VERSION =
  /^v?\d{1,9}(?:\.\d{1,9}){1,3}(?:-[0-9a-z]{1,20}(?:\.[0-9a-z]{1,20}){0,5})?(?:\+[0-9a-z]{1,20}(?:\.[0-9a-z-]{1,40}){0,5})?$/;
/** `192.168.10.20`, `10.0.0.1:8443`. */
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?$/;
/** A lower-case DNS name ending in a word: `secrets-01.eu-west-1.internal.acme.io`. */
const HOST_NAME = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.){1,10}[a-z]{2,24}$/;
/** A path that says so by how it starts: `~/`, `./`, `../`, `/x/`, `C:\`, `\\server`. */
const PATH_START = /^(?:~?[/\\]|\.{1,2}[/\\]|[A-Za-z]:[/\\]|\\\\)/;
/** A relative path of two or more segments ending in a file name with an extension: `config/tokens/gh.txt`. */
const RELATIVE_FILE = /^[\w.-]{1,100}(?:[/\\][\w.-]{1,100}){1,30}\.[a-z0-9]{1,6}$/i;
/**
 * A stored password hash, not the password: modular crypt (`$2b$12$…` bcrypt, `$6$…` sha512-crypt, `$argon2id$…`,
 * `$apr1$…`), Django/passlib (`pbkdf2_sha256$600000$…`), Spring's `{bcrypt}$2a$…`, LDAP `{SSHA}…`,
 * and databases' own: MySQL `*` + 40 hex, PostgreSQL `md5…` and `SCRAM-SHA-256$…`.
 */
const PASSWORD_HASH =
  /^(?:\{[A-Za-z0-9-]{2,12}\})?(?:\$(?:2[abxy]?|[1567]|y|apr1|argon2(?:id|i|d)|scrypt|pbkdf2(?:-sha\d{1,3})?|sha\d{1,3})\$|(?:pbkdf2_sha\d{1,3}|bcrypt(?:_sha256)?|argon2|scrypt)\$)\S{8,1000}$|^\{(?:S?SHA\d{0,3}|S?MD5|CRYPT|PKCS5S2)\}[A-Za-z0-9+/=.]{8,1000}$|^\*[0-9A-F]{40}$|^md5[0-9a-f]{32}$|^SCRAM-SHA-256\$\S{8,1000}$/i;
/** A Mapbox public token (`pk.eyJ…`; the secret ones are `sk.eyJ…`): shipped to every browser by design. */
const PUBLIC_TOKEN = /^pk\.eyJ[A-Za-z0-9_-]{1,2000}\.[A-Za-z0-9_-]{1,200}$/;
/**
 * Base64 of data that says what it is by its first bytes: images (PNG, JPEG, GIF, RIFF/WebP), PDF, gzip, zip, fonts
 * (WOFF, WOFF2), executables (ELF, PE, wasm, Java class); ciphertext (an AWS KMS blob, a Fernet token); DER public
 * keys (RSA, P-256, P-384, Ed25519, X25519 SubjectPublicKeyInfo) and X.509 certificates. A private key's DER starts
 * otherwise (`MIIEvQIBADAN…`), and stays a secret.
 */
const BINARY_BASE64 =
  /^(?:iVBORw0KGgo|\/9j\/|R0lGOD[lh]|UklGR|JVBERi0|H4sI|UEsDB|d09GMg|d09GRg|f0VMR|TVqQ|AGFzbQ|yv66vg|AQICAH|gAAAAAB|MI[A-Za-z0-9+/]{2,6}ANBgkqhkiG9w0BAQEFAAOC|MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE|MHYwEAYHKoZIzj0CAQYFK4EEACIDYgAE|MCowBQYDK2V[uw]AyEA|MII[A-Za-z0-9+/]{1,3}CCA[A-Za-z0-9+/]{2}gAwIBAgI)/;
/** Base64 (standard or URL-safe) and nothing else. */
const BASE64_ONLY = /^[A-Za-z0-9+/_-]+={0,2}$/;
/** A Subresource Integrity digest (`sha384-…`): a hash of a file, in lockfiles and `<script integrity>`. */
const SRI = /^sha(?:256|384|512)-[A-Za-z0-9+/]{43,86}={0,2}$/;
/** A URL with no `user:password@` part and no query (a query may carry a token). */
const PLAIN_URL = /^[a-z][a-z0-9+.-]{1,20}:\/\/[^\s@?#]{1,2000}$/i;

function isLower(c: number): boolean {
  return c >= 97 && c <= 122;
}

function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * A word of a path or URL that looks generated rather than named: upper, lower case and digits mixed over ten
 * characters or more (`PlJhx2jIclHk`), or a long high-entropy run. File names (`id_ed25519`, `server-2025.pem`),
 * UUIDs and short hashes split into words short enough to pass.
 */
function isRandomWord(word: string): boolean {
  if (word.length < 10) return false;
  let upper = 0;
  let lower = 0;
  let digit = 0;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (isUpper(c)) upper++;
    else if (isLower(c)) lower++;
    else if (isDigit(c)) digit++;
  }
  if (upper > 0 && lower > 0 && digit > 0) return true;
  // A camelCase name has few capitals (`ApplicationSupport`); a random mixed-case run has many.
  if (upper > 1 && lower > 1 && upper * 4 > word.length && !/^(?:[A-Z][a-z]+)+$/.test(word)) return true;
  return word.length >= 16 && entropy(word) >= 3.6;
}

/** Whether no part of a path or URL (split at separators and punctuation) looks generated. */
function hasNoRandomPart(value: string): boolean {
  for (const word of value.split(/[/\\.:_~\-=+@%]+/)) if (isRandomWord(word)) return false;
  return true;
}

function isPath(value: string): boolean {
  if (!PATH_START.test(value) && !RELATIVE_FILE.test(value)) return false;
  // `/x` alone, or base64 that starts with `/`: a path has a separator after its first character too.
  if (value.charAt(0) === '/' && !/[/\\]/.test(value.slice(1))) return false;
  return hasNoRandomPart(value);
}

/**
 * Whether a captured value is, by its shape, a path, a date or time, a version, a host or address, or a URL
 * without credentials: not a secret whatever name it was assigned to.
 */
export function isNonSecretShape(value: string): boolean {
  const c = value.charCodeAt(0);
  if (isDigit(c) || c === 118 /* v */) {
    if (DATE_TIME.test(value) || EPOCH.test(value) || VERSION.test(value) || IPV4.test(value)) return true;
  }
  if (HOST_NAME.test(value) && hasNoRandomPart(value)) return true;
  if (
    (c === 36 /* $ */ ||
      c === 123 /* { */ ||
      c === 42 /* * */ ||
      /^(?:pbkdf2|bcrypt|argon2|scrypt|md5|scram)/i.test(value)) &&
    PASSWORD_HASH.test(value)
  )
    return true;
  if (value.includes('://')) return PLAIN_URL.test(value) && hasNoRandomPart(value);
  if (PUBLIC_TOKEN.test(value) || SRI.test(value) || isCountingBytes(value)) return true;
  // Bytes written as escapes (`\x8f\x13…`, a Python bytes literal) are no Windows path.
  if (BYTE_ESCAPES.test(value)) return false;
  return isPath(value);
}

const BYTE_ESCAPES = /^(?:\\x[0-9A-Fa-f]{2}){4,}$/;

/**
 * Base64 of a file (an image, an archive, a font, ciphertext, a public key: see BINARY_BASE64) or of a sentence.
 * Only a look-alike: a real secret may be encoded so, so redaction masks it all the same, and a Kubernetes Secret's
 * data (base64 by definition) is never one.
 */
export function isEncodedData(value: string): boolean {
  return isBase64File(value) || isBase64Prose(value);
}

/**
 * A short magic prefix (4 or 5 characters: 24 or 30 bits) also starts one random key in 2^24 to 2^30 (`API_SECRET=H4sI…`):
 * the decoded header must hold as well. Longer prefixes are taken as they are.
 */
const HEADER_HOLDS: Record<string, (b: Buffer) => boolean> = {
  // gzip: no reserved flag, a known OS byte, room for header and trailer.
  H4sI: (b) => b.length >= 18 && ((b[3] ?? 0) & 0xe0) === 0 && ((b[9] ?? 0) <= 13 || b[9] === 255),
  // JPEG: a marker segment after SOI.
  '/9j/': (b) => b.length >= 64 && (b[3] ?? 0) >= 0xc0 && b[3] !== 0xff,
  // PE: the 64-byte DOS header.
  TVqQ: (b) => b.length >= 64,
  // RIFF: a four-letter form type (`WEBP`, `WAVE`).
  UklGR: (b) => /^[A-Z][A-Z0-9 ]{3}$/.test(b.toString('latin1', 8, 12)),
  // zip: a local file header with a known compression method.
  UEsDB: (b) => b.length >= 30 && b[9] === 0 && [0, 8, 9, 12, 14, 93, 95, 98, 99].includes(b[8] ?? -1),
  // ELF: 32/64-bit class, byte order, version 1.
  f0VMR: (b) => b.length >= 52 && [1, 2].includes(b[4] ?? 0) && [1, 2].includes(b[5] ?? 0) && b[6] === 1,
};

/** Base64 of data that says what it is by its first bytes (BINARY_BASE64), its header checked when the prefix is short. */
function isBase64File(value: string): boolean {
  const magic = BINARY_BASE64.exec(value)?.[0];
  if (magic === undefined || !BASE64_ONLY.test(value)) return false;
  const holds = HEADER_HOLDS[magic];
  return holds === undefined || holds(Buffer.from(value, 'base64'));
}

/**
 * Base64 of a sentence (`VGhlIHF1aWNrIGJyb3du…` is "The quick brown…"): words and spaces only, no `=` or `:`, so not a
 * config or a `user:password` pair (a Kubernetes Secret's file data) either.
 */
function isBase64Prose(value: string): boolean {
  if (value.length < 24 || value.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return false;
  const text = Buffer.from(value, 'base64').toString('latin1');
  return /^[A-Za-z][A-Za-z,.'!? -]+$/.test(text) && (text.match(/ /g)?.length ?? 0) >= 4;
}

/** Hex of bytes that count up (`000102…1f`, `606162…`): a test vector's key or nonce, not one drawn at random. */
function isCountingBytes(value: string): boolean {
  if (value.length < 16 || value.length % 2 !== 0 || !/^[0-9a-f]+$/i.test(value)) return false;
  for (let i = 2; i < value.length; i += 2)
    if (Number.parseInt(value.slice(i, i + 2), 16) !== Number.parseInt(value.slice(i - 2, i), 16) + 1)
      return false;
  return true;
}

/** This module's patterns, for the ReDoS test (they run on every value a context rule captures). */
export const VALUE_SHAPE_PATTERNS: readonly RegExp[] = [
  BYTE_ESCAPES,
  DATE_TIME,
  EPOCH,
  VERSION,
  IPV4,
  HOST_NAME,
  PATH_START,
  RELATIVE_FILE,
  PLAIN_URL,
  PASSWORD_HASH,
  PUBLIC_TOKEN,
  BINARY_BASE64,
  BASE64_ONLY,
  SRI,
];
