/**
 * Whether a name (an environment variable, a config key, an HTTP header, an assignment's left side) says its
 * value is a credential: `GITHUB_TOKEN`, `aws_secret_access_key`, `apiKey`, `DB_PASS`, `Authorization`.
 * The one answer for the detector's generic rule, plaintext `env` / `headers` values and the guard's
 * "prints a secret from the environment" rule.
 *
 * Words are split at separators and camelCase humps. A strong word (token, secret, password, credential,
 * api key, …) anywhere makes the name secret, glued or not (`accesstoken`, `secret_key_base`); a weak word
 * (key, pass, auth, cookie, session, pat) only as the last word (`STRIPE_KEY`, not `SORT_KEY_ORDER`). A name
 * ending in a word that says it holds something *about* the secret (`…_ID`, `…Path`, `…_URL`, `…Date`, `…ExpiresAt`,
 * `…_VERSION`, `…-permissions`, and
 * a hash of it: `…Hash`, `…_sha256`, `…_digest`, `…_checksum`, `…Fingerprint`) is not secret, nor is one that says its value
 * is encrypted or hashed (`encrypted_password`, `hashedPassword`, `…_ENC`), nor is a key or token that is no credential by what qualifies it:
 * a public or publishable key, a (reCAPTCHA) site key, a browser SDK's client key or token (Adyen `clientKey`, Datadog
 * RUM `clientToken`: public by design; a client *secret* stays secret), a cache, sort, primary or idempotency key, a page or continuation token, a GPG key (its id or fingerprint; a private key is an armored block), a WebSocket handshake key (a nonce), an anonymous (`anon`, Supabase) key, a tokenizer's
 * special tokens (`STRIPE_PUBLISHABLE_KEY`, `cacheKey`, `nextPageToken`, `pad_token`).
 */
export function isSecretName(name: string): boolean {
  let known = seen.get(name);
  if (known === undefined) {
    if (seen.size >= 1024) seen.clear();
    known = decide(name);
    seen.set(name, known);
  }
  return known;
}

/**
 * Answers by name: the detector asks once per candidate value, and a text repeats the same few names
 * (`api_key`, `token`) many times. Bounded, so a text of random names cannot grow it.
 */
const seen = new Map<string, boolean>();

function decide(name: string): boolean {
  // $PWD and $OLDPWD are the shell's working directory, not a password.
  if (name === 'PWD' || name === 'OLDPWD') return false;
  const words = nameWords(name);
  const last = lastWord(words);
  if (ABOUT_A_SECRET.test(last) || NOT_A_CREDENTIAL.test(words) || CIPHERTEXT.test(words)) return false;
  return WEAK.test(last) || STRONG.test(words) || FOREIGN_STRONG.test(words) || FOREIGN_KEY.test(words);
}

/** `apiKey2` → `api_key_2`: words split at camelCase humps and letter-digit steps, lower case. */
function nameWords(name: string): string {
  return name.replace(HUMPS, '$1$3_$2$4').toLowerCase();
}

/** The last word of a name's words, ignoring a trailing number (`API_KEY_2`: a numbered copy is still the key). */
function lastWord(words: string): string {
  let end = words.length;
  while (end > 0 && !isLetter(words.charCodeAt(end - 1))) end--;
  let start = end;
  while (start > 0 && isLetter(words.charCodeAt(start - 1))) start--;
  return words.slice(start, end);
}

/**
 * Whether a name's last word says it holds something about a secret rather than the secret (`ALGOLIA_ICON_HASH`,
 * `datadog_checksum`, `ZENDESK_TICKET_ID`, `stripeWebhookUrl`): the anchored pass asks this of names holding a
 * provider's keyword.
 */
export function namesSomethingElse(name: string): boolean {
  return ABOUT_A_SECRET.test(lastWord(nameWords(name)));
}

function isLetter(c: number): boolean {
  return c >= 97 && c <= 122;
}

/** A camelCase hump or a letter-digit step: `apiKey2` reads as `api_Key_2`. */
const HUMPS = /([a-z0-9])([A-Z])|([A-Za-z])(\d)/g;
/** Anywhere, glued to what comes before (`accesstoken`) but not to what follows (`tokenizer`, `max_tokens`). */
const STRONG =
  /(?:token|secrets?|passwords?|passwd|passphrase|credentials?|(?:api|private|access|auth)[^a-z0-9]?keys?)(?![a-z0-9])/;
/** Only as the last word: `STRIPE_KEY`, not `SORT_KEY_ORDER`. */
const WEAK = /^(?:keys?|pass|pwd|pat|auth|authorization|cookies?|session)$/;
/**
 * Secret words of other languages: the one table for this module's name test and the detector's rules (rules.ts
 * builds its password-name test, the name pattern of `generic-secret-assignment-other-names` and that rule's
 * keywords from it). `word` is a regex source in lower case, with or without the word's accents; `keywords` are
 * literals one of which every occurrence holds, as the keyword pass finds them (ASCII in any case; a literal outside
 * ASCII as written, so in each case it is written in). `key` words make a secret only alone or as an API, secret or
 * private key (`clave_api`; `clave_primaria` is a key of something else).
 */
