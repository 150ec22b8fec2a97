/**
 * What people write where a secret goes without writing one: placeholder words (`your-api-key-here`,
 * `<token>`, `sk-example-…`, `changeme`), references to the environment or a template (`$API_KEY`,
 * `${TOKEN}`, `%(password)s`, `{{ secret }}`) and literals (`null`, `false`, `xxx`, `****`).
 * The one answer to "is this value a placeholder", for the detector's rules and for values under a
 * secret-looking name alike.
 */
export function isPlaceholder(value: string): boolean {
  return (
    PLACEHOLDER_WORD.test(value) ||
    REFERENCE.test(value) ||
    PLACEHOLDER_VALUE.test(value) ||
    isVariableName(value) ||
    ENCRYPTED.test(value) ||
    PUBLIC_SAMPLES.has(value)
  );
}

/**
 * A value stored encrypted, which only its key opens: SOPS (`ENC[AES256_GCM,data:…]`) and Vault transit
 * (`vault:v1:…`) ciphertexts and Jasypt's `ENC(…)` (Spring properties); Ansible Vault's `$ANSIBLE_VAULT;1.1;AES256`
 * is a reference by its `$`.
 */
const ENCRYPTED = /^(?:ENC\[[A-Z0-9_]{1,20},|ENC\([A-Za-z0-9+/=]{8,2000}\)?$|vault:v\d{1,4}:)/;

/**
 * Credentials published in documentation for everyone to use: the JWT introduction's sample token, the Azure
 * Storage emulator's (Azurite's) and the Azure Cosmos DB emulator's fixed account keys, and the TOTP seed of the
 * otpauth key-URI example; the Google API keys of Firebase's Android SDK samples and tests (public in that repository,
 * listed by gitleaks' gcp-api-key allowlist). Reported, they would only teach users to ignore us.
 */
const PUBLIC_SAMPLES = new Set([
  // firebase/firebase-android-sdk example keys (gitleaks cmd/generate/config/rules/gcp.go allowlist).
  'AIzaSyabcdefghijklmnopqrstuvwxyz1234567',
  'AIzaSyAnLA7NfeLquW1tJFpx_eQCxoX-oo6YyIs',
  'AIzaSyCkEhVjf3pduRDt6d1yKOMitrUEke8agEM',
  'AIzaSyDMAScliyLx7F0NPDEJi1QmyCgHIAODrlU',
  'AIzaSyD3asb-2pEZVqMkmL6M9N6nHZRR_znhrh0',
  'AIzayDNSXIbFmlXbIE6mCzDLQAqITYefhixbX4A',
  'AIzaSyAdOS2zB6NCsk1pCdZ4-P6GBdi_UUPwX7c',
  'AIzaSyASWm6HmTMdYWpgMnjRBjxcQ9CKctWmLd4',
  'AIzaSyANUvH9H9BsUccjsu2pCmEkOPjjaXeDQgY',
  'AIzaSyA5_iVawFQ8ABuTZNUdcwERLJv_a_p4wtM',
  'AIzaSyA4UrcGxgwQFTfaI3no3t7Lt1sjmdnP5sQ',
  'AIzaSyDSb51JiIcB6OJpwwMicseKRhhrOq1cS7g',
  'AIzaSyBF2RrAIm4a0mO64EShQfqfd2AFnzAvvuU',
  'AIzaSyBcE-OOIbhjyR83gm4r2MFCu4MJmprNXsw',
  'AIzaSyB8qGxt4ec15vitgn44duC5ucxaOi4FmqE',
  'AIzaSyA8vmApnrHNFE0bApF4hoZ11srVL_n0nvY',
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==',
  'C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==',
  // The TOTP seed of Google Authenticator's key-URI documentation (base32 of "Hello!\xde\xad\xbe\xef").
  'JBSWY3DPEHPK3PXP',
]);

/**
 * A token found in free text that is a placeholder, or masked or padded with one repeated character
 * (`ghp_xxxx…`, `AIzaaaaa…`, `####`) or with letters in sequence (`sk-ant-api03-abcdefghijk…`): in docs and
 * examples that is a template, not a leak. A config value under a secret name is judged by `isPlaceholder` alone: whatever it holds is what the program is given.
 */
export function isPlaceholderToken(value: string): boolean {
  return hasPlaceholderRun(value) || isPlaceholder(value);
}

/**
 * Hex in both letter cases (`acdeFf05b1…`): machine-written hex keys use one case, so this one was typed or edited by
 * hand (docs, rule tests). Only whole-hex values of 16 characters or more: a provider prefix or any other letter
 * makes it something else.
 */
export function isMixedCaseHex(value: string): boolean {
  if (value.length < 16) return false;
  let lower = false;
  let upper = false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0x61 && c <= 0x66) lower = true;
    else if (c >= 0x41 && c <= 0x46) upper = true;
    else if (c < 0x30 || c > 0x39) return false;
  }
  return lower && upper;
}

