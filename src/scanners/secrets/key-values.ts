import { findSecrets } from './detect.js';
import { maskSecret, secretFingerprint } from './mask.js';
import { isSecretName } from './names.js';
import { isPlaceholder } from './placeholders.js';

/** A literal secret held by one entry of a string map such as `env` or `headers`. */
export interface PlaintextSecret {
  key: string;
  /** Masked value, safe to print. */
  masked: string;
  fingerprint: string;
  /** Why it counts as a secret: a detector rule id or `secret-looking name`. */
  reason: string;
}

/**
 * Decides whether an `env` / `headers` entry holds a literal secret. Env references (`${GITHUB_TOKEN}`)
 * and placeholders are fine; a detector hit or a secret-looking name with a real-looking value is not.
 */
export function plaintextSecret(key: string, raw: unknown): PlaintextSecret | undefined {
  if (typeof raw !== 'string') return undefined;
  const value = raw.trim();
  const hit = findSecrets(value)[0];
  if (hit) return { key, masked: hit.masked, fingerprint: hit.fingerprint, reason: hit.ruleId };
  const credential = value.replace(/^(?:Bearer|Basic|Token|Bot)\s+/i, '');
  if (!isSecretName(key) || credential.length < 8 || isPlaceholder(credential)) return undefined;
  // Paths and URLs under a secret-ish name (KEY_FILE-like values) point at a secret; they are not one.
  if (/^(?:[~/.]|[a-z]+:\/\/[^@]*$)/i.test(credential) || /\s/.test(credential)) return undefined;
  return {
    key,
    masked: maskSecret(credential),
    fingerprint: secretFingerprint(credential),
    reason: 'secret-looking name',
  };
}

/** Every plaintext secret in a string map such as `env` or `headers`. */
export function plaintextSecrets(map: unknown): PlaintextSecret[] {
  if (typeof map !== 'object' || map === null || Array.isArray(map)) return [];
  return Object.entries(map).flatMap(([key, value]) => plaintextSecret(key, value) ?? []);
}