export interface ForeignSecretWord {
  word: string;
  kind: 'password' | 'secret' | 'key';
  keywords: readonly string[];
}

export const FOREIGN_SECRET_WORDS: readonly ForeignSecretWord[] = [
  // Passwords: Spanish/Portuguese/French/German/Dutch/Finnish/Polish/Czech/Hungarian/Swedish/Danish/Norwegian/
  // Turkish/Italian/Indonesian/Vietnamese, then Greek, Russian, Chinese, Japanese, Korean, Hebrew, Arabic.
  { word: 'contrase(?:ñ|n)a', kind: 'password', keywords: ['contrase'] },
  { word: 'senha', kind: 'password', keywords: ['senha'] },
  { word: 'mot_?de_?passe|motdepasse', kind: 'password', keywords: ['de_passe', 'depasse'] },
  { word: 'passwort', kind: 'password', keywords: ['passwort'] },
  { word: 'kennwort', kind: 'password', keywords: ['kennwort'] },
  { word: 'wachtwoord', kind: 'password', keywords: ['wachtwoord'] },
  { word: 'salasana', kind: 'password', keywords: ['salasana'] },
  { word: 'has(?:ł|l)o', kind: 'password', keywords: ['haslo', 'hasło', 'Hasło', 'HASŁO'] },
  { word: 'heslo', kind: 'password', keywords: ['heslo'] },
  { word: 'jelsz(?:ó|o)', kind: 'password', keywords: ['jelsz'] },
  { word: 'l(?:ö|o)senord', kind: 'password', keywords: ['senord'] },
  { word: 'adgangskode', kind: 'password', keywords: ['adgangskode'] },
  { word: 'passord', kind: 'password', keywords: ['passord'] },
  { word: '(?:ş|s)ifre', kind: 'password', keywords: ['ifre'] },
  { word: 'parola', kind: 'password', keywords: ['parola'] },
  { word: 'kata_?sandi', kind: 'password', keywords: ['sandi'] },
  { word: 'mat_?khau|mật_?khẩu', kind: 'password', keywords: ['khau', 'mật_khẩu'] },
  { word: 'κωδικός', kind: 'password', keywords: ['κωδικός'] },
  { word: 'пароль', kind: 'password', keywords: ['пароль', 'Пароль', 'ПАРОЛЬ'] },
  { word: '密码', kind: 'password', keywords: ['密码'] },
  { word: '密碼', kind: 'password', keywords: ['密碼'] },
  { word: '口令', kind: 'password', keywords: ['口令'] },
  { word: 'パスワード', kind: 'password', keywords: ['パスワード'] },
  { word: '비밀번호', kind: 'password', keywords: ['비밀번호'] },
  { word: '암호', kind: 'password', keywords: ['암호'] },
  { word: 'סיסמה', kind: 'password', keywords: ['סיסמה'] },
  { word: 'كلمة_?المرور', kind: 'password', keywords: ['كلمة_المرور', 'كلمةالمرور'] },
  // Secrets, tokens, credentials.
  { word: 'geheimnis', kind: 'secret', keywords: ['geheim'] },
  { word: 'segredo', kind: 'secret', keywords: ['segred'] },
  { word: 'segret[oa]', kind: 'secret', keywords: ['segret'] },
  { word: 'zugangsdaten', kind: 'secret', keywords: ['zugangsdaten'] },
  { word: 'credenciales', kind: 'secret', keywords: ['credenciales'] },
  { word: 'identifiants', kind: 'secret', keywords: ['identifiants'] },
  { word: 'токен', kind: 'secret', keywords: ['токен', 'Токен', 'ТОКЕН'] },
  { word: 'секрет', kind: 'secret', keywords: ['секрет', 'Секрет'] },
  { word: '密钥', kind: 'secret', keywords: ['密钥'] },
  { word: '秘钥', kind: 'secret', keywords: ['秘钥'] },
  { word: '令牌', kind: 'secret', keywords: ['令牌'] },
  { word: '凭证', kind: 'secret', keywords: ['凭证'] },
  { word: '凭据', kind: 'secret', keywords: ['凭据'] },
  { word: '私钥', kind: 'secret', keywords: ['私钥'] },
  { word: 'トークン', kind: 'secret', keywords: ['トークン'] },
  { word: '秘密鍵', kind: 'secret', keywords: ['秘密鍵'] },
  { word: 'シークレット', kind: 'secret', keywords: ['シークレット'] },
  { word: '토큰', kind: 'secret', keywords: ['토큰'] },
  { word: '비밀\\s?키', kind: 'secret', keywords: ['비밀'] },
  // Keys.
  { word: 'clave', kind: 'key', keywords: ['clave'] },
  { word: 'chave', kind: 'key', keywords: ['chave'] },
  { word: 'cl(?:é|e)', kind: 'key', keywords: ['clé', 'Clé', 'CLÉ'] },
  { word: 'schl(?:ü|ue|u)ssel', kind: 'key', keywords: ['ssel'] },
  { word: 'chiave', kind: 'key', keywords: ['chiave'] },
  { word: 'sleutel', kind: 'key', keywords: ['sleutel'] },
  { word: 'nyckel', kind: 'key', keywords: ['nyckel'] },
  { word: 'n(?:ø|o)(?:gle|kkel)', kind: 'key', keywords: ['nøgle', 'nøkkel', 'nogle', 'nokkel'] },
  { word: 'klucz', kind: 'key', keywords: ['klucz'] },
  { word: 'kl(?:í|i)(?:č|c)', kind: 'key', keywords: ['klíč', 'klic'] },
  { word: 'anahtar', kind: 'key', keywords: ['anahtar'] },
  { word: 'kulcs', kind: 'key', keywords: ['kulcs'] },
  { word: 'cheie', kind: 'key', keywords: ['cheie'] },
  { word: 'kunci', kind: 'key', keywords: ['kunci'] },
  { word: 'avain', kind: 'key', keywords: ['avain'] },
  { word: 'ключ', kind: 'key', keywords: ['ключ', 'Ключ', 'КЛЮЧ'] },
];