function hasPlaceholderRun(value: string): boolean {
  let run = 1;
  let ascending = 1;
  for (let i = 1; i < value.length; i++) {
    const c = value.charCodeAt(i);
    const prev = value.charCodeAt(i - 1);
    run = c === prev ? run + 1 : 1;
    if (run >= 10) return true;
    if (run >= 6 && (c === 0x78 || c === 0x58)) return true; // x X
    if (run >= 4 && (c === 0x23 || c === 0x2a || c === 0x2e)) return true; // # * .
    ascending = followsInSequence(prev, c) ? ascending + 1 : 1;
    if (ascending >= SEQUENCE) return true;
  }
  return false;
}

/**
 * Letters typed in alphabetical order (`abcdefgh`, `aBcDeFgH`, `KLMNOPQR`): filler in a made-up key. Eight in a row
 * occur by chance in a random base62 token about once in 10^12 positions. Digits in order are not enough: people
 * write real tokens' numeric ids that way in examples (`xoxb-1234567890-…`), and the test sets label those secrets.
 */
const SEQUENCE = 8;

function followsInSequence(prev: number, c: number): boolean {
  const a = prev | 0x20;
  return a >= 0x61 && a < 0x7a && (c | 0x20) === a + 1 && isLetter(c);
}

function isLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/**
 * An elided value (`sk-ant-api03-...`, `ghp_…`): a real key is never cut short with an ellipsis. `dummy`, `fake`,
 * `mock`, `bogus` as words: test fixtures saying what they are.
 * `your` as a word (`pplx-your-api-key`, `xoxb-your-slack-bot-token`, `YOUR_ACCESS_TOKEN`), instructions to the
 * reader (`REPLACE_WITH_…`, `INSERT_TOKEN_HERE`, `…-goes-here`) and `my-…-secret` style names. Each is bounded
 * by separators, so a random key body cannot spell one by chance in practice.
 */
