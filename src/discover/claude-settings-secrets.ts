import { maskSecret } from '../core/redact.js';
import { findSecrets } from '../scanners/secrets/detect.js';

export interface PlaintextSecret {
  key: string;
  /** Masked value, safe to print. */
  masked: string;
  /** Why it counts as a secret: a detector rule id or `secret-looking name`. */
  reason: string;
}

const SECRET_NAME =
  /(?:^|[_-])(?:TOKEN|KEY|SECRET|SECRETS|PASSWORD|PASSWD|PASS|PWD|PAT|CREDENTIAL|CREDENTIALS|AUTH|APIKEY|COOKIE|SESSION)$|^(?:AUTHORIZATION|PROXY-AUTHORIZATION|X-API-KEY|COOKIE)$/i;

/** `${VAR}`, `$VAR`, `${VAR:-default}`: a reference to the environment, which is the recommended form. */
const ENV_REFERENCE = /^\$\{?[A-Za-z_][A-Za-z0-9_]*(?::-[^}]*)?\}?$/;

function looksLikePlaceholder(value: string): boolean {
  return /^(?:x+|\*+|\.+|<[^>]*>|your[-_ ].*|changeme|example.*|redacted.*|placeholder.*|none|null|true|false)$/i.test(
    value,
  );
}

/**
 * Decides whether an `env` / `headers` entry holds a literal secret. Env references (`${GITHUB_TOKEN}`)
 * and placeholders are fine; a detector hit or a secret-looking name with a real-looking value is not.
 */
export function plaintextSecret(key: string, raw: unknown): PlaintextSecret | undefined {
  if (typeof raw !== 'string') return undefined;
  const value = raw.trim();
  const hit = findSecrets(value)[0];
  if (hit) return { key, masked: maskSecret(value.slice(hit.start, hit.end)), reason: hit.ruleId };
  const credential = value.replace(/^(?:Bearer|Basic|Token|Bot)\s+/i, '');
  if (!SECRET_NAME.test(key) || credential.length < 8) return undefined;
  if (ENV_REFERENCE.test(credential) || credential.includes('${') || looksLikePlaceholder(credential))
    return undefined;
  // Paths and URLs under a secret-ish name (KEY_FILE-like values) point at a secret; they are not one.
  if (/^(?:[~/.]|[a-z]+:\/\/[^@]*$)/i.test(credential) || /\s/.test(credential)) return undefined;
  return { key, masked: maskSecret(credential), reason: 'secret-looking name' };
}

/** Every plaintext secret in a string map such as `env` or `headers`. */
export function plaintextSecrets(map: unknown): PlaintextSecret[] {
  if (typeof map !== 'object' || map === null || Array.isArray(map)) return [];
  return Object.entries(map).flatMap(([key, value]) => plaintextSecret(key, value) ?? []);
}
