/**
 * Whether a name (an environment variable, a config key, an HTTP header, an assignment's left side) says its
 * value is a credential: `GITHUB_TOKEN`, `aws_secret_access_key`, `apiKey`, `DB_PASS`, `Authorization`.
 * The one answer for the detector's generic rule, plaintext `env` / `headers` values and the guard's
 * "prints a secret from the environment" rule.
 *
 * Words are split at separators and camelCase humps. A strong word (token, secret, password, credential,
 * api key, …) anywhere makes the name secret, glued or not (`accesstoken`, `secret_key_base`); a weak word
 * (key, pass, auth, cookie, session, pat) only as the last word (`STRIPE_KEY`, not `SORT_KEY_ORDER`). A name
 * ending in a word that says it holds something *about* the secret (`…_ID`, `…Path`, `…_URL`) is not secret.
 */
export function isSecretName(name: string): boolean {
  // $PWD and $OLDPWD are the shell's working directory, not a password.
  if (name === 'PWD' || name === 'OLDPWD') return false;
  const words = name
    .replace(/([a-z0-9])([A-Z])|([A-Za-z])(\d)/g, '$1$3 $2$4')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  // `API_KEY_2`: a numbered copy is still the key.
  while (words.length > 1 && /^\d+$/.test(words[words.length - 1] ?? '')) words.pop();
  const last = words[words.length - 1];
  if (last === undefined || ABOUT_A_SECRET.test(last)) return false;
  if (WEAK.test(last)) return true;
  return words.some((w, i) => STRONG.test(w) || STRONG.test(w + (words[i + 1] ?? '')));
}

const STRONG =
  /^[a-z]*(?:token|secrets?|passwords?|passwd|passphrase|credentials?|apikeys?|privatekey|accesskey|secretkey|authkey|clientsecret)$/;
const WEAK = /^(?:keys?|pass|pwd|pat|auth|authorization|cookies?|session)$/;
/** Last words of names that hold an id, a name, a place or a size of a secret rather than the secret. */
const ABOUT_A_SECRET =
  /^(?:ids?|name|names|file|files|path|paths|url|uri|type|length|size|count|len|prefix|header|field|env|ref)$/;