/** The words of one kind as a regex alternation; Latin-script ones (`latin`) or the others. */
export function foreignWords(kinds: readonly ForeignSecretWord['kind'][], latin?: boolean): string {
  return FOREIGN_SECRET_WORDS.filter(
    (w) => kinds.includes(w.kind) && (latin === undefined || /^[a-z(]/.test(w.word) === latin),
  )
    .map((w) => w.word)
    .join('|');
}

/** The strong words in other languages (password, secret, token, credential); no word boundaries in CJK names. */
const FOREIGN_STRONG = new RegExp(
  `(?:${foreignWords(['password', 'secret'], true)})(?![a-z])|${foreignWords(['password', 'secret'], false)}`,
);
/**
 * A key word in another language, as the last word or before a word that makes it an API, secret or private key
 * (`clave_api`, `chiave_segreta`, `api_schlüssel`); `clave_primaria` and `clé_publique` stay keys of something else.
 */
const FOREIGN_KEY = new RegExp(
  `(?:^|[^\\p{L}\\p{N}])(?:${foreignWords(['key'])})(?:[^\\p{L}\\p{N}](?:api|secret[ao]?|secr(?:è|e)te|segret[ao]|privad[ao]|priv(?:é|e)e|privat[ao]?|geheim|acceso|acesso|acc(?:è|e)s|accesso|zugang|dost(?:ę|e)pu|секретный))?$`,
  'u',
);
/** Last words of names that hold an id, a name, a place or a size of a secret rather than the secret. */
const ABOUT_A_SECRET =
  /^(?:ids?|names?|files?|paths?|url|uri|type|length|size|count|len|prefix|header|field|env|ref|dir|date|time|timestamp|at|expiry|expires|expiration|ttl|version|permissions?|mode|helper|endpoint|host|scopes?|hash(?:es|ed)?|digest|checksum|sha|md|crc|fingerprint|encrypted|enc|ciphertext|stdin|algorithm|algo|policy|hint|strength|complexity)$/;

/** A name that says its value is encrypted or hashed (`encrypted_password`, `hashedPassword`, `wrapped_key`): ciphertext, not the secret. */
const CIPHERTEXT = /(?:^|[^a-z0-9])(?:encrypted|hashed|ciphered|wrapped|sealed)[^a-z0-9]/;

/** A key or token word right after a word that makes it something other than a credential. */
const NOT_A_CREDENTIAL =
  /(?:^|[^a-z0-9])(?:public|publishable|cache|primary|sort|partition|foreign|idempotency|dedup|dedupe|hash|checksum|digest|etag|fingerprint|next|page|continuation|pagination|sync|resume|cursor|csrf|xsrf|site|client|bos|eos|pad|unk|sep|cls|mask|gpg|pgp|gnupg|sec[^a-z0-9]?web[^a-z0-9]?socket|anon)[^a-z0-9]?(?:keys?|tokens?)(?![a-z0-9])/;

/** This module's patterns, for the ReDoS test. */
export const NAME_PATTERNS: readonly RegExp[] = [
  HUMPS,
  STRONG,
  WEAK,
  ABOUT_A_SECRET,
  NOT_A_CREDENTIAL,
  CIPHERTEXT,
  FOREIGN_STRONG,
  FOREIGN_KEY,
];