const PLACEHOLDER_WORD =
  /example|placeholder|here$|(?:^|[^a-z0-9])your(?:[^a-z0-9]|$)|(?:^|[^a-z0-9])(?:replace|insert|enter|put)[-_ ](?:with|your|token|key|secret|password|api)|goes[-_ ]here|\.\.\.|\u2026|(?:^|[^a-z0-9])(?:dummy|fake|mock|bogus)(?:[^a-z0-9]|$)|^my[-_](?:[a-z]+[-_])*(?:key|secret|token|password)s?(?:[-_]value)?$|[<>]|\$\{|\{\{/i;
/**
 * The name of a variable standing where its value goes (`curl -u CENSYS_ID:CENSYS_SECRET`, `token GITHUB_TOKEN`):
 * upper-case words joined by `_`, one of them a secret word. A random key has no `_SECRET` segment.
 */
const VARIABLE_SHAPE = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/;
const SECRET_SEGMENT = /_(?:SECRET|TOKEN|KEY|APIKEY|PASSWORD|PASSWD|PASS|PWD|PAT|CREDENTIALS?)(?:_|$)/;
const SECRET_FIRST = /^(?:SECRET|TOKEN|API_KEY|APIKEY|PASSWORD)_/;
/**
 * Three unambiguous patterns instead of one whose repeated segments could be split two ways (polynomial). Names may
 * stand for the parts of a URL's credentials (`API_KEY:API_SECRET@CLOUD_NAME`): each part is a name, one a secret's.
 */
const isVariableName = (value: string): boolean => {
  const parts = value.split(/[:@]/);
  return (
    parts.every((p) => VARIABLE_SHAPE.test(p)) &&
    parts.some((p) => SECRET_SEGMENT.test(p) || SECRET_FIRST.test(p))
  );
};
/**
 * A variable or template reference, not a value: `$TOKEN`, `${TOKEN}`, `$(PGPASSWORD)` (make, shell), `%(password)s`,
 * `%s`, `{{…}}`, `{password}` (a format string's field, one case: a Jenkins `{AQAA…}` blob mixes cases), `<…>`, an
 * Azure App Service Key Vault reference (`@Microsoft.KeyVault(SecretUri=…)`), and an Octopus Deploy / Azure Pipelines
 * token-replacement variable (`#{DbPassword}`, `#{DbPassword}#`).
 */
const REFERENCE =
  /^(?:\$[{(]?[A-Za-z_]|#\{[A-Za-z_]|%[A-Za-z_(]|\{\{|<|@Microsoft\.KeyVault\b|\{(?:[a-z_][a-z0-9_]{0,40}|[A-Z_][A-Z0-9_]{0,40})\}$)/;
const PLACEHOLDER_VALUE =
  /^(?:x+|\*+|\.+|changeme|redacted.*|placeholder.*|none|null|undefined|true|false)$/i;

/**
 * Scanners and attack tools take a target URL (`sqlmap -u "http://host/page?id=1&pass=x"`): its parameters are
 * the test's inputs, not a credential of the user's. True when `offset` sits in the argument after such a
 * tool's `-u` / `--url` on the same line.
 */
export function inScannerTarget(text: string, offset: number): boolean {
  // The line up to `offset`, at most 2000 characters back (a search for the line start could cross megabytes).
  const window = text.slice(Math.max(0, offset - 2000), offset);
  const before = window.slice(window.lastIndexOf('\n') + 1);
  if (!SCANNER_NAME.test(before)) return false;
  // The argument `offset` sits in follows `-u` / `--url`, and a scanner is named before that flag. Two linear
  // searches: one pattern holding both (`scanner[^\n]*\s-u…$`) backtracks quadratically.
  const flag = TARGET_ARGUMENT.exec(before);
  return flag !== null && SCANNER_WORD.test(before.slice(0, flag.index));
}

/**
 * Tools whose `-u` argument is a target. The engine finds them in its keyword pass: a text that names none has
 * no hit that `inScannerTarget` would drop.
 */
export const SCANNER_NAMES: readonly string[] = [
  'sqlmap',
  'nikto',
  'wpscan',
  'ffuf',
  'gobuster',
  'nuclei',
  'dirb',
  'commix',
  'xsstrike',
  'wfuzz',
  'dalfox',
  'arjun',
];

/** Tested first: linear, and false on nearly every line, so the costlier pattern rarely runs. */
const SCANNER_NAME = new RegExp(SCANNER_NAMES.join('|'), 'i');

const SCANNER_WORD = new RegExp(`\\b(?:${SCANNER_NAMES.join('|')})\\b`, 'i');
/** `-u` / `--url` and the (unfinished) argument after it, at the end of the text before a hit. */
const TARGET_ARGUMENT = /\s(?:-u|--url)[ =]["']?[^\s"']*$/;

/** This module's patterns, for the ReDoS test (they run on every candidate value and on lines naming a scanner). */
export const PLACEHOLDER_PATTERNS: readonly RegExp[] = [
  PLACEHOLDER_WORD,
  VARIABLE_SHAPE,
  SECRET_SEGMENT,
  SECRET_FIRST,
  REFERENCE,
  PLACEHOLDER_VALUE,
  ENCRYPTED,
  SCANNER_NAME,
  SCANNER_WORD,
  TARGET_ARGUMENT,
];
